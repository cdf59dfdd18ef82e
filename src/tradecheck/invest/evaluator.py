"""``evaluate_deal``: an outbound investment → one Determination under 31 CFR Part 850.

Evaluation order (after the facts file's § 1.11):

1. validate the deal; fix the completion date (``as_of`` overrides it: in this
   regime "as of" *is* the completion date, 850.204);
2. the investor: a U.S. person or its controlled foreign entity (others are out of
   scope, save U.S. persons knowingly directing, 850.303);
3. the program date: a deal completed before 2025-01-02 is not covered; the answer
   says so and what it would have been; a conversion is covered only for an
   instrument acquired on or after 2025-01-02;
4. counterparty, transaction type, covered activity, listed-party escalation,
   exceptions (:mod:`tradecheck.invest.verdict`);
5. the knowledge gate and the post-transaction notice; a national interest exemption;
6. obligations and deadlines, advisories, versions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tradecheck.errors import InputError
from tradecheck.invest.deal import Deal, parse_deal
from tradecheck.invest.findings import build_findings
from tradecheck.invest.listed import PartyScreener, default_screener
from tradecheck.invest.obligations import obligations_for, standing_advisories
from tradecheck.invest.ruledata import OutboundRules, load_outbound_rules
from tradecheck.invest.verdict import Verdict, analyse, transaction_rule
from tradecheck.outcome import Advisory, Determination


def _completion(deal: Deal, as_of: date | None) -> tuple[date, str, list[Advisory]]:
    given = deal.tx_date("completion_date") or deal.lp_date("fund_investment_date")
    if as_of is not None:
        acquired = deal.tx_date("acquisition_date")
        if deal.type == "conversion" and acquired and as_of < acquired:
            raise InputError(
                f"--as-of {as_of} is before transaction.acquisition_date {acquired}: a "
                "conversion cannot precede the acquisition of the instrument"
            )
        return as_of, "--as-of (taken as the completion date)", []
    if given is not None:
        return given, "completion date", []
    today = date.today()
    field = (
        "transaction.lp.fund_investment_date"
        if deal.type == "lp-interest"
        else "transaction.completion_date"
    )
    return (
        today,
        "today",
        [
            Advisory(
                "missing-date",
                f"The deal gives no {field}: evaluated as a deal completing today ({today}). "
                "Pass --as-of with the expected completion date.",
            )
        ],
    )


def _knowledge(
    deal: Deal, rules: OutboundRules, status: str, reason: str
) -> tuple[str, str, list[Advisory]]:
    """Apply the knowledge gate to a covered answer: (status, reason, advisories)."""
    k = deal.knowledge
    at = k.get("at_transaction")
    know = rules.rule("oisp-knowledge")
    if at is None:
        return (
            status,
            reason,
            [
                Advisory(
                    "knowledge-assumed",
                    "The deal does not say what the U.S. person knew: knowledge of the facts "
                    "is assumed (850.216 includes reason to know). Set knowledge.at_transaction.",
                    know.id,
                    know.citations,
                )
            ],
        )
    if at != "none" or status == "review":
        return status, reason, []
    would = status
    if deal.knowledge_date() is not None:
        return (
            "post-knowledge",
            (
                "no knowledge at the time of the transaction, but actual knowledge acquired "
                f"on {deal.knowledge_date()}: the transaction would have been {would}; "
                "notify Treasury (850.403)"
            ),
            [],
        )
    need = set(know.data["min_diligence"])
    done = set(k.get("diligence") or [])
    if k.get("warning_signs") is not False or not need <= done:
        gaps = sorted(need - done)
        return (
            "review",
            (
                "the claim that the U.S. person did not know is not supported by the recorded "
                "inquiry (850.104): "
                + (
                    "warning signs not ruled out (knowledge.warning_signs)"
                    if k.get("warning_signs") is not False
                    else ""
                )
                + (
                    ("; " if k.get("warning_signs") is not False and gaps else "")
                    + ("missing diligence: " + ", ".join(gaps) if gaps else "")
                )
            ),
            [],
        )
    return (
        "not-covered",
        (
            f"the U.S. person did not know and had no reason to know the facts (850.216) after a "
            f"recorded inquiry: not a covered transaction now; it would have been {would}"
        ),
        [],
    )


def _exemption(deal: Deal, rules: OutboundRules, status: str) -> tuple[bool, str] | None:
    """(exempt?, text) once a claimed national interest exemption is weighed.

    An exemption not signed by the officials 850.502 names is no exemption: the
    transaction keeps its status, and the text (a note for the reasons) says why the
    claim was not applied.
    """
    nie = deal.transaction.get("national_interest_exemption")
    if nie is None or status not in ("prohibited", "notifiable", "post-knowledge"):
        return None
    valid = rules.data("oisp-nie")["valid_signatories"]
    if nie["signed_by"] in valid:
        return (
            True,
            f"national interest exemption {nie['doc_ref']} (850.502); its conditions bind; "
            "850.406, 850.603 and 850.604 still apply",
        )
    return (
        False,
        f"the claimed exemption {nie['doc_ref']} does not apply: it is valid only in writing "
        "signed by the Assistant or Deputy Assistant Secretary for Investment Security "
        "(850.502(e))",
    )


def evaluate_deal(
    deal: dict[str, Any] | Deal,
    as_of: date | None = None,
    *,
    screener: PartyScreener | None = None,
    rules: OutboundRules | None = None,
    source: str = "deal",
) -> Determination:
    """Decide an outbound investment under 31 CFR Part 850.

    Args:
        deal: the deal document (validated here) or a parsed :class:`Deal`.
        as_of: the completion date to apply (overrides the deal's; 850.204).
        screener: party screening function (default: :func:`tradecheck.screening.screen_party`).
        rules: the outbound rules (default: the bundled packs).
        source: how errors name the deal.

    Returns:
        The Determination; ``extra`` holds ``status``, ``completion_date``,
        ``filing_deadline``, ``obligations`` and the ``analysis``.

    Raises:
        InputError: the deal is malformed or contradictory.
        RuleError: the bundled rule data is broken.
    """
    d = deal if isinstance(deal, Deal) else parse_deal(deal, source=source)
    rules = rules or load_outbound_rules()
    completion, how, advisories = _completion(d, as_of)
    versions: dict[str, Any] | None = None
    unavailable: str | None = None
    if screener is None:
        screener, versions, unavailable = default_screener(rules.data("oisp-listed-escalation"))
    start = rules.program_start
    on = max(completion, start)
    v = analyse(d, rules, on, screener, unavailable)
    status, reason, rule_id = v.status, v.reason, v.rule
    tx = transaction_rule(rules, d, on)
    acquired = d.tx_date("acquisition_date")
    kind = d.investor["kind"]
    if completion < start:
        status, rule_id = "not-covered", "oisp-program"
        reason = (
            f"completed {completion}, before 31 CFR Part 850 took effect on {start}: not "
            f"covered by the program; on or after {start} it would be {v.status}"
        )
    elif d.type == "conversion" and acquired is None:
        status, rule_id = "review", tx.id
        reason = (
            "the date the contingent instrument was acquired decides whether the "
            "conversion is covered (850.210(a)(3))"
        )
        v.missing = ["transaction.acquisition_date", *v.missing]
    elif d.type == "conversion" and acquired is not None and acquired < start:
        status, rule_id = "not-covered", tx.id
        reason = (
            f"conversion of a contingent equity interest acquired {acquired}, before {start}: "
            f"not a covered transaction (850.210(a)(3)); it would otherwise be {v.status}"
        )
    elif kind == "non-us-person":
        rule_id = "oisp-directing"
        directing = d.investor.get("us_persons_directing")
        if v.status == "prohibited" and directing is True:
            reason = (
                "a U.S. person knowingly directs this otherwise prohibited transaction (850.303)"
            )
        elif v.status == "prohibited" and directing is None:
            status, reason = (
                "review",
                "would be prohibited for a U.S. person: say whether U.S. persons direct it",
            )
            v.missing = ["investor.us_persons_directing"]
        else:
            status = "not-covered"
            reason = (
                "the investor is not a U.S. person (850.229); for a U.S. person it would "
                f"be {v.status}"
            )
    elif d.transaction.get("us_government_business") is True:
        status, rule_id = "not-covered", "oisp-usg-business"
        reason = (
            "official business of the U.S. Government is not a covered transaction (850.210(b)(2))"
        )
    extra_adv: list[Advisory] = []
    if (
        status in ("prohibited", "notifiable", "review")
        and kind != "non-us-person"
        and completion >= start
    ):
        before = status
        status, reason, extra_adv = _knowledge(d, rules, status, reason)
        if status != before:
            rule_id = "oisp-obl-post-knowledge" if status == "post-knowledge" else "oisp-knowledge"
    nie = _exemption(d, rules, status)
    if nie is not None and nie[0]:
        status, reason, rule_id = "exempt", nie[1], "oisp-nie"
    elif nie is not None:
        # The tier findings are built from the verdict's reason: the note goes on both.
        reason, v.reason = f"{reason}; {nie[1]}", f"{v.reason}; {nie[1]}"
    obligations, due = obligations_for(
        status,
        rules,
        completion,
        cfe=kind == "controlled-foreign-entity",
        knowledge_date=d.knowledge_date(),
    )
    findings = build_findings(d, rules, on, v, status, reason, rule_id, due)
    advisories += extra_adv + standing_advisories(rules, completion, status)
    advisories += _attribution_advisory(rules, v)
    seen: set[str] = set()
    for f in findings:
        for rid in {f.rule, v.tx_rule or ""} - seen - {""}:
            seen.add(rid)
            advisories += rules.rule(rid).advisories(on) if _has(rules, rid) else []
    return Determination(
        findings=findings,
        advisories=advisories,
        versions={"rule_packs": rules.versions(), "screening": versions},
        as_of=completion.isoformat(),
        extra={
            "status": status,
            "completion_date": completion.isoformat(),
            "as_of_source": how,
            "filing_deadline": due.isoformat() if due else None,
            "obligations": obligations,
            "deal": {
                "id": d.raw.get("id"),
                "investor": d.investor.get("name"),
                "investor_kind": kind,
                "type": d.type,
                "target": d.target.name,
            },
            "analysis": _analysis(v),
        },
    )


def _attribution_advisory(rules: OutboundRules, v: Verdict) -> list[Advisory]:
    """Flag answers resting on this tool's reading of "directly or indirectly" (850.221)."""
    out: list[Advisory] = []
    if v.cfp is not None and v.cfp.route == "a2" and v.tier == "notifiable":
        nexus = rules.rule("oisp-cfp-nexus")
        out.append(
            Advisory(
                "unverified-fact",
                "The counterparty is a covered foreign person by financial nexus "
                "(850.209(a)(2)) to persons in the notifiable tier; 850.224(l) puts such a "
                "person in the prohibited tier only for prohibited-tier investees, and this "
                "tool applies the investees' notifiable tier otherwise (a reading, not text).",
                nexus.id,
                nexus.citations,
            )
        )
    coc = v.cfp.coc if v.cfp else None
    if coc is None or coc.basis not in ("850.221(d)", "850.221(e)"):
        return out
    rule = rules.rule("oisp-person-coc")
    if rule.data.get("attribution_confidence") != "unverified":
        return out
    return [
        *out,
        Advisory(
            "unverified-fact",
            f"The counterparty is a person of a country of concern through ownership "
            f"({coc.basis}). Indirect holdings are counted in full through an owner that "
            "itself qualifies and proportionately through one that does not (the tiered "
            "method of 850.206(b), applied by analogy): confirm the chain with counsel.",
            rule.id,
            rule.citations,
        ),
    ]


def _has(rules: OutboundRules, rule_id: str) -> bool:
    return any(r.id == rule_id for p in rules.packs for r in p.rules)


def _analysis(v: Verdict) -> dict[str, Any]:
    cfp = v.cfp
    return {
        "would_be": v.status,
        "transaction_rule": v.tx_rule,
        "covered_foreign_person": None
        if cfp is None
        else {
            "value": cfp.value,
            "route": cfp.route,
            "tier": v.tier,
            "country_of_concern_basis": cfp.coc.basis if cfp.coc else None,
            "reason": cfp.reason or (cfp.coc.reason if cfp.coc else ""),
            "nexus": None
            if cfp.nexus is None
            else {
                "value": cfp.nexus.value,
                "measure": cfp.nexus.measure,
                "share_pct": cfp.nexus.share_pct,
                "via": cfp.nexus.via,
            },
        },
        "listed": None
        if v.listed is None
        else {
            "certain": [h.to_dict() for h in v.listed.certain],
            "possible": [h.to_dict() for h in v.listed.possible],
            "screening_unavailable": v.listed.unavailable,
        },
        "exceptions": [
            {
                "code": e.code,
                "applies": e.applies,
                "reason": e.reason,
                "missing": e.missing,
                "overridden_by": e.overridden_by,
            }
            for e in v.exceptions
        ],
        "missing": v.missing,
    }
