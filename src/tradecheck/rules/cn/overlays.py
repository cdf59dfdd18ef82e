"""Destination and end-user overlays: the US and Japanese military end-user bans,
the US presumption of denial (Ga, Ge, Sb, superhard) and enhanced review (graphite),
and the extraterritorial rare-earth rules of Ann. 61/2025.

An overlay acts on items that are dual-use on the date (an item test met); an
item that may be dual-use pending a fact gives ``review``. Each overlay keeps its
own dates and suspension windows; a suspended overlay still says so in a finding,
so that the answer shows which policy is *not* applied and until when.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.cn.case import CnCase, CnParty
from tradecheck.rules.cn.expr import evaluate
from tradecheck.rules.cn.item_findings import pending_suspension
from tradecheck.rules.cn.items import ItemResult
from tradecheck.rules.cn.spec import china_rules, parse_params
from tradecheck.rules.model import Rule

REGIME = "cn-export"


def _receivers(case: CnCase, countries: list[str]) -> list[CnParty]:
    found = [
        p for p in case.parties if not p.is_sender and (p.country or case.destination) in countries
    ]
    if not found and case.destination in countries:
        # No receiving party named in the destination (none at all, or only an
        # intermediate party elsewhere): the destination stands in, its end use unknown.
        name = f"unnamed end user in {case.destination}"
        found = [CnParty(-1, name, None, case.destination, None, None, None)]
    return found


def _finding(rule: Rule, outcome: Outcome, reason: str, subject: str, **ev: Any) -> Finding:
    # A policy is named only where the rule bites (not when suspended or not met).
    policy = rule.data.get("policy") if outcome is not Outcome.ALLOWED else None
    return Finding(
        REGIME,
        rule.id,
        outcome,
        reason,
        list(rule.citations),
        policy,
        subject=subject,
        evidence=ev,
        confidence=rule.confidence,
    )


def _reaches(rule: Rule, case: CnCase, res: ItemResult) -> bool:
    if case.from_china:
        return True
    return bool(rule.data.get("extraterritorial")) and case.cn_origin(res.item)


def _suspended_note(rule: Rule, on: date, subject: str) -> Finding:
    sus = rule.suspension_on(on)
    assert sus is not None
    # No policy: the suspended policy is exactly what does not apply.
    return Finding(
        REGIME,
        rule.id,
        Outcome.ALLOWED,
        f"{rule.title} is suspended from {sus.start} to {sus.end} "
        f"({sus.citations[0].ref}); ordinary licence review applies meanwhile.",
        list(rule.citations),
        None,
        subject=subject,
        evidence={"suspension": sus.id},
        confidence=rule.confidence,
    )


def _military(rule: Rule, case: CnCase, results: list[ItemResult], on: date) -> list[Finding]:
    d = rule.data
    types = [t.lower() for t in d.get("military_end_user_types", [])]
    terms = list(d.get("military_end_use_terms", []))
    out: list[Finding] = []
    for party in _receivers(case, d["countries"]):
        unknown = tuple(t.lower() for t in d.get("unknown_end_user_types", []))
        mil = party.military(types, terms, case.ctx.end_use, unknown)
        if mil is False:
            continue
        who = f"parties[{party.index}] ({party.name})" if party.index >= 0 else party.name
        for res in results:
            if not _reaches(rule, case, res) or res.dual_use is False:
                continue
            if res.dual_use and mil:
                outcome = rule_outcome(rule)
                why = "is a dual-use item and the party is a military end user or use"
            elif mil:
                outcome = Outcome.REVIEW
                why = "may be a dual-use item (see its item finding) and the party is military"
            else:
                outcome = Outcome.REVIEW
                why = (
                    "is or may be a dual-use item, and whether the party is a military end "
                    "user is not stated (give end_user_type, end_use or military_end_user)"
                )
            out.append(
                _finding(
                    rule,
                    outcome,
                    f"{res.item.label} {why}: {rule.title}.",
                    who,
                    item=res.item.label,
                    party_country=party.country or case.destination,
                    military=mil,
                )
            )
    return out


def rule_outcome(rule: Rule) -> Outcome:
    """The outcome a destination or extraterritorial rule gives when it bites."""
    return Outcome(rule.data.get("outcome", "review"))


def _destination(rule: Rule, case: CnCase, results: list[ItemResult], on: date) -> list[Finding]:
    d = rule.data
    countries = d["countries"]
    to_country = case.destination in countries or bool(_receivers(case, countries))
    if not to_country:
        return []
    cats = set(d.get("categories") or [])
    out = []
    for res in results:
        if not _reaches(rule, case, res):
            continue
        if res.categories() & cats:
            outcome, how = rule_outcome(rule), "is"
        elif res.categories(possible=True) & cats:
            outcome, how = Outcome.REVIEW, "may be (pending its item test)"
        else:
            continue
        if rule.suspension_on(on) is not None:
            out.append(_suspended_note(rule, on, res.item.label))
            continue
        out.append(
            _finding(
                rule,
                outcome,
                f"{res.item.label} {how} a "
                f"{'/'.join(sorted(res.categories(possible=True) & cats))} dual-use "
                f"item going to {', '.join(countries)}: {rule.title}.",
                res.item.label,
                categories=sorted(cats),
            )
        )
    return out


def destination_findings(
    case: CnCase, results: list[ItemResult], on: date
) -> tuple[list[Finding], list[Advisory]]:
    """Findings of every destination and end-user overlay in force on ``on``."""
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    for rule in china_rules("cn-destination"):
        if not rule.in_force(on):
            continue
        if rule.data.get("military_only"):
            if rule.suspension_on(on) is not None:
                continue
            found = _military(rule, case, results, on)
        else:
            found = _destination(rule, case, results, on)
        findings.extend(found)
        if found:
            advisories.extend(rule.advisories(on))
            doubt = rule.data.get("suspension_doubt")
            if doubt and rule.suspension_on(on) is not None:
                advisories.append(
                    Advisory("unverified-fact", str(doubt), rule.id, list(rule.citations))
                )
    return findings, advisories


def extraterritorial_findings(
    case: CnCase, results: list[ItemResult], on: date
) -> tuple[list[Finding], list[Advisory]]:
    """Ann. 61/2025: foreign-made goods with Chinese rare-earth content or technology,
    and re-exports of Chinese-origin rare-earth items (suspended by Ann. 70/2025)."""
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    if case.from_china:
        return findings, advisories
    for rule in china_rules("cn-extraterritorial"):
        if rule.effective_to is not None and on > rule.effective_to:
            continue
        params = parse_params(rule)
        for res in results:
            item = res.item
            cats = set(rule.data.get("categories") or [])
            if cats:
                hit = case.cn_origin(item) and bool(res.categories(possible=True) & cats)
                test = None
            else:
                trig = rule.data.get("trigger")
                hit = (
                    not case.cn_origin(item)
                    and trig is not None
                    and bool(evaluate(trig, item.params, item.hs_code).value)
                )
                test = rule.data.get("test")
            if not hit:
                continue
            truth = evaluate(test, item.params, item.hs_code) if test else None
            reasons = "; ".join(truth.reasons) if truth else "Chinese-origin listed item"
            if on < rule.effective_from:
                later = pending_suspension(rule)
                outcome, why = Outcome.ALLOWED, f"takes effect on {rule.effective_from}"
                advisories.append(
                    Advisory(
                        "pending-law",
                        f"{rule.title} takes effect on {rule.effective_from}.{later}",
                        rule.id,
                    )
                )
            elif rule.suspension_on(on) is not None:
                sus = rule.suspension_on(on)
                assert sus is not None
                outcome, why = Outcome.ALLOWED, f"suspended from {sus.start} to {sus.end}"
            elif truth is not None and truth.value is False:
                outcome, why = Outcome.ALLOWED, "below the threshold"
            elif truth is not None and truth.value is None:
                missing = ", ".join(params[m].label() if m in params else m for m in truth.missing)
                outcome, why = Outcome.REVIEW, f"needed: {missing}"
            else:
                outcome, why = rule_outcome(rule), "a MOFCOM licence is required"
            findings.append(
                _finding(
                    rule, outcome, f"{item.label}: {rule.title} — {reasons}; {why}.", item.label
                )
            )
            advisories.extend(rule.advisories(on))
    return findings, advisories
