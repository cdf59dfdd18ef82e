"""A small self-contained HTML report: tables, bar charts as inline SVG, a disclaimer."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

DISCLAIMER = (
    "tradecheck gives decision support, not legal advice. Answers rest on the rule packs and "
    "list snapshots named in each section; confirm with counsel before acting."
)

_OUTCOME_COLOURS = {
    "prohibited": "#b71c1c",
    "license-required": "#e65100",
    "notifiable": "#f9a825",
    "review": "#1565c0",
    "allowed": "#2e7d32",
}


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


@dataclass(slots=True)
class BarChart:
    """A horizontal bar chart: labels and values (drawn as inline SVG)."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = ""

    def to_svg(self) -> str:
        """Render as an SVG element."""
        width, bar_h, gap, label_w = 640, 18, 6, 180
        top = 24
        height = top + len(self.values) * (bar_h + gap) + 10
        vmax = max(self.values, default=0) or 1
        parts = [
            f'<svg role="img" aria-label="{html.escape(self.title)}" width="{width}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" '
            f'font-size="12">',
            f'<text x="0" y="14" font-weight="bold">{html.escape(self.title)}</text>',
        ]
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = top + i * (bar_h + gap)
            w = (width - label_w - 90) * value / vmax
            colour = _OUTCOME_COLOURS.get(label, "#546e7a")
            parts.append(
                f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">'
                f"{html.escape(label)}</text>"
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{colour}"/>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{_fmt(value)}{self.unit}</text>'
            )
        parts.append("</svg>")
        return "".join(parts)


@dataclass(slots=True)
class Section:
    """A report section: a heading, a paragraph, a table and any charts."""

    title: str
    text: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)

    def to_html(self) -> str:
        """Render the section."""
        out = [f"<section><h2>{html.escape(self.title)}</h2>"]
        if self.text:
            out.append(f"<p>{html.escape(self.text)}</p>")
        if self.columns:
            out.append("<table><thead><tr>")
            out.extend(f"<th>{html.escape(c)}</th>" for c in self.columns)
            out.append("</tr></thead><tbody>")
            for row in self.rows:
                cells = []
                for cell in row:
                    cls = f' class="o-{cell}"' if cell in _OUTCOME_COLOURS else ""
                    cells.append(f"<td{cls}>{html.escape(cell)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
        out.extend(c.to_svg() for c in self.charts)
        out.append("</section>")
        return "".join(out)


@dataclass(slots=True)
class Report:
    """A whole report."""

    title: str
    sections: list[Section] = field(default_factory=list)

    def to_html(self) -> str:
        """Render the page."""
        style = (
            "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
            "table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;"
            "padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}"
            ".disclaimer{background:#fff3e0;border-left:4px solid #e65100;padding:.5em 1em}"
            + "".join(f".o-{k}{{color:{v};font-weight:bold}}" for k, v in _OUTCOME_COLOURS.items())
        )
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        body = "".join(s.to_html() for s in self.sections)
        return (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(self.title)}</title><style>{style}</style></head><body>"
            f"<h1>{html.escape(self.title)}</h1><p class='disclaimer'>{html.escape(DISCLAIMER)}"
            f"</p><p>Generated {stamp}.</p>{body}</body></html>"
        )

    def write(self, path: Path) -> Path:
        """Write the page to ``path`` (creating folders); return the path."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_html(), encoding="utf-8")
        return path
