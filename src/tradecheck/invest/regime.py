"""Adapter so the case engine can run the outbound regime on a case that carries a deal.

The engine (``tradecheck.engine``) runs evaluators ``evaluate(case, as_of) ->
(findings, advisories)``. A case with a ``deal`` object (the deal schema) is
evaluated here; a case without one gives nothing. To enable it, the case schema
needs a ``deal`` property and ``REGIMES`` one line: ``invest_regime.evaluate``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tradecheck.invest.deal import parse_deal
from tradecheck.invest.evaluator import evaluate_deal
from tradecheck.outcome import Advisory, Finding


def evaluate(case: Any, as_of: date) -> tuple[list[Finding], list[Advisory]]:
    """Evaluate ``case.raw["deal"]`` (if any) under 31 CFR Part 850.

    The deal's own completion date governs (850.204); the case date is used only
    when the deal has none.
    """
    raw = getattr(case, "raw", {}) or {}
    doc = raw.get("deal")
    if doc is None:
        return [], []
    deal = parse_deal(doc, source="case: $.deal")
    has_date = deal.tx_date("completion_date") or deal.lp_date("fund_investment_date")
    det = evaluate_deal(deal, None if has_date else as_of, screener=getattr(case, "screener", None))
    return det.findings, det.advisories
