"""HTML reports: sections of tables and bar charts, self-contained (inline SVG, no JS)."""

from tradecheck.report.html import BarChart, Report, Section

__all__ = ["BarChart", "Report", "Section"]
