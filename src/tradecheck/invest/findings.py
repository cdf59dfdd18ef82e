"""Turn a verdict into the Findings of a Determination, each citing its 31 CFR 850 section."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradecheck.invest.activity import Hit
from tradecheck.invest.deal import Deal
from tradecheck.invest.ruledata import OutboundRules
from tradecheck.invest.verdict import Verdict
from tradecheck.outcome import Citation, Finding, Outcome
from tradecheck.rules.pack import Rule

REGIME = "us-outbound"
_PROHIBITION = Citation("31 CFR 850.301")


def _cites(*rules: Rule | None) -> list[Citation]:
    out: list[Citation] = []
    for r in rules:
        for c in r.citations if r else []:
            if all(c.ref != o.ref for o in out):
                out.append(c)
    return out


def _evidence(v: Verdict, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    cfp = v.cfp
    ev: dict[str, Any] = {"transaction_rule": v.tx_rule}
    if cfp is not None:
        ev.update(
            cfp_route=cfp.route,
            country_of_concern_basis=cfp.coc.basis if cfp.coc else None,
            counterparty=cfp.reason,
        )
    ev.update(extra or {})
    return ev


def _listing_text(v: Verdict) -> str:
    """One entry per list code, naming how the listing was found."""
    assert v.listed is not None
    by_code: dict[str, list[str]] = {}
    for h in v.listed.certain:
        if h.how == "declared":
            what = "declared in the deal"
        elif h.how == "sdn-ownership":
            what = f"{h.score:g} % owned by SDN-listed persons"
        else:
            what = f"screening match {h.matched_name!r} ({h.score:.2f})"
        by_code.setdefault(h.code, [])
        if what not in by_code[h.code]:
            by_code[h.code].append(what)
    return "; ".join(f"{code}: {', '.join(whats)}" for code, whats in by_code.items())


def _list_cites(v: Verdict) -> list[Citation]:
    out: list[Citation] = []
    for h in v.listed.certain if v.listed else []:
        if all(c.ref != h.cite for c in out):
            out.append(Citation(h.cite))
    return out


def _hit_finding(
    d: Deal, rules: OutboundRules, v: Verdict, hit: Hit, outcome: Outcome, policy: str | None
) -> Finding:
    person = rules.rule(v.cfp.rule) if v.cfp and v.cfp.rule else None
    tx = rules.rule(v.tx_rule) if v.tx_rule else None
    extra = [_PROHIBITION] if outcome is Outcome.PROHIBITED else []
    nexus = None
    if v.cfp is not None and v.cfp.route == "a2" and outcome is Outcome.PROHIBITED:
        nexus = rules.rule("oisp-nexus-prohibited")
    return Finding(
        regime=REGIME,
        rule=hit.rule.id,
        outcome=outcome,
        reason=f"{hit.rule.title} ({'; '.join([hit.where, *hit.because])}); {v.reason}",
        citations=_cites(hit.rule, nexus, person, tx) + extra,
        policy=policy,
        subject=d.target.name,
        evidence=_evidence(v, {"activity": hit.where, "tier": hit.tier}),
        confidence=hit.rule.confidence,
    )


def build_findings(
    d: Deal,
    rules: OutboundRules,
    on: date,
    v: Verdict,
    status: str,
    reason: str,
    rule_id: str,
    due: date | None,
) -> list[Finding]:
    """The findings for the final status (see :mod:`tradecheck.invest.evaluator`)."""
    rule = rules.rule(rule_id)
    tx = rules.rule(v.tx_rule) if v.tx_rule else None
    if status == "prohibited" and rule_id != "oisp-directing" and v.cfp is not None:
        out = [
            _hit_finding(d, rules, v, h, Outcome.PROHIBITED, "prohibited (850.301)")
            for h in v.cfp.activity.hits_of("prohibited")
        ]
        if v.escalated and v.listed is not None:
            listing = rules.rule("oisp-listed-escalation")
            out.append(
                Finding(
                    regime=REGIME,
                    rule=listing.id,
                    outcome=Outcome.PROHIBITED,
                    reason=f"{d.target.name!r} engages in a covered activity and is listed: "
                    + _listing_text(v),
                    citations=_list_cites(v) + _cites(listing) + [_PROHIBITION],
                    policy="prohibited (850.224(m))",
                    subject=d.target.name,
                    evidence=_evidence(v, {"listed": [h.to_dict() for h in v.listed.certain]}),
                    confidence=listing.confidence,
                )
            )
        if out:
            return out
    if status == "notifiable" and v.cfp is not None:
        notify = f"notify Treasury by {due}" if due else "notify Treasury"
        return [
            _hit_finding(d, rules, v, h, Outcome.NOTIFIABLE, notify)
            for h in v.cfp.activity.hits_of("notifiable")
        ]
    outcome = Outcome(
        {
            "prohibited": "prohibited",
            "notifiable": "notifiable",
            "post-knowledge": "notifiable",
            "review": "review",
        }.get(status, "allowed")
    )
    policy: str | None = {
        "post-knowledge": f"notify Treasury by {due} (850.403)",
        "excepted": "excepted transaction (850.501)",
        "exempt": "national interest exemption (850.502)",
        "not-covered": "not a covered transaction",
        "review": "a person must resolve the open facts",
    }.get(status)
    extra: dict[str, Any] = {"status": status, "would_be": v.status}
    if v.missing and status == "review":
        extra["missing"] = v.missing
    if v.tier:
        extra["tier"] = v.tier
    exceptions: list[str] = []
    if status == "excepted" and v.excepted_by is not None:
        exceptions = [v.excepted_by.code]
    if status == "exempt":
        extra["exemption"] = d.transaction.get("national_interest_exemption")
    return [
        Finding(
            regime=REGIME,
            rule=rule.id,
            outcome=outcome,
            reason=reason,
            citations=_cites(rule, tx if rule is not tx else None),
            policy=policy,
            exceptions=exceptions,
            subject=d.target.name,
            evidence=_evidence(v, extra),
            confidence=rule.confidence,
        )
    ]
