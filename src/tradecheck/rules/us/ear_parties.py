"""US listed-party evaluator: Entity List, MEU, UVL, DPL and SDN through the screening engine.

Each party (and each owner given under ``owners``) is screened against the lists
of the ``party-list`` rules. A match at or above the rule's ``certain_score``
takes the list's outcome (Entity List: licence for all items subject to the EAR
with the entry's own licence policy; DPL and SDN: prohibited); a weaker match is
a possible match and gives ``review``. No screening engine, or a screening
failure, gives ``review`` — never ``allowed``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from tradecheck.errors import TradecheckError
from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules
from tradecheck.rules.party_facts import screen_party_with_facts

if TYPE_CHECKING:
    from tradecheck.engine import CaseContext

REGIME = "us-ear-parties"
#: ``screener(name, country)``, with ``address=`` when the party gives one.
Screener = Callable[..., list[Any]]


def default_screener(sources: list[str]) -> Screener:
    """A screener over the bundled/loaded list snapshots (``tradecheck.screening``).

    Raises:
        ImportError: when the screening engine is not installed.
    """
    screening = importlib.import_module("tradecheck.screening")

    def screen(name: str, country: str | None, address: str | None = None) -> list[Any]:
        found = screening.screen_party(name, country=country, sources=sources, address=address)
        return list(found.matches)

    return screen


def _footnote(entity: Any, markers: dict[str, int]) -> str | None:
    """``footnote 4`` (or 1, 5) when the Entity List entry says so.

    The entry may carry the footnote as a field, name it in its text, or (as the
    Consolidated Screening List does) cite the foreign direct product rule it triggers,
    e.g. ``See §§ 734.9(e)(2) and 744.11 of the EAR`` for footnote 4: ``markers`` (rule
    data) maps each such citation to its footnote.
    """
    if entity is None:
        return None
    extra = getattr(entity, "extra", {}) or {}
    fn = extra.get("footnote") or extra.get("footnotes")
    if fn:
        return f"footnote {fn}" if not str(fn).startswith("footnote") else str(fn)
    text = " ".join(
        str(getattr(entity, a, "") or "") for a in ("license_requirement", "remarks", "citation")
    ).lower()
    compact = re.sub(r"[\s()§]", "", text)  # "734.9(e)(2)", "734.9 (e)2" -> "734.9e2"
    for cite, number in markers.items():
        if re.sub(r"[\s()§]", "", cite.lower()) in compact:
            return f"footnote {number}"
    for n in sorted({str(v) for v in markers.values()}):
        if f"footnote {n}" in text or f"fn {n}" in text or f"fn{n}" in text:
            return f"footnote {n}"
    return None


def _match_finding(rule: Rule, subject: str, m: Any, certain: bool) -> Finding:
    d = rule.data
    entity = getattr(m, "entity", None)
    ev = {
        "entity_id": m.entity_id,
        "source": m.source,
        "listed_name": m.name,
        "matched_name": m.matched_name,
        "score": round(float(m.score), 3),
        "countries": list(m.countries),
    }
    if not certain:
        return Finding(
            REGIME,
            rule.id,
            Outcome.REVIEW,
            f"{subject}: possible match ({m.score:.2f} < {d['certain_score']}) with "
            f"{m.name} on the {rule.title}; a person must resolve it",
            rule.citations,
            subject=subject,
            evidence=ev,
        )
    policy = d["policy"]
    reason = f"{subject} matches {m.name} ({m.score:.2f}) on the {rule.title}: {d['scope']}"
    if d["source"] == "EL":
        own = getattr(entity, "license_policy", None)
        req = getattr(entity, "license_requirement", None)
        policy = own or policy
        if req:
            reason += f"; entry's licence requirement: {req}"
        fn = _footnote(entity, d.get("footnote_markers", {}))
        if fn:
            ev["footnote"] = fn
            reason += (
                f"; {fn} entity: foreign direct product rules (15 CFR 734.9(e)) reach "
                "foreign-made items"
            )
    return Finding(
        REGIME,
        rule.id,
        Outcome(d["outcome"]),
        reason,
        rule.citations,
        policy=policy,
        subject=subject,
        evidence=ev,
        confidence=rule.confidence,
    )


def _screen(
    screener: Screener, name: str, country: str | None, party: dict[str, Any] | None = None
) -> list[Any] | str:
    try:
        return screen_party_with_facts(screener, party or {}, name, country)
    except TradecheckError as exc:
        return exc.one_line()


def _list_rules(as_of: date) -> dict[str, Rule]:
    rules = [r for r in all_rules(REGIME) if r.kind == "party-list" and r.applies(as_of)]
    return {r.data["source"]: r for r in rules}


def _resolve_screener(case: CaseContext, sources: list[str]) -> Screener | None:
    if case.screener is not None:
        return case.screener
    try:
        return default_screener(sources)
    except ImportError:
        return None


def screened(case: CaseContext, as_of: date) -> list[list[Any] | str | None]:
    """Each party's screening result (matches, an error line, or ``None`` without a screener).

    Kept on the case so that the item evaluator and this one screen each party once.
    """
    key = f"{REGIME}:screened:{as_of.isoformat()}"
    if key not in case.memo:
        screener = _resolve_screener(case, sorted(_list_rules(as_of)))
        case.memo[key] = [
            None if screener is None else _screen(screener, p["name"], p.get("country"), p)
            for p in case.parties
        ]
    got: list[list[Any] | str | None] = case.memo[key]
    return got


def exceptions_barred(case: CaseContext, as_of: date) -> list[str]:
    """Parties certainly matched on a list whose rule bars licence exceptions (Entity List …).

    An item finding must not offer NAC/ACA to such a party: the list's own licence
    requirement and policy govern (15 CFR 744.11(a), 744.15, 744.21).
    """
    by_source = _list_rules(as_of)
    out: list[str] = []
    for party, got in zip(case.parties, screened(case, as_of), strict=True):
        if not isinstance(got, list):
            continue
        for m in got:
            rule = by_source.get(m.source)
            if (
                rule is not None
                and rule.data.get("no_licence_exceptions")
                and m.score >= rule.data["certain_score"]
            ):
                own = getattr(getattr(m, "entity", None), "license_policy", None)
                policy = f"; policy: {own or rule.data['policy']}"
                out.append(f"{party['name']} is on the {rule.title} [{rule.id}]{policy}")
    return out


def evaluate(case: CaseContext, as_of: date) -> tuple[list[Finding], list[Advisory]]:
    """Findings for every party of ``case`` against the US restricted-party lists."""
    by_source = _list_rules(as_of)
    rules = list(by_source.values())
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    if not case.parties:
        return findings, advisories
    results = screened(case, as_of)
    screener = _resolve_screener(case, sorted(by_source))
    affiliates = [r for r in all_rules(REGIME) if r.kind == "affiliates" and r.in_force(as_of)]
    for i, party in enumerate(case.parties):
        subject = f"party {i + 1} ({party['name']})"
        if screener is None:
            findings.append(
                Finding(
                    REGIME,
                    "us-ear-screening",
                    Outcome.REVIEW,
                    f"{subject}: the screening engine is unavailable; screen "
                    f"against {', '.join(sorted(by_source))}",
                    subject=subject,
                )
            )
            continue
        got = results[i]
        findings.extend(_party(got if got is not None else [], by_source, subject, party["name"]))
        owners = party.get("owners", []) or []
        if owners:
            f, a = _owners(screener, by_source, affiliates, subject, owners, as_of)
            findings.extend(f)
            advisories.extend(a)
    for r in rules:
        advisories.extend(r.advisories(as_of))
    return findings, advisories


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _party(
    got: list[Any] | str, by_source: dict[str, Rule], subject: str, name: str = ""
) -> list[Finding]:
    if isinstance(got, str):
        return [
            Finding(
                REGIME,
                "us-ear-screening",
                Outcome.REVIEW,
                f"{subject}: screening failed ({got})",
                subject=subject,
            )
        ]
    out: list[Finding] = []
    best: dict[str, Any] = {}
    others: dict[str, list[str]] = {}
    # Best first (an exact name wins a tie): one finding per list, the others as evidence.
    ranked = sorted(got, key=lambda m: (-m.score, not _same(m.matched_name or m.name, name)))
    for m in ranked:
        if m.source not in by_source:
            continue
        if m.source in best:
            others.setdefault(m.source, []).append(f"{m.name} ({m.score:.2f})")
        else:
            best[m.source] = m
    for source, m in best.items():
        rule = by_source[source]
        f = _match_finding(rule, subject, m, m.score >= rule.data["certain_score"])
        if others.get(source):
            f.evidence["other_candidates"] = others[source]
            f.reason += f"; {len(others[source])} other candidate(s) on this list in evidence"
        out.append(f)
    if not out:
        lists = ", ".join(sorted(by_source))
        out.append(
            Finding(
                REGIME,
                "us-ear-screening",
                Outcome.ALLOWED,
                f"{subject}: no match on {lists}",
                subject=subject,
            )
        )
    return out


def _owners(
    screener: Screener,
    by_source: dict[str, Rule],
    affiliates: list[Rule],
    subject: str,
    owners: list[dict[str, Any]],
    on: date,
) -> tuple[list[Finding], list[Advisory]]:
    """The affiliates rule: owners on the EL/MEU holding, in aggregate, >= the threshold."""
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    if not affiliates:
        return findings, advisories
    screened_owners = []
    for owner in owners:
        got = _screen(screener, str(owner.get("name", "")), owner.get("country"))
        if isinstance(got, str):
            findings.append(
                Finding(
                    REGIME,
                    "us-ear-screening",
                    Outcome.REVIEW,
                    f"{subject}: owner {owner.get('name')}: screening failed ({got})",
                    subject=subject,
                )
            )
            continue
        screened_owners.append((owner, got))
    for rule in affiliates:
        listed: list[tuple[dict[str, Any], Any]] = []
        for owner, got in screened_owners:
            hits = [m for m in got if m.source in rule.data["sources"] and m.source in by_source]
            if hits:
                listed.append((owner, hits[0]))
        if not listed:
            continue
        advisories.extend(rule.advisories(on))
        if not rule.applies(on):
            continue
        certain: list[tuple[dict[str, Any], Any]] = []
        for owner, m in listed:
            if owner.get("share") is None or m.score < by_source[m.source].data["certain_score"]:
                findings.append(
                    Finding(
                        REGIME,
                        rule.id,
                        Outcome.REVIEW,
                        f"{subject}: owner {owner.get('name')} may be {m.name} "
                        f"({m.source}); ownership share or match uncertain",
                        rule.citations,
                        subject=subject,
                    )
                )
            else:
                certain.append((owner, m))
        total = sum(float(o["share"]) for o, _ in certain)
        if certain and total >= rule.data["ownership_threshold"]:
            who = ", ".join(f"{m.name} ({m.source}) {float(o['share']):.0%}" for o, m in certain)
            findings.append(
                Finding(
                    REGIME,
                    rule.id,
                    Outcome(rule.data.get("outcome", "license-required")),
                    f"{subject}: {total:.0%} owned in aggregate by listed parties ({who}); "
                    f"{rule.title}",
                    rule.citations,
                    policy=rule.data.get("policy", "as for the listed owner(s)"),
                    subject=subject,
                    confidence=rule.confidence,
                )
            )
    return findings, advisories
