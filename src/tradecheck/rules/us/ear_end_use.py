"""US EAR end-use controls (15 CFR 744.23) and company-specific is-informed letters.

Also the facts an end-use assessment needs: an end use these packs do not understand,
or a receiving party with no country, gives ``review`` rather than a guess.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.pack import all_rules
from tradecheck.rules.us.groups import GroupIndex
from tradecheck.rules.us.scope import hq_countries, receivers

if TYPE_CHECKING:
    from tradecheck.classify.chip import ChipClassification
    from tradecheck.engine import CaseContext

REGIME = "us-ear"


def _unknown_end_uses(case: CaseContext, on: date) -> list[Finding]:
    """Review for end uses these packs do not evaluate or do not understand (never guessed)."""
    codes = [r for r in all_rules("us-ear") if r.kind == "end-use-codes" and r.applies(on)]
    if not codes:
        return []
    acted = {r.data["end_use"] for r in all_rules("us-ear") if r.kind == "end-use"}
    no_control = {c for r in codes for c in r.data["no_control"]}
    not_evaluated = {k: v for r in codes for k, v in r.data["not_evaluated"].items()}
    stated = [("case", case.end_use)] + [
        (f"party {i + 1} ({p['name']})", p.get("end_use")) for i, p in enumerate(receivers(case))
    ]
    out: list[Finding] = []
    for who, use in stated:
        if use is None:
            continue
        code = str(use).strip().lower()
        if code in acted or code in no_control:
            continue
        if code in not_evaluated:
            why = f"end use {use!r} ({who}): {not_evaluated[code]} - not evaluated by these packs"
        else:
            known = ", ".join(sorted(acted | no_control | set(not_evaluated)))
            why = (
                f"end use {use!r} ({who}) is not a code these packs read (known: {known}); "
                "a person must assess the end-use controls of 15 CFR 744"
            )
        out.append(
            Finding(REGIME, codes[0].id, Outcome.REVIEW, why, codes[0].citations, subject="end use")
        )
    return out


def _located(case: CaseContext) -> list[Finding]:
    """Review for receiving parties with no country: where the item goes is not known."""
    return [
        Finding(
            REGIME,
            "us-ear-scope",
            Outcome.REVIEW,
            f"party {i + 1} ({p['name']}): country not given (missing: country); the licence "
            f"determination assumed it is located in the destination {case.destination}",
            subject=f"party {i + 1}",
        )
        for i, p in enumerate(case.parties)
        if p in receivers(case) and not p.get("country")
    ]


def end_use_findings(
    case: CaseContext, on: date, idx: GroupIndex, fams: list[tuple[str, str | None, dict[str, Any]]]
) -> tuple[list[Finding], list[Advisory]]:
    """744.23 end-use findings for the classified items ``fams`` (label, family, item), plus
    review for end uses not understood and for receiving parties with no country."""
    uses = {case.end_use} | {p.get("end_use") for p in case.parties}
    uses |= {str(u).strip().lower() for u in uses if u is not None}
    findings: list[Finding] = _unknown_end_uses(case, on) + _located(case) if fams else []
    adv: list[Advisory] = []
    for rule in all_rules("us-ear"):
        if rule.kind != "end-use" or not rule.applies(on):
            continue
        d = rule.data
        if not idx.matches(d["destinations"], case.destination):
            continue
        if d["end_use"] not in uses:
            if case.end_use is None:
                adv.append(
                    Advisory(
                        "missing-fact",
                        f"No end use stated: {rule.title} [{rule.id}] was not assessed.",
                        rule.id,
                        rule.citations,
                    )
                )
            continue
        for label, fam, item in fams:
            eccn = fam or str(item.get("eccn") or "")
            covered = d["items"].get("any") or any(
                eccn.upper().startswith(p) for p in d["items"].get("eccn_prefixes", [])
            )
            if covered:
                findings.append(
                    Finding(
                        REGIME,
                        rule.id,
                        Outcome.LICENSE_REQUIRED,
                        f"{label}: {rule.title} (end use {d['end_use']})",
                        rule.citations,
                        policy=d["policy"],
                        subject=label,
                        confidence=rule.confidence,
                    )
                )
                adv.extend(rule.advisories(on))
            elif not eccn:
                findings.append(
                    Finding(
                        REGIME,
                        rule.id,
                        Outcome.REVIEW,
                        f"{label}: end use {d['end_use']} and ECCN unknown",
                        rule.citations,
                        subject=label,
                    )
                )
    return findings, adv


def notice_findings(
    case: CaseContext, on: date, idx: GroupIndex, chips: list[tuple[str, ChipClassification]]
) -> list[Finding]:
    """Company-specific is-informed letters, and BIS guidance on named models (GP10), that
    name a chip of the case."""
    out: list[Finding] = []
    for rule in all_rules("us-ear"):
        if rule.kind == "model-guidance" and rule.applies(on):
            for label, cls in chips:
                if cls.model in rule.data["models"]:
                    out.append(
                        Finding(
                            REGIME,
                            rule.id,
                            Outcome(rule.data["outcome"]),
                            f"{label}: {rule.title}: {rule.data['statement']}",
                            rule.citations,
                            subject=label,
                            confidence=rule.confidence,
                        )
                    )
            continue
        if rule.kind != "is-informed" or not rule.applies(on):
            continue
        d = rule.data
        hq = d.get("headquarters")
        for label, cls in chips:
            if cls.model not in d["models"]:
                continue
            hit = idx.matches(d["destinations"], case.destination) or (
                hq and any(idx.matches(hq, c) for p in receivers(case) for c in hq_countries(p))
            )
            unknown = [p["name"] for p in receivers(case) if not hq_countries(p)] or (
                [] if receivers(case) else ["(no end user given)"]
            )
            if not hit and hq and unknown:
                # The letter reaches entities headquartered in its countries: unknown
                # headquarters cannot be answered 'allowed'.
                out.append(
                    Finding(
                        REGIME,
                        rule.id,
                        Outcome.REVIEW,
                        f"{label}: {rule.title}; it covers entities headquartered in its "
                        f"countries, and the headquarters of {', '.join(unknown)} is not given",
                        rule.citations,
                        subject=label,
                        confidence=rule.confidence,
                    )
                )
            if hit:
                out.append(
                    Finding(
                        REGIME,
                        rule.id,
                        Outcome.LICENSE_REQUIRED,
                        f"{label}: {rule.title}. The letter binds {d['recipient']}'s "
                        "exports; other exporters should confirm their own position.",
                        rule.citations,
                        subject=label,
                        confidence=rule.confidence,
                    )
                )
    return out
