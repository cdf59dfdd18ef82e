"""Is the counterparty a covered foreign person, and in which tier? (31 CFR 850.209)

Routes: (a)(1) a person of a country of concern engaged in a covered activity;
(a)(2) a holder of interests in (a)(1) persons with a financial nexus to them, in
the tier of those persons (the prohibited tier by 850.224(l)); (a)(3) the
country-of-concern partner of a joint venture that will engage in a covered
activity (the JV's activities are tested); and, for greenfield or brownfield
operations in a country of concern (850.210(a)(4)), the operation to be
established. Every answer is three-valued: ``None`` names the missing facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tradecheck.invest.activity import TIER_RANK, Hit, TierResult, classify_activities
from tradecheck.invest.deal import Deal
from tradecheck.invest.nexus import NexusResult, financial_nexus
from tradecheck.invest.ownership import CocStatus, OwnershipGraph
from tradecheck.invest.ruledata import OutboundRules


@dataclass(slots=True)
class CfpResult:
    """The covered-foreign-person answer for the deal's counterparty."""

    value: bool | None
    route: str | None = None  # a1 | a2 | a3 | a4
    rule: str | None = None  # the person rule id
    tier: str | None = None
    activity: TierResult = field(default_factory=TierResult)
    coc: CocStatus | None = None
    nexus: NexusResult | None = None
    open: list[str] = field(default_factory=list)
    reason: str = ""


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _party_where(deal: Deal, pid: str) -> str:
    return "target" if pid == deal.target.id else f"parties[{pid}]"


def _tested(
    result: TierResult, route: str, rule: str, reason: str, coc: CocStatus | None
) -> CfpResult:
    covered = result.covered
    if covered is False:
        return CfpResult(
            False, route, rule, activity=result, coc=coc, reason=reason + "; no covered activity"
        )
    return CfpResult(
        covered,
        route,
        rule,
        result.tier,
        result,
        coc,
        open=result.missing(),
        reason=reason,
    )


def _joint_venture(deal: Deal, rules: OutboundRules, on: date, graph: OwnershipGraph) -> CfpResult:
    partner = graph.status(deal.target.id)
    acts = classify_activities(
        deal.activities_tested(), rules, on, "transaction.joint_venture.activities"
    )
    if partner.value is False:
        return CfpResult(
            False,
            "a3",
            "oisp-cfp-jv",
            coc=partner,
            reason=f"the joint-venture partner {deal.target.name!r} is not a person of a "
            "country of concern",
        )
    result = _tested(
        acts,
        "a3",
        "oisp-cfp-jv",
        f"joint venture with {deal.target.name!r} ({partner.basis or 'status open'})",
        partner,
    )
    if partner.value is None and result.value is not False:
        result.value = None
        result.open = partner.missing + result.open
    return result


def _greenfield(deal: Deal, rules: OutboundRules, on: date) -> CfpResult:
    loc = deal.transaction.get("location")
    if loc is None:
        return CfpResult(None, "a4", "oisp-tx-greenfield", open=["transaction.location"])
    if loc not in rules.countries_of_concern():
        return CfpResult(
            False,
            "a4",
            "oisp-tx-greenfield",
            reason=f"the operations are in {loc}, not in a country of concern (850.210(a)(4))",
        )
    acts = classify_activities(deal.activities_tested(), rules, on, "target.activities")
    coc = CocStatus(True, "850.221(b)", f"operations established in {loc}")
    return _tested(acts, "a4", "oisp-tx-greenfield", f"new operations in {loc}", coc)


def _a1_map(
    deal: Deal, rules: OutboundRules, on: date, graph: OwnershipGraph
) -> tuple[dict[str, bool | None], dict[str, TierResult]]:
    a1: dict[str, bool | None] = {}
    tiers: dict[str, TierResult] = {}
    for pid, party in deal.parties.items():
        acts = party.fact("activities")
        tiers[pid] = classify_activities(acts, rules, on, f"{_party_where(deal, pid)}.activities")
        a1[pid] = _and(graph.status(pid).value, tiers[pid].covered)
    return a1, tiers


def assess_target(deal: Deal, rules: OutboundRules, on: date, graph: OwnershipGraph) -> CfpResult:
    """Decide whether the deal's counterparty is a covered foreign person, and its tier."""
    if deal.type == "joint-venture":
        return _joint_venture(deal, rules, on, graph)
    if deal.type in ("greenfield", "brownfield"):
        return _greenfield(deal, rules, on)
    target = deal.target
    coc = graph.status(target.id)
    a1, tiers = _a1_map(deal, rules, on, graph)
    acts = tiers[target.id]
    if a1[target.id] is True:
        return CfpResult(
            True,
            "a1",
            "oisp-cfp-activity",
            acts.tier,
            acts,
            coc,
            open=acts.missing(),
            reason=f"{target.name!r} is a person of a country of concern ({coc.basis}) "
            "engaged in a covered activity",
        )
    nexus = financial_nexus(target, deal.parties, a1, rules.data("oisp-cfp-nexus"), "target")
    if nexus.value is True:
        via = [tiers[p] for p in nexus.via]
        hits: list[Hit] = [h for t in via for h in t.hits]
        tier = max((h.tier for h in hits), key=lambda t: TIER_RANK[t], default=None)
        merged = TierResult(hits=hits, undecided=[u for t in via for u in t.undecided])
        return CfpResult(
            True,
            "a2",
            "oisp-cfp-nexus",
            tier,
            merged,
            coc,
            nexus,
            merged.missing(),
            reason=nexus.reason,
        )
    open_facts: list[str] = []
    if a1[target.id] is None:
        if coc.value is None:
            open_facts += coc.missing
        if acts.covered is None:
            open_facts += acts.missing()
    if nexus.value is None:
        open_facts += nexus.missing
    if open_facts:
        return CfpResult(None, "a1", "oisp-cfp-activity", acts.tier, acts, coc, nexus, open_facts)
    why = (
        f"{target.name!r} is not a person of a country of concern ({coc.reason})"
        if coc.value is False
        else f"{target.name!r} engages in no covered activity"
    )
    return CfpResult(False, None, "oisp-cfp-activity", None, acts, coc, nexus, reason=why)
