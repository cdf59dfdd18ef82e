"""The covered-transaction analysis on one date: tier, listing, exceptions → a verdict.

This is steps 3 to 6 of the evaluation order (counterparty, transaction type,
covered activity with listed-party escalation, exceptions). The evaluator runs it
on the completion date, and on the program's first day to say what a pre-2025
deal *would* have been.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.invest.cfp import CfpResult, assess_target
from tradecheck.invest.deal import Deal
from tradecheck.invest.exceptions import ExceptionResult, evaluate_exceptions
from tradecheck.invest.listed import ListedResult, PartyScreener, check_listed
from tradecheck.invest.ownership import OwnershipGraph
from tradecheck.invest.ruledata import OutboundRules
from tradecheck.rules.pack import Rule


@dataclass(slots=True)
class Verdict:
    """The analysis result before knowledge, exemptions and obligations."""

    status: str  # prohibited | notifiable | excepted | not-covered | review
    reason: str
    rule: str  # the rule the status rests on
    tx_rule: str | None = None
    cfp: CfpResult | None = None
    listed: ListedResult | None = None
    exceptions: list[ExceptionResult] = field(default_factory=list)
    excepted_by: ExceptionResult | None = None
    missing: list[str] = field(default_factory=list)
    escalated: bool = False

    @property
    def tier(self) -> str | None:
        """The tier the facts establish (listing included)."""
        if self.cfp is None or self.cfp.value is not True:
            return None
        return "prohibited" if self.escalated else self.cfp.tier


def transaction_rule(rules: OutboundRules, deal: Deal, on: date) -> Rule:
    """The 850.210(a) paragraph rule for the deal's type (convertible debt is contingent equity)."""
    kind = deal.type
    if kind == "derivative" or (
        kind == "debt" and (deal.transaction.get("debt") or {}).get("convertible")
    ):
        kind = "contingent-equity"
    for rule in rules.of_kind("oisp-transaction", on):
        if kind in rule.data.get("types", []):
            return rule
    return rules.rule("oisp-tx-equity")


def _gate(deal: Deal, tx: Rule) -> Verdict | None:
    """Transaction-type conditions that decide coverage before the counterparty is examined."""
    t = deal.transaction
    if deal.type == "debt" and not (t.get("debt") or {}).get("convertible"):
        rights = (t.get("debt") or {}).get("equity_like_rights")
        if rights is None:
            return Verdict(
                "review",
                "whether the loan gives equity-like rights is not stated",
                tx.id,
                tx.id,
                missing=["transaction.debt.equity_like_rights"],
            )
        if not rights:
            return Verdict(
                "not-covered",
                "a loan without profit interest, board appointment or "
                "other equity-like rights is not a covered transaction (850.210(a)(2))",
                tx.id,
                tx.id,
            )
    if deal.type == "lp-interest":
        lp = t.get("lp") or {}
        if lp.get("fund_is_us_person") is True:
            return Verdict(
                "not-covered",
                "the fund is a U.S. person: 850.210(a)(6) reaches LP "
                "interests in non-U.S. funds only (the fund itself is subject to Part "
                "850)",
                tx.id,
                tx.id,
            )
        if lp.get("likely_invests_in_coc_sectors") is False:
            return Verdict(
                "not-covered",
                "the LP did not know the fund likely would invest in a "
                "person of a country of concern in the three sectors (850.210(a)(6))",
                tx.id,
                tx.id,
            )
        missing = [
            f"transaction.lp.{k}"
            for k in ("fund_is_us_person", "likely_invests_in_coc_sectors")
            if lp.get(k) is None
        ]
        if missing:
            return Verdict(
                "review", "the LP-interest conditions are not stated", tx.id, tx.id, missing=missing
            )
    return None


def _buyout_check(deal: Deal, rules: OutboundRules, on: date, graph: OwnershipGraph) -> Any:
    """A callable: is the target a covered foreign person after buying out all CoC holders?"""

    def after() -> bool | None:
        statuses = graph.statuses()
        target = deal.target
        sellers = {h.owner for h in target.owners if statuses[h.owner].value is True}
        if any(statuses[h.owner].value is None for h in target.owners):
            return None
        saved = target.owners
        target.owners = [h for h in saved if h.owner not in sellers]
        try:
            fresh = OwnershipGraph(deal.parties, graph.coc, graph.pct_ge)
            return assess_target(deal, rules, on, fresh).value
        finally:
            target.owners = saved

    return after


def analyse(
    deal: Deal,
    rules: OutboundRules,
    on: date,
    screener: PartyScreener | None,
    unavailable: str | None,
) -> Verdict:
    """Steps 3-6 of the evaluation order on ``on``."""
    tx = transaction_rule(rules, deal, on)
    gated = _gate(deal, tx)
    if gated is not None and gated.status == "not-covered":
        return gated
    coc_rule = rules.data("oisp-person-coc")
    graph = OwnershipGraph(
        deal.parties, rules.countries_of_concern(), float(coc_rule["ownership_pct_ge"])
    )
    cfp = assess_target(deal, rules, on, graph)
    if cfp.value is False:
        return Verdict("not-covered", cfp.reason, cfp.rule or tx.id, tx.id, cfp)
    listed = check_listed(deal, graph, rules.data("oisp-listed-escalation"), screener, unavailable)
    v = Verdict("review", "", cfp.rule or tx.id, tx.id, cfp, listed)
    v.escalated = bool(cfp.value and cfp.tier and listed.certain)
    v.exceptions = evaluate_exceptions(
        deal, rules, on, v.tier, _buyout_check(deal, rules, on, graph)
    )
    excepted = [e for e in v.exceptions if e.applies is True]
    if excepted:
        v.status, v.excepted_by = "excepted", excepted[0]
        v.reason, v.rule = excepted[0].reason, excepted[0].rule.id
        return v
    if gated is not None:  # a review gate: the rest is known, the gate's fact is not
        gated.cfp, gated.listed, gated.exceptions = cfp, listed, v.exceptions
        return gated
    open_exc = [e for e in v.exceptions if e.applies is None]
    missing = list(cfp.open) if cfp.value is None else []
    tier = v.tier
    if cfp.value is True and tier == "notifiable":
        missing += cfp.activity.missing()
        if listed.possible:
            missing.append(
                "resolve the possible list match of "
                + ", ".join(
                    sorted(
                        {
                            f"{h.name} ({h.code} {h.score:.2f})" if h.score is not None else h.name
                            for h in listed.possible
                        }
                    )
                )
            )
        if listed.unavailable and not listed.declared:
            missing.append(f"target.listed (list status: {listed.unavailable})")
    for e in open_exc:
        missing += e.missing
    if tier == "prohibited" and not open_exc:
        v.status, v.reason = "prohibited", cfp.reason
    elif missing:
        v.status, v.missing = "review", list(dict.fromkeys(missing))
        v.reason = "facts needed: " + "; ".join(v.missing)
    elif tier == "notifiable":
        v.status, v.reason = "notifiable", cfp.reason
    else:  # pragma: no cover - cfp True always carries a tier
        v.status, v.reason = "review", "covered foreign person without a tier"
    return v
