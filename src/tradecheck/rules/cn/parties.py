"""China's party lists: the control list, the watch list and the Unreliable Entity List.

Parties are found through the screening engine (English or Chinese names); each
listing keeps its own dates and suspension window (``Entity.extra``, read with
:func:`tradecheck.lists.china.status_on`). What a listing means — prohibited,
individual licence only, import and export banned — is rule data
(``data/rules/cn/parties.yaml``). A hit below the rule's ``certain_score`` is a
possible match for a person to resolve: ``review``, never ``allowed``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tradecheck.errors import TradecheckError
from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.cn.case import CnCase, CnParty
from tradecheck.rules.cn.spec import china_rules
from tradecheck.rules.model import Rule
from tradecheck.rules.party_facts import screen_party_with_facts

REGIME = "cn-parties"
#: ``screener(name, country) -> matches`` as the engine injects it (with ``address=``
#: when the party gives one: :mod:`tradecheck.rules.party_facts`).
Screener = Callable[..., list[Any]]


class _StoreScreener:
    """Screens through the screening engine's default store, noting which lists it holds."""

    def __init__(self, sources: list[str]) -> None:
        self.sources = sources
        self.datasets: set[str] | None = None

    def __call__(self, name: str, country: str | None, address: str | None = None) -> list[Any]:
        from tradecheck.screening import screen_party  # optional until a case needs it

        result = screen_party(name, country=country, sources=self.sources, address=address)
        snaps = result.versions.get("snapshots") or []
        self.datasets = {str(s.get("dataset")) for s in snaps}
        return list(result.matches)


def _missing_lists(screener: _StoreScreener, rules: dict[str, Rule]) -> list[Finding]:
    from tradecheck.lists.china import LISTS

    if screener.datasets is None:
        return []
    out = []
    for source, rule in sorted(rules.items()):
        dataset = LISTS.get(source)
        if dataset and dataset not in screener.datasets:
            out.append(
                Finding(
                    REGIME,
                    rule.id,
                    Outcome.REVIEW,
                    f"The {source} list is not loaded in the store, so no party was "
                    f"screened against it: run `tradecheck lists update {dataset}`.",
                    list(rule.citations),
                    evidence={"dataset": dataset},
                )
            )
    return out


def _status(entity: Any, on: date) -> str:
    from tradecheck.lists.china import status_on

    return status_on(entity, on)


def _match_advisories(rule: Rule, match: Any, on: date, status: str) -> list[Advisory]:
    x: dict[str, Any] = dict(getattr(match.entity, "extra", {}) or {})
    out: list[Advisory] = []
    cite = list(rule.citations)
    end = x.get("suspended_to")
    if status == "suspended":
        until = f"to {end}" if end else "with no end date known"
        out.append(
            Advisory(
                "suspension-ends",
                f"The {x.get('announcement')} listing of "
                f"{match.name} is suspended from {x.get('suspended_from')} {until}; "
                "it applies again after that unless extended.",
                rule.id,
                cite,
            )
        )
    elif status == "active" and end and end < on.isoformat():
        out.append(
            Advisory(
                "suspension-lapsed",
                f"The suspension of the "
                f"{x.get('announcement')} listing of {match.name} ended on {end}; no "
                "extension is recorded here, so the listing is applied. Check for an "
                "extension.",
                rule.id,
                cite,
            )
        )
    if x.get("confidence") == "unverified":
        out.append(
            Advisory(
                "unverified-fact",
                f"The listing of {match.name} "
                f"({x.get('announcement')}) is not verified: {match.entity.remarks or ''}".strip(),
                rule.id,
                cite,
            )
        )
    return out


def _one(
    rule: Rule, party: CnParty, match: Any, case_dual_use: bool | None, on: date
) -> Finding | None:
    status = _status(match.entity, on)
    x = getattr(match.entity, "extra", {}) or {}
    who = f"parties[{party.index}] ({party.name})"
    ev = {
        "entity_id": match.entity_id,
        "source": match.source,
        "listed_name": match.name,
        "matched_name": match.matched_name,
        "score": round(float(match.score), 4),
        "announcement": x.get("announcement"),
        "listing_status": status,
    }
    cite = [*rule.citations]
    listing = f"{match.source} listing {x.get('announcement')} of {match.name}"
    if status in ("not-yet-listed", "removed"):
        when = x.get("effective_date") if status == "not-yet-listed" else x.get("removed_on")
        verb = "takes effect" if status == "not-yet-listed" else "was removed"
        return Finding(
            REGIME,
            rule.id,
            Outcome.ALLOWED,
            f"The {listing} {verb} on {when}.",
            cite,
            subject=who,
            evidence=ev,
            confidence=rule.confidence,
        )
    if status == "suspended":
        return Finding(
            REGIME,
            rule.id,
            Outcome.ALLOWED,
            f"The {listing} is suspended on {on}.",
            cite,
            subject=who,
            evidence=ev,
            confidence=rule.confidence,
        )
    certain = float(rule.data.get("certain_score", 1.0))
    outcome = Outcome(rule.data["outcome"])
    reason = f"{party.name} matches the {listing} (score {ev['score']}): {rule.title}."
    if float(match.score) < certain:
        outcome = Outcome.REVIEW
        reason = (
            f"{party.name} possibly matches the {listing} (score {ev['score']} below "
            f"{certain}): a person must confirm or rule out the match."
        )
    elif rule.data.get("scope") == "dual-use" and case_dual_use is False:
        outcome = Outcome.REVIEW
        reason += " The measure covers dual-use items; none is identified in this case."
    return Finding(
        REGIME,
        rule.id,
        outcome,
        reason,
        cite,
        rule.data.get("policy"),
        subject=who,
        evidence=ev,
        confidence=rule.confidence,
    )


def party_findings(
    case: CnCase, case_dual_use: bool | None, on: date
) -> tuple[list[Finding], list[Advisory]]:
    """Screen every party against China's lists; one finding per listing found."""
    rules = {r.data["source"]: r for r in china_rules("cn-party-list") if r.in_force(on)}
    if not rules:
        return [], []
    store_screener: _StoreScreener | None = None
    screen: Screener
    if case.ctx.screener is not None:
        screen = case.ctx.screener
    else:
        screen = store_screener = _StoreScreener(sorted(rules))
    findings: list[Finding] = []
    advisories: list[Advisory] = []
    for party in case.parties:
        try:
            raw = case.ctx.parties[party.index] if party.index < len(case.ctx.parties) else {}
            matches = screen_party_with_facts(screen, raw, party.name, party.country)
        except TradecheckError as exc:
            # No lists to screen against is a fact a person must resolve, not a pass.
            any_rule = rules[min(rules)]
            findings.append(
                Finding(
                    REGIME,
                    any_rule.id,
                    Outcome.REVIEW,
                    f"{party.name}: not screened against China's lists ({exc.one_line()})",
                    list(any_rule.citations),
                    subject=party.name,
                )
            )
            continue
        for match in matches:
            rule = rules.get(match.source)
            # Control and watch lists are about exports to the party, not from it.
            if rule is None or (party.is_sender and rule.data.get("scope") != "all"):
                continue
            found = _one(rule, party, match, case_dual_use, on)
            if found is not None:
                findings.append(found)
                advisories.extend(
                    _match_advisories(rule, match, on, str(found.evidence.get("listing_status")))
                )
    if store_screener is not None:
        findings.extend(_missing_lists(store_screener, rules))
    return findings, advisories
