"""`tradecheck demo` runs end to end on a fresh store and writes its report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.cli import main


@pytest.mark.slow
def test_demo_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    code = main(["demo", "--db", str(tmp_path / "demo.sqlite"), "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    for heading in ("1. Lists", "2. Screening", "3. Chips", "4. Shipments", "5. Investments"):
        assert heading in text
    html = out.read_text(encoding="utf-8")
    assert "decision support, not legal advice" in html
    assert "<svg" in html and "HUAWEI" in html.upper()
    assert "3A090.a" in html
