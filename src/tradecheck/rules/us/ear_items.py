"""Placeholder evaluator (filled in by issue 4)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tradecheck.outcome import Advisory, Finding

if TYPE_CHECKING:
    from tradecheck.engine import CaseContext


def evaluate(case: CaseContext, as_of: date) -> tuple[list[Finding], list[Advisory]]:
    """Return no findings yet."""
    return [], []
