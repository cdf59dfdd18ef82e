"""Outbound investment: may a U.S. person make this investment? (31 CFR Part 850).

Public API::

    from tradecheck.invest import evaluate_deal, load_deal, parse_deal

    det = evaluate_deal(deal_dict, as_of=None)   # → tradecheck.outcome.Determination
    det.outcome            # prohibited | notifiable | review | allowed
    det.extra["status"]    # prohibited | notifiable | post-knowledge | excepted | exempt |
                           # not-covered | review
    det.extra["filing_deadline"], det.extra["obligations"]

See ``docs/invest.md`` for the deal format, the evaluation order and the limits.
"""

from tradecheck.invest.deal import Deal, load_deal, parse_deal
from tradecheck.invest.evaluator import evaluate_deal
from tradecheck.invest.listed import PartyScreener
from tradecheck.invest.ruledata import OutboundRules, load_outbound_rules

__all__ = [
    "Deal",
    "OutboundRules",
    "PartyScreener",
    "evaluate_deal",
    "load_deal",
    "load_outbound_rules",
    "parse_deal",
]
