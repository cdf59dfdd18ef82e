"""Findings about the items of a case: licence needed, not controlled, or a fact missing."""

from __future__ import annotations

from datetime import date, timedelta

from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.cn.case import CnCase
from tradecheck.rules.cn.items import APPLIES, NOT_YET, SUSPENDED, Hit, ItemResult
from tradecheck.rules.cn.spec import ItemSpec, china_rules, item_specs
from tradecheck.rules.model import Rule

REGIME = "cn-export"
#: The technology catalogue rests on the Foreign Trade Law, not the Export Control Law.
TECH_REGIME = "cn-tech"


_VERDICT = {
    Outcome.LICENSE_REQUIRED: "a MOFCOM export licence is required",
    Outcome.PROHIBITED: "export prohibited",
}


def frame_rule() -> Rule:
    """The catch-all / list-coverage rule that answers for items matching no listed item."""
    return china_rules("cn-catch-all")[0]


def _name(spec: ItemSpec) -> str:
    code = f", {spec.control_code}" if spec.control_code not in (None, spec.item) else ""
    return f"{spec.item}{code} ({spec.rule.title})"


def _missing(hit: Hit) -> str:
    labels = []
    for m in hit.truth.missing:
        pdef = hit.spec.params.get(m)
        labels.append(pdef.label() if pdef else m)
    return "; ".join(labels)


def _evidence(hit: Hit, res: ItemResult) -> dict[str, object]:
    ev: dict[str, object] = {
        "item": hit.spec.item,
        "control_code": hit.spec.control_code,
        "category": hit.spec.category,
        "hs_code": res.item.hs_code,
        "matched_code": hit.hs_ref.code if hit.hs_ref else None,
        "triggered_by": hit.via,
        "test": hit.truth.reasons,
    }
    if hit.truth.missing:
        ev["missing"] = hit.truth.missing
    if hit.controlled and not hit.spec.is_technology:
        # Customs declarations mark a listed item as dual-use with its control code.
        ev["declaration"] = f"属于两用物项 {hit.spec.control_code or hit.spec.item}"
    elif hit.status == APPLIES and hit.truth.value is False and res.dual_use is False:
        # Only an item that is no listed item at all is declared "not controlled".
        ev["declaration"] = "不属于管制物项 (state the actual parameters)"
    return ev


def _trigger_text(hit: Hit, res: ItemResult) -> str:
    if hit.hs_ref is not None:
        rel = "matches" if hit.via == "hs" else "is broader than"
        return f"customs code {res.item.hs_code} {rel} reference code {hit.hs_ref.code} of"
    return {
        "control-code": f"declared control code {res.item.control_code} names",
        "parameter": "its parameters name",
        "technology": f"technology {res.item.technology!r} is",
    }[hit.via]


def _hit_finding(hit: Hit, res: ItemResult, on: date) -> Finding:
    spec, rule = hit.spec, hit.spec.rule
    head = f"{_trigger_text(hit, res)} {_name(spec)}"
    test = "; ".join(hit.truth.reasons)
    if hit.status == NOT_YET:
        outcome = Outcome.ALLOWED
        reason = (
            f"{head}, which takes effect on {rule.effective_from}: it does not apply on {on}."
            f"{pending_suspension(rule)}"
        )
    elif hit.status == SUSPENDED:
        sus = rule.suspension_on(on)
        assert sus is not None
        outcome = Outcome.ALLOWED
        reason = (
            f"{head}, which is suspended from {sus.start} to {sus.end} "
            f"({sus.citations[0].ref}): not applied on {on}. Test: {test}."
        )
    elif hit.truth.value is False and res.controlled:
        # Another listed item of the same code catches it: no "not controlled" declaration.
        outcome = Outcome.ALLOWED
        others = ", ".join(h.spec.item for h in res.controlled)
        reason = (
            f"{head}, but its parameter test is not met ({test}): not this item. "
            f"It is controlled as {others} (see that finding)."
        )
    elif hit.truth.value is False and res.possible:
        outcome = Outcome.ALLOWED
        others = ", ".join(h.spec.item for h in res.possible)
        reason = (
            f"{head}, but its parameter test is not met ({test}): not this item. Whether "
            f"it is {others} is still open (see that finding)."
        )
    elif hit.truth.value is False:
        outcome = Outcome.ALLOWED
        reason = (
            f"{head}, but its parameter test is not met ({test}): not controlled. "
            "Declare it as not controlled (不属于管制物项) with its actual parameters."
        )
    elif hit.truth.value is None:
        outcome = Outcome.REVIEW
        reason = (
            f"{head}; the customs code is a trigger and the parameters decide. "
            f"Needed: {_missing(hit)}."
        )
    elif hit.via == "hs-broader":
        outcome = Outcome.REVIEW
        reason = f"{head}: give the full 10-digit China customs code to decide."
    else:
        outcome = spec.outcome
        verdict = _VERDICT.get(outcome, f"outcome {outcome.value}")
        reason = f"{head} ({test}): {verdict} (in force since {rule.effective_from})."
    return Finding(
        TECH_REGIME if rule.kind == "cn-tech-catalogue" else REGIME,
        rule.id,
        outcome,
        reason,
        list(rule.citations),
        spec.policy,
        subject=res.item.label,
        evidence=_evidence(hit, res),
        confidence=rule.confidence,
    )


def pending_suspension(rule: Rule) -> str:
    """A note when the rule is suspended from the day it would take effect."""
    sus = rule.suspension_on(rule.effective_from)
    if sus is None:
        return ""
    return (
        f" It is suspended from {sus.start} to {sus.end} ({sus.citations[0].ref}) before it "
        f"takes effect, so it first applies on {sus.end + timedelta(days=1)} unless extended."
    )


def _hit_advisories(hit: Hit, on: date) -> list[Advisory]:
    out = hit.spec.rule.advisories(on)
    if hit.status == NOT_YET:
        out.append(
            Advisory(
                "pending-law",
                f"{hit.spec.rule.title} takes effect on {hit.spec.rule.effective_from}."
                f"{pending_suspension(hit.spec.rule)}",
                hit.spec.rule.id,
                list(hit.spec.rule.citations),
            )
        )
    ref = hit.hs_ref
    if ref is not None and ref.note and hit.status == APPLIES:
        kind = "unverified-fact" if ref.confidence != "verified" else "code-note"
        out.append(
            Advisory(
                kind,
                f"Customs code {ref.code} ({hit.spec.item}): {ref.note}",
                hit.spec.rule.id,
                list(hit.spec.rule.citations),
            )
        )
    return out


def _no_hit_finding(res: ItemResult, on: date) -> Finding:
    rule, item = frame_rule(), res.item
    hints = ", ".join(f"{s.item} ({s.rule.title})" for s in res.keyword_hits)
    hint = f" Its description suggests: {hints}." if hints else ""
    if res.needs_code:
        outcome = Outcome.REVIEW
        reason = (
            "No customs code (hs_code) given: China's controls are screened by the "
            f"10-digit China customs code, then by parameters.{hint}"
        )
    elif item.item_type == "technology":
        outcome = Outcome.REVIEW
        known = sorted({t for s in item_specs() for t in s.technologies})
        reason = (
            f"Technology export: name it with `technology` (one of {', '.join(known)}) "
            f"or `control_code` to decide.{hint}"
        )
    elif res.keyword_hits:
        # The code says "not listed", the description says otherwise: a misdeclared listed
        # item is still controlled, so a person must reconcile the two.
        outcome = Outcome.REVIEW
        reason = (
            f"Customs code {item.hs_code} is not a reference code of any item encoded "
            f"here, but the description names a listed item.{hint} Confirm the customs "
            "code and the item: a listed item declared under another code is still controlled."
        )
    else:
        outcome = Outcome.ALLOWED
        reason = (
            f"Customs code {item.hs_code} is not a reference code of any item encoded "
            f"here, and no declared control code or parameter names one. "
            f"{rule.data.get('catch_all', '')}"
        ).strip()
    return Finding(
        REGIME,
        rule.id,
        outcome,
        reason,
        list(rule.citations),
        subject=item.label,
        evidence={"hs_code": item.hs_code, "keyword_hits": [s.item for s in res.keyword_hits]},
        confidence=rule.confidence,
    )


def item_findings(res: ItemResult, case: CnCase, on: date) -> tuple[list[Finding], list[Advisory]]:
    """Findings about one item: one per listed item it may be, or one saying it is none."""
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    if not case.from_china:
        if case.cn_origin(res.item) and res.controlled:
            rule = frame_rule()
            names = ", ".join(_name(h.spec) for h in res.controlled)
            findings.append(
                Finding(
                    REGIME,
                    rule.id,
                    Outcome.ALLOWED,
                    f"Chinese-origin item controlled as {names}, shipped from "
                    f"{case.origin or 'outside China'}: MOFCOM's export licence applies to exports "
                    "from China; the end-user bans that follow Chinese-origin items are checked "
                    "separately.",
                    list(rule.citations),
                    subject=res.item.label,
                    evidence={"controlled_as": [h.spec.item for h in res.controlled]},
                    confidence=rule.confidence,
                )
            )
        return findings, advisories
    if not res.hits:
        return [_no_hit_finding(res, on)], advisories
    for hit in res.hits:
        findings.append(_hit_finding(hit, res, on))
        advisories.extend(_hit_advisories(hit, on))
    return findings, advisories
