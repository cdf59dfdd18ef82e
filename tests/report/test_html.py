"""The HTML report escapes what it shows, draws charts and carries the disclaimer."""

from __future__ import annotations

from pathlib import Path

from tradecheck.report import BarChart, Report, Section


def test_report_escapes_and_draws(tmp_path: Path) -> None:
    report = Report("t <1>")
    report.sections.append(
        Section(
            "Matches",
            "a & b",
            ["name", "outcome"],
            [["<script>x</script>", "prohibited"]],
            [BarChart("Outcomes", ["prohibited", "allowed"], [3.0, 12000.0])],
        )
    )
    html = report.write(tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert "a &amp; b" in html and "t &lt;1&gt;" in html
    assert html.count("<svg") == 1 and "12,000" in html
    assert 'class="o-prohibited"' in html
    assert "decision support, not legal advice" in html
