"""QA: bad China shipments through ``tradecheck.cli.main``: one ``error:`` line, non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tradecheck.cli import main

from .conftest import shipment

BAD: list[tuple[str, dict[str, Any], str]] = [
    ("enum", shipment("2853909031", params={"crystal_form": "amorphous"}), "crystal_form"),
    ("number-as-text", shipment("2825800010", params={"purity_pct": "99.99%"}), "purity_pct"),
    ("boolean-as-text", shipment("7105102000", params={"decorative_use": "yes"}), "decorative_use"),
    (
        "list-as-text",
        shipment("8101999001", params={"block_dimensions_mm": "120x120x50"}),
        "block_dimensions_mm",
    ),
    (
        "negative-size",
        shipment("7105102000", params={"average_particle_size_um": -5}),
        "average_particle_size_um",
    ),
    ("purity-over-100", shipment("2825800010", params={"purity_pct": 100.5}), "purity_pct"),
    (
        "negative-in-list",
        shipment("8101999001", params={"block_dimensions_mm": [120, -1, 50]}),
        "block_dimensions_mm",
    ),
    ("parameters-not-object", shipment("2825800010", params=[99.99]), "parameters"),  # type: ignore[arg-type]
    ("unknown-technology", shipment(item_type="technology", technology="warp-drive"), "warp-drive"),
    ("hs-with-dots", shipment("2825.80.0010"), "hs_code"),
    ("destination-name", shipment("2825800010", to="Germany"), "destination"),
    ("no-destination", {"origin": "CN", "items": [{"hs_code": "2825800010"}]}, "destination"),
    ("no-items", {"origin": "CN", "destination": "DE"}, "items"),
]


@pytest.mark.parametrize(("name", "case", "needle"), BAD, ids=[b[0] for b in BAD])
def test_bad_case_is_one_error_line(
    name: str,
    case: dict[str, Any],
    needle: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    code = main(["check", str(path), "--json"])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1, captured.err
    assert needle in captured.err, captured.err


def test_misspelt_parameter_is_named_in_an_advisory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unread parameter is not an error (cases carry facts for every regime), but it is
    never silently dropped: the answer names it and the likely intended name."""
    monkeypatch.setenv("TRADECHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(shipment("2825800010", params={"purity": 99.999})), "utf-8")
    assert main(["check", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    msgs = [a["message"] for a in out["advisories"] if a["kind"] == "unknown-parameter"]
    assert msgs and "parameters.purity" in msgs[0] and "'purity_pct'" in msgs[0]
    # The missing real parameter still decides: review, never allowed.
    sb3 = [f for f in out["findings"] if f["rule"] == "cn-2024-33-sb-3"]
    assert sb3 and sb3[0]["outcome"] == "review"
