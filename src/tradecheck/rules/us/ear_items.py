"""US EAR evaluator for the items of a case: advanced-computing licence determination.

For each item: classify it (a chip through :func:`tradecheck.classify.chip.classify_chip`,
or a stated ECCN), then apply the licence scope (destination by country group on the
date, headquarters rule), the review policy and the licence exceptions; then the
end-use controls of 744.23 and the company-specific is-informed letters. Anything
unknown gives ``review``; an ECCN outside these rules is not called ``allowed``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from tradecheck.classify.chip import ChipClassification, classify_chip
from tradecheck.errors import InputError
from tradecheck.outcome import Advisory, Citation, Finding, Outcome
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules
from tradecheck.rules.us import ear_parties
from tradecheck.rules.us.ear_end_use import end_use_findings, notice_findings
from tradecheck.rules.us.groups import GroupIndex
from tradecheck.rules.us.scope import (
    licence_exceptions,
    licence_scope,
    review_policy,
)

if TYPE_CHECKING:
    from tradecheck.engine import CaseContext

REGIME = "us-ear"
_AC_ECCN = re.compile(r"^(3A090|4A090)\.([abc])\b", re.IGNORECASE)


def _weakest(rules: list[Rule]) -> str:
    order = ["verified", "secondary", "unverified"]
    return max((r.confidence for r in rules), key=order.index, default="verified")


def _cites(rules: list[Rule]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for r in rules:
        for c in r.citations:
            seen.setdefault(c.ref, c)
    return list(seen.values())


def _advise(rules: list[Rule], on: date) -> list[Advisory]:
    return [a for r in {r.id: r for r in rules}.values() for a in r.advisories(on)]


def _label(item: dict[str, Any], i: int) -> str:
    chip = item.get("chip") or {}
    name = item.get("id") or chip.get("model") or item.get("eccn") or item.get("description")
    return f"item {i + 1}" + (f" ({name})" if name else "")


def _family(item: dict[str, Any], on: date) -> tuple[str | None, ChipClassification | None, str]:
    """(family such as 3A090.a or None, chip classification, how it was decided)."""
    if item.get("chip"):
        cls = classify_chip(item["chip"], on)
        figures = f"TPP {cls.tpp:g}" if cls.tpp is not None else "TPP unknown"
        if cls.performance_density is not None:
            figures += f", PD {cls.performance_density:g}"
        return cls.family, cls, f"{cls.classification}; {figures}; rule {cls.rule}"
    eccn = str(item.get("eccn") or "")
    m = _AC_ECCN.match(eccn)
    if m:
        fam = f"{m.group(1).upper()}.{m.group(2).lower()}"
        defined = defined_families(on)
        if fam not in defined:
            # 3A090.b before 2023-11-17 or 3A090.c before 2024-12-02 did not exist: the
            # stated ECCN cannot be right on this date, so the item is not classified.
            return (
                None,
                None,
                f"ECCN {eccn} is not defined on {on} (in force: "
                + (", ".join(sorted(defined)) or "no 3A090/4A090 paragraphs")
                + ")",
            )
        return fam, None, f"stated ECCN {eccn}"
    for rule in all_rules("us-ear"):
        if rule.kind != "eccn-family-map" or not rule.applies(on):
            continue
        for p in rule.data["patterns"]:
            if re.match(p["pattern"], eccn, re.IGNORECASE):
                fam = p["family"]
                return (
                    fam,
                    None,
                    f"stated ECCN {eccn}, a .z paragraph of the {fam} tier [{rule.id}]",
                )
    return None, None, eccn or "unclassified"


def defined_families(on: date) -> set[str]:
    """The 3A090/4A090 families (``3A090.a`` …) the ``eccn-parameters`` rules define on ``on``."""
    out: set[str] = set()
    for rule in all_rules("us-ear"):
        if rule.kind != "eccn-parameters" or not rule.in_force(on):
            continue
        fams = {
            p["id"].split(".")[0] + "." + p["id"].split(".")[1] for p in rule.data["paragraphs"]
        }
        out |= fams | {rule.data.get("systems", {}).get(f) for f in fams} - {None}
    return out


def _subject_to_ear(case: CaseContext, item: dict[str, Any]) -> bool | None:
    """True for exports from the US; None (assumed, with an advisory) for chips or ECCN items
    moving abroad; False for other foreign items (not a question for the EAR here). An item
    whose own ``origin`` is US is subject to the EAR wherever it is shipped from."""
    if case.origin in (None, "US") or item.get("origin") == "US":
        return True
    return None if (item.get("chip") or item.get("eccn")) else False


def _item_findings(
    case: CaseContext,
    item: dict[str, Any],
    i: int,
    on: date,
    idx: GroupIndex,
    classified: tuple[str | None, ChipClassification | None, str],
) -> tuple[list[Finding], list[Advisory]]:
    label = _label(item, i)
    fam, cls, how = classified
    adv: list[Advisory] = list(cls.advisories) if cls else []
    ev: dict[str, Any] = {"classification": cls.to_dict() if cls else how}
    base_cites = cls.citations if cls else []
    if cls is not None and cls.classification == "undetermined":
        return [
            Finding(
                REGIME,
                cls.rule or "us-ear-classification",
                Outcome.REVIEW,
                f"{label}: classification undetermined on {on}; missing {', '.join(cls.missing)}",
                base_cites,
                subject=label,
                evidence=ev,
            )
        ], adv
    if fam is None:
        eccn = str(item.get("eccn") or "").upper()
        if cls is not None or eccn == "EAR99":
            what = f"classified {how}" if cls else "EAR99"
            return [
                Finding(
                    REGIME,
                    cls.rule if cls and cls.rule else "us-ear-scope",
                    Outcome.ALLOWED,
                    f"{label}: {what}; no advanced-computing licence requirement (3A090/"
                    f"4A090) on {on}. Other EAR controls (other ECCNs, part 746 "
                    "embargoes) are outside these packs.",
                    base_cites,
                    subject=label,
                    evidence=ev,
                    confidence=cls.confidence if cls else "verified",
                )
            ], adv
        if how.startswith("ECCN "):
            why = how  # a 3A090/4A090 ECCN not defined on the date
        elif re.match(r"^(3A090|4A090)(\.?[A-Z0-9]*)?$", eccn) and not _AC_ECCN.match(eccn):
            why = (
                f"ECCN {eccn}: the paragraph is missing or unknown (missing: 3A090/4A090 "
                "paragraph .a, .b or .c, or the chip figures)"
            )
        elif eccn:
            why = f"ECCN {eccn}: controls outside the advanced-computing rules are not evaluated"
        else:
            why = "item has no chip figures and no ECCN (missing: chip model or figures, or eccn)"
        return [
            Finding(
                REGIME,
                "us-ear-scope",
                Outcome.REVIEW,
                f"{label}: {why}",
                subject=label,
                evidence=ev,
            )
        ], adv
    scope = licence_scope(case, fam, on, idx)
    adv.extend(scope.advisories)
    adv.extend(_advise(scope.rules, on))
    if scope.required:
        policy, prules, pwhy = review_policy(case, on, idx, cls)
        excs, erules = licence_exceptions(case, fam, on, idx, cls)
        adv.extend(_advise(prules + erules, on))
        ev.update({"scope": scope.reasons, "policy_basis": pwhy, "headquarters": scope.hq_parties})
        rules = scope.rules + prules
        listed = ear_parties.exceptions_barred(case, on)
        listed_note = ""
        if listed:
            # A listed party takes licence exceptions away, and its list's policy governs.
            excs = []
            policy = f"as for the listed party ({'; '.join(listed)}); otherwise {policy}"
            listed_note = "; no licence exceptions: " + "; ".join(listed)
        return [
            Finding(
                REGIME,
                scope.rules[0].id,
                Outcome.LICENSE_REQUIRED,
                f"{label}: {how}; licence required: " + "; ".join(scope.reasons) + listed_note,
                _cites(rules) + [c for c in base_cites if c not in _cites(rules)],
                policy=policy,
                exceptions=excs,
                subject=label,
                evidence=ev,
                # A group the destination is not in (A:5/A:6 for Vietnam) cannot weaken it.
                confidence=_weakest(
                    rules
                    + [
                        r
                        for r in scope.consulted
                        if r.kind != "country-group"
                        or r.data["group"] in idx.groups_of(case.destination)
                    ]
                ),
            )
        ], adv
    adv.extend(_advise(scope.consulted, on))
    if scope.unverified_exemptions:
        return [
            Finding(
                REGIME,
                scope.exempting[0].id,
                Outcome.REVIEW,
                f"{label} is {fam}; a licence is needed unless an exemption applies: "
                + "; ".join(scope.unverified_exemptions)
                + ". Confirm the end user's status and the rule text before relying on it.",
                _cites(scope.exempting),
                subject=label,
                evidence=ev,
                confidence="unverified",
            )
        ], adv
    if scope.unknown_hq:
        return [
            Finding(
                REGIME,
                "us-ear-hq-2023-11",
                Outcome.REVIEW,
                f"{label} is {fam}; no licence by destination "
                f"{idx.describe(case.destination)}, but the headquarters rule needs the "
                f"headquarters of: {', '.join(sorted(set(scope.unknown_hq)))}",
                _cites(scope.consulted),
                subject=label,
                evidence=ev,
            )
        ], adv
    return [
        Finding(
            REGIME,
            scope.consulted[0].id if scope.consulted else "us-ear-scope",
            Outcome.ALLOWED,
            f"{label} is {fam}; no licence required for "
            f"{idx.describe(case.destination)} on {on} under the scope in force",
            _cites(scope.consulted),
            subject=label,
            evidence=ev,
            confidence=_weakest(scope.consulted),
        )
    ], adv


def evaluate(case: CaseContext, as_of: date) -> tuple[list[Finding], list[Advisory]]:
    """The US EAR findings for every item of ``case`` on ``as_of``."""
    idx = GroupIndex.on_date(as_of)
    findings: list[Finding] = []
    adv: list[Advisory] = []
    if (
        case.destination == "US"
        and case.origin in (None, "US")
        and not _party_destinations(case, idx)
    ):
        # A sale within the United States is not an export; deemed exports of technology
        # to foreign persons are outside these packs.
        reason = "destination US: not an export; EAR export licensing does not apply"
        note = "Deemed exports (technology released to foreign persons) are not assessed."
        return [Finding(REGIME, "us-ear-scope", Outcome.ALLOWED, reason, subject="route")], [
            Advisory("not-assessed", note)
        ]
    fams: list[tuple[str, str | None, dict[str, Any]]] = []
    chips: list[tuple[str, ChipClassification]] = []
    adv.extend(
        Advisory("coverage", r.data["message"], r.id, r.citations)
        for r in all_rules("us-ear")
        if r.kind == "coverage-limit" and r.applies(as_of)
    )
    elsewhere = _party_destinations(case, idx)
    if elsewhere:
        places = ", ".join(c.destination for c in elsewhere)
        adv.append(
            Advisory(
                "route",
                f"The destination is {case.destination} but an end user or ultimate consignee "
                f"is located in {places}; the items were also evaluated for {places} and the "
                "stricter answer kept. Confirm the country of ultimate destination.",
            )
        )
    for rule in all_rules("us-ear"):
        if (
            rule.kind == "out-of-scope"
            and rule.applies(as_of)
            and idx.matches(rule.data["destinations"], case.destination)
        ):
            reason = f"{idx.describe(case.destination)}: {rule.data['reason']}"
            findings.append(
                Finding(
                    REGIME,
                    rule.id,
                    Outcome.REVIEW,
                    reason,
                    rule.citations,
                    subject="destination",
                    confidence=rule.confidence,
                )
            )
    for i, item in enumerate(case.items):
        subject = _subject_to_ear(case, item)
        if subject is False:
            continue
        if subject is None:
            adv.append(
                Advisory(
                    "assumption",
                    f"{_label(item, i)}: assumed subject to the EAR "
                    f"(US-origin item or foreign direct product, 15 CFR 734.9(h)); "
                    f"origin {case.origin}.",
                    None,
                    [Citation("15 CFR 734.9(h)")],
                )
            )
        try:
            classified = _family(item, as_of)
        except InputError as exc:
            raise InputError(f"$.items[{i}].chip: {exc}") from None
        f, a = _item_findings(case, item, i, as_of, idx, classified)
        f, a = _if_stated_eccn_agrees(case, item, i, as_of, idx, classified, f, a)
        f = _if_membership_settled(case, item, i, as_of, idx, classified, f)
        for where in elsewhere:
            # The end user's own country is a destination too: keep its answer when stricter.
            f2, a2 = _item_findings(where, item, i, as_of, idx, classified)
            if _severity(f2) > _severity(f):
                f = [_relocated(x, where.destination, case.destination) for x in f2]
                a = a2
        findings.extend(f)
        adv.extend(a)
        fam, cls, _ = classified
        fams.append((_label(item, i), fam, item))
        if cls is not None:
            chips.append((_label(item, i), cls))
    f, a = end_use_findings(case, as_of, idx, fams)
    findings.extend(f)
    adv.extend(a)
    findings.extend(notice_findings(case, as_of, idx, chips))
    seen = {(x.rule, x.subject) for x in findings}
    for where in elsewhere:
        extra = end_use_findings(where, as_of, idx, fams)[0] + notice_findings(
            where, as_of, idx, chips
        )
        for x in extra:
            if (x.rule, x.subject) not in seen and x.outcome is not Outcome.REVIEW:
                seen.add((x.rule, x.subject))
                findings.append(_relocated(x, where.destination, case.destination))
    return findings, adv


def _if_stated_eccn_agrees(
    case: CaseContext,
    item: dict[str, Any],
    i: int,
    on: date,
    idx: GroupIndex,
    classified: tuple[str | None, ChipClassification | None, str],
    found: list[Finding],
    adv: list[Advisory],
) -> tuple[list[Finding], list[Advisory]]:
    """A chip with a stated ECCN too: when the two disagree, keep the stricter answer."""
    if not (item.get("chip") and item.get("eccn")):
        return found, adv
    stated_item = {k: v for k, v in item.items() if k != "chip"}
    stated_item["id"] = item.get("id") or item["chip"].get("model") or item["eccn"]
    stated = _family(stated_item, on)
    cls = classified[1]
    ours = classified[0] or (cls.classification if cls else None)
    if stated[0] == classified[0] or (
        stated[0] is None and ours == "not-3A090" and str(item["eccn"]).upper() == "EAR99"
    ):
        return found, adv
    note = Advisory(
        "classification-conflict",
        f"{_label(item, i)}: the stated ECCN {item['eccn']} differs from the classification "
        f"of the chip figures ({ours}); the stricter answer is kept - confirm the "
        "classification.",
    )
    other, other_adv = _item_findings(case, stated_item, i, on, idx, stated)
    if _severity(other) > _severity(found):
        return [
            replace(
                x, reason=f"{x.reason} (stated ECCN {item['eccn']}; the chip figures give {ours})"
            )
            for x in other
        ], [*other_adv, note]
    return found, [*adv, note]


def _if_membership_settled(
    case: CaseContext,
    item: dict[str, Any],
    i: int,
    on: date,
    idx: GroupIndex,
    classified: tuple[str | None, ChipClassification | None, str],
    found: list[Finding],
) -> list[Finding]:
    """``found``, or review when the answer flips with a group membership the facts leave open."""
    countries = {case.destination} | {
        c
        for p in case.parties
        for c in (p.get("country"), p.get("headquarters"), p.get("parent_headquarters"))
        if c
    }
    for alt, how, rule in idx.alternatives(countries):
        other, _ = _item_findings(case, item, i, on, alt, classified)
        if _severity(other) == _severity(found):
            terms = [(f.policy, [e.split(" ")[0] for e in f.exceptions]) for f in found]
            alt_terms = [(f.policy, [e.split(" ")[0] for e in f.exceptions]) for f in other]
            if terms != alt_terms and len(found) == len(other) == 1:
                pol, exc = alt_terms[0]
                found = [
                    replace(
                        found[0],
                        reason=f"{found[0].reason}. Uncertain: {rule.data['note']}; if {how}: "
                        f"policy {pol or 'none'}, exceptions {', '.join(exc) or 'none'} "
                        f"[{rule.id}]",
                        confidence="unverified",
                    )
                ]
            continue
        here = max(found, key=lambda f: f.outcome.severity).outcome.value
        there = max(other, key=lambda f: f.outcome.severity).outcome.value
        return [
            Finding(
                REGIME,
                rule.id,
                Outcome.REVIEW,
                f"{_label(item, i)}: the answer depends on a country-group membership the "
                f"rule data cannot establish ({rule.data['note']}): {here} as recorded, "
                f"{there} if {how}",
                list(
                    {
                        c.ref: c
                        for c in [*rule.citations, *(c for f in found for c in f.citations)]
                    }.values()
                ),
                subject=_label(item, i),
                evidence={"as_recorded": [f.to_dict() for f in found], "if": how},
                confidence="unverified",
            )
        ]
    return found


def _party_destinations(case: CaseContext, idx: GroupIndex) -> list[CaseContext]:
    """The case as destined to each end user's or ultimate consignee's own country, where that
    differs from the stated destination (the country of ultimate destination decides)."""
    dest = idx.resolve(case.destination)
    countries = sorted(
        {
            p["country"]
            for p in case.parties
            if p.get("role") in ("end-user", "ultimate-consignee", None)
            and p.get("country")
            and p["country"] != "US"
            and idx.resolve(p["country"]) != dest
        }
    )
    return [replace(case, destination=c) for c in countries]


def _severity(findings: list[Finding]) -> int:
    return max((f.outcome.severity for f in findings), default=0)


def _relocated(f: Finding, where: str, stated: str) -> Finding:
    return replace(
        f,
        reason=f"end user located in {where} (case destination {stated}): {f.reason}",
        evidence={**f.evidence, "evaluated_destination": where},
    )
