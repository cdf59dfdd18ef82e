"""Licence scope, review policy and licence exceptions for one advanced-computing item.

Each function reads the ``us-ear`` rules of one kind that are in force on the
date and returns its answer with the rules it rests on, so the finding can cite
them and carry their advisories. Text in force but not applied (not enforced,
before its compliance date, suspended) never decides the answer; it becomes an
advisory that names the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tradecheck.outcome import Advisory
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules
from tradecheck.rules.us.groups import GroupIndex

if TYPE_CHECKING:
    from tradecheck.classify.chip import ChipClassification
    from tradecheck.engine import CaseContext

#: Roles whose headquarters the headquarters rule looks at (a party with no role counts).
RECEIVING_ROLES = {
    "end-user",
    "ultimate-consignee",
    "consignee",
    "intermediate-consignee",
    "purchaser",
    None,
}


def receivers(case: CaseContext) -> list[dict[str, Any]]:
    """The parties that receive or use the item."""
    return [p for p in case.parties if p.get("role") in RECEIVING_ROLES]


def hq_countries(party: dict[str, Any]) -> list[str]:
    """The party's own and its ultimate parent's headquarters countries, where given."""
    return [c for c in (party.get("headquarters"), party.get("parent_headquarters")) if c]


@dataclass(slots=True)
class Scope:
    """Whether a licence is required, by which rules, and what stayed unknown."""

    required: bool = False
    rules: list[Rule] = field(default_factory=list)  # rules that require the licence
    consulted: list[Rule] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    unknown_hq: list[str] = field(default_factory=list)
    advisories: list[Advisory] = field(default_factory=list)
    hq_parties: list[str] = field(default_factory=list)
    #: Requirements lifted only by an end-user-type exemption of an unverified rule.
    unverified_exemptions: list[str] = field(default_factory=list)
    exempting: list[Rule] = field(default_factory=list)


def _hq_match(idx: GroupIndex, expr: dict[str, Any], parties: list[dict[str, Any]]) -> list[str]:
    return [
        f"{p['name']} (headquarters {', '.join(hq_countries(p))})"
        for p in parties
        if any(idx.matches(expr, c) for c in hq_countries(p))
    ]


def _exempt(rule: Rule, parties: list[dict[str, Any]]) -> bool:
    exempt = set(rule.data.get("exempt_end_user_types", []))
    users = [p for p in parties if p.get("role") in ("end-user", None)]
    return bool(exempt) and bool(users) and all(p.get("end_user_type") in exempt for p in users)


def licence_scope(case: CaseContext, fam: str, on: date, idx: GroupIndex) -> Scope:
    """Apply every ``licence-scope`` rule in force to an item of family ``fam``."""
    out = Scope()
    parties = receivers(case)
    dest = idx.describe(case.destination)
    for rule in all_rules("us-ear"):
        if (
            rule.kind != "licence-scope"
            or not rule.in_force(on)
            or fam not in rule.data["paragraphs"]
            or idx.matches(rule.data.get("except_destinations"), case.destination)
        ):
            continue
        out.consulted.append(rule)
        out.consulted.extend(idx.rules_for(rule.data.get("destinations")))
        by_dest = idx.matches(rule.data.get("destinations"), case.destination)
        hq_expr = rule.data.get("headquarters")
        by_hq = _hq_match(idx, hq_expr, parties) if hq_expr else []
        if hq_expr and not by_dest:
            out.unknown_hq.extend(p["name"] for p in parties if not hq_countries(p))
            if not parties:
                out.unknown_hq.append("(no end user given)")
        if not (by_dest or by_hq):
            continue
        why = f"destination {dest}" if by_dest else "headquarters rule: " + "; ".join(by_hq)
        if _exempt(rule, parties):
            if rule.applies(on) and rule.confidence == "unverified":
                # The exemption is the only thing between this item and a licence, and it
                # rests on an unverified rule and on the end user's stated type: not allowed.
                types = ", ".join(rule.data.get("exempt_end_user_types", []))
                out.unverified_exemptions.append(
                    f"{rule.title} [{rule.id}] ({why}) exempts end users of type {types}, as "
                    f"stated for this end user; the exemption is unverified "
                    f"({rule.confidence_note or 'confidence unverified'})"
                )
                out.exempting.append(rule)
            continue
        if rule.applies(on):
            out.required = True
            out.rules.append(rule)
            out.hq_parties.extend(by_hq)
            out.reasons.append(f"{rule.title} [{rule.id}] - {why}")
        else:
            out.advisories.append(
                Advisory(
                    "enforcement-statement" if not rule.is_enforced(on) else "not-applied",
                    f"The text of {rule.id} ({rule.title}) would require a licence ({why}), but "
                    "it is not applied on this date (not enforced, suspended or before its "
                    "compliance date); the answer follows the scope that is applied.",
                    rule.id,
                    rule.citations,
                )
            )
    if out.required:
        # Text that is not applied only matters when it would change the answer.
        out.unknown_hq, out.advisories, out.unverified_exemptions = [], [], []
        out.consulted = [r for r in out.consulted if r.applies(on)]
        out.advisories.extend(
            Advisory("savings-clause", f"{r.title}: {r.data['note']}", r.id, r.citations)
            for r in all_rules("us-ear")
            if r.kind == "savings-clause"
            and r.applies(on)
            and fam in r.data["paragraphs"]
            and idx.matches(r.data["destinations"], case.destination)
        )
    return out


def _item_limits_ok(limits: dict[str, float], cls: ChipClassification | None) -> bool | None:
    if not limits:
        return True
    figures = {
        "tpp_lt": cls.tpp if cls else None,
        "dram_bandwidth_gbps_lt": cls.dram_bandwidth_gbps if cls else None,
    }
    verdicts = [None if figures[k] is None else figures[k] < v for k, v in limits.items()]  # type: ignore[operator]
    return False if False in verdicts else None if None in verdicts else True


def review_policy(
    case: CaseContext, on: date, idx: GroupIndex, cls: ChipClassification | None
) -> tuple[str, list[Rule], str]:
    """The licence review policy: (policy, rules it rests on, explanation)."""
    parties = receivers(case)
    found: list[Rule] = []
    for rule in all_rules("us-ear"):
        if rule.kind != "review-policy" or not rule.applies(on):
            continue
        m = rule.data["match"]
        if "transactions" in m and case.transaction not in m["transactions"]:
            continue
        if "origins" in m and (case.origin or "US") not in m["origins"]:
            continue
        if idx.matches(m.get("destinations"), case.destination) or (
            m.get("headquarters") and _hq_match(idx, m["headquarters"], parties)
        ):
            found.append(rule)
    if not found:
        return "not stated in the rule packs", [], "no review-policy rule matches"
    top = max(found, key=lambda r: r.data["priority"])
    limits_ok = _item_limits_ok(top.data.get("item_limits", {}), cls)
    conds = top.data.get("conditions", [])
    attested = [case.conditions.get(c["id"]) for c in conds]
    otherwise = top.data.get("otherwise", top.data["policy"])
    cond_text = "; ".join(f"{c['id']}: {c['text']}" for c in conds)
    if limits_ok is False:
        return otherwise, [top], f"item above the limits of {top.id}: {otherwise}"
    if limits_ok is None:
        return (
            f"{otherwise}; {top.data['policy']} if the item is within {top.data['item_limits']}"
            " (figures unknown)",
            [top],
            "item figures unknown",
        )
    if conds and not all(attested):
        return (
            f"{otherwise}; {top.data['policy']} if the conditions are met ({cond_text})",
            [top],
            "conditions not attested in the case",
        )
    return top.data["policy"], [top], f"{top.title} [{top.id}]"


def licence_exceptions(
    case: CaseContext, fam: str, on: date, idx: GroupIndex, cls: ChipClassification | None
) -> tuple[list[str], list[Rule]]:
    """Licence exceptions that may be available, each with its conditions."""
    parties = receivers(case)
    out: list[str] = []
    rules: list[Rule] = []
    for rule in all_rules("us-ear"):
        d = rule.data
        if rule.kind != "licence-exception" or not rule.applies(on) or not d["offered"]:
            continue
        if fam not in d["paragraphs"]:
            continue
        if "transactions" in d and case.transaction not in d["transactions"]:
            continue
        dc = cls.datacenter if cls else None
        if d.get("not_datacenter_a") and fam.endswith(".a") and dc is not False:
            continue  # datacenter .a ICs (or unknown design) are outside NAC/ACA
        if "max_memory_bandwidth_density" in d:
            mbd = cls.memory_bandwidth_density if cls else None
            if mbd is None or mbd >= d["max_memory_bandwidth_density"]:
                continue
        if "destinations" in d or "headquarters" in d:
            by_dest = idx.matches(d.get("destinations"), case.destination)
            by_hq = bool(d.get("headquarters")) and bool(_hq_match(idx, d["headquarters"], parties))
            if not (by_dest or by_hq):
                continue
        if d.get("not_headquartered_in") and _hq_match(idx, d["not_headquartered_in"], parties):
            continue  # e.g. ACA is not for Macau/D:5-headquartered entities
        out.append(f"{d['exception']} ({d['section']}): {d['conditions']}")
        rules.append(rule)
    return out, rules
