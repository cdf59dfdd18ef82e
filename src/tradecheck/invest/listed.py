"""Listed-party escalation (31 CFR 850.224(m)): a listed covered foreign person is prohibited.

A covered foreign person engaged in any covered activity, prohibited or
notifiable, is in the prohibited tier when it is on the Entity List, the MEU List,
the SDN List (or 50 % or more owned by SDNs), the NS-CMIC List, is a
Military-Intelligence End-User or a designated Foreign Terrorist Organization.

List status comes from two places: what the deal declares (``listed``) and the
screening engine (:func:`tradecheck.screening.screen_party`), run on the target's
name and on every owner's. A match at or above the rule's ``certain_score`` counts
as listed; one at or above ``review_score`` is a possible match for a person to
resolve (``review``, never ``allowed``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tradecheck.errors import TradecheckError
from tradecheck.invest.deal import Deal, Party
from tradecheck.invest.ownership import OwnershipGraph

#: ``screener(name, country) -> matches`` (objects shaped like ``screening.Match``).
PartyScreener = Callable[[str, str | None], list[Any]]


@dataclass(slots=True)
class ListedHit:
    """One reason a party is (or may be) listed."""

    code: str  # EL, MEU, MIEU, SDN, NS-CMIC, FTO
    party: str  # party id
    name: str
    cite: str
    how: str  # declared | screening | sdn-ownership
    score: float | None = None
    matched_name: str | None = None
    entity_id: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready evidence."""
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass(slots=True)
class ListedResult:
    """The list status of the target (and the SDN holdings above it)."""

    certain: list[ListedHit] = field(default_factory=list)
    possible: list[ListedHit] = field(default_factory=list)
    unavailable: str | None = None  # why screening did not run
    declared: bool = False  # the deal states the target's list status
    versions: dict[str, Any] | None = None


def default_screener(
    data: dict[str, Any],
) -> tuple[PartyScreener | None, dict[str, Any] | None, str | None]:
    """The screening engine as a screener, its versions, or why it is unavailable.

    Args:
        data: the ``oisp-listed-escalation`` rule data (list sources, review score).
    """
    try:
        screening = importlib.import_module("tradecheck.screening")
    except ImportError:
        return None, None, "the screening engine is not installed"
    sources = sorted({s for e in data["lists"] for s in e.get("sources", [])})
    if any(e.get("programs") for e in data["lists"]):
        sources = sorted({*sources, "SDN"})  # FTOs are SDN entries with the FTO program
    floor = float(data["review_score"])

    try:
        versions = dict(screening.screening_versions())
    except TradecheckError as exc:
        return None, None, f"the screening engine cannot run: {exc.one_line()}"

    def screen(name: str, country: str | None) -> list[Any]:
        found = screening.screen_party(name, country=country, sources=sources, min_score=floor)
        # the result names the list snapshots it searched: record them for the audit trail
        versions.update(getattr(found, "versions", None) or {})
        return list(found.matches)

    return screen, versions, None


def _codes(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(e["code"]): e for e in data["lists"]}


def _match_codes(match: Any, lists: dict[str, dict[str, Any]]) -> list[str]:
    source = getattr(match, "source", None)
    entity = getattr(match, "entity", None)
    programs = set(getattr(entity, "programs", None) or [])
    out = []
    for code, spec in lists.items():
        if source in spec.get("sources", []) or programs & set(spec.get("programs", [])):
            out.append(code)
    return out


def _screen(
    party: Party,
    screener: PartyScreener,
    data: dict[str, Any],
    result: ListedResult,
    codes: set[str] | None,
) -> None:
    lists = _codes(data)
    country = party.fact("incorporated_in") or party.fact("headquarters")
    for match in screener(party.name, country):
        score = float(getattr(match, "score", 0.0))
        for code in _match_codes(match, lists):
            if codes is not None and code not in codes:
                continue
            hit = ListedHit(
                code,
                party.id,
                party.name,
                lists[code]["cite"],
                "screening",
                score,
                getattr(match, "matched_name", None),
                getattr(match, "entity_id", None),
                getattr(match, "source", None),
            )
            if score >= float(data["certain_score"]):
                result.certain.append(hit)
            elif score >= float(data["review_score"]):
                result.possible.append(hit)


def check_listed(
    deal: Deal,
    graph: OwnershipGraph,
    data: dict[str, Any],
    screener: PartyScreener | None,
    unavailable: str | None = None,
) -> ListedResult:
    """The list status of the target under 850.224(m).

    Args:
        deal: the deal.
        graph: its ownership graph (for the SDN 50 % rule).
        data: the ``oisp-listed-escalation`` rule data.
        screener: the screening function, or None when it is unavailable.
        unavailable: why the screener is None.
    """
    lists = _codes(data)
    target = deal.target
    result = ListedResult(unavailable=unavailable if screener is None else None)
    declared = target.fact("listed")
    result.declared = declared is not None
    for code in declared or []:
        result.certain.append(
            ListedHit(code, target.id, target.name, lists[code]["cite"], "declared")
        )
    owners_sdn: set[str] = set()
    owners_maybe: set[str] = set()
    for party in deal.parties.values():
        if party is not target and "SDN" in (party.fact("listed") or []):
            owners_sdn.add(party.id)
    if screener is not None:
        owner_result = ListedResult()
        try:
            _screen(target, screener, data, result, None)
            for party in deal.parties.values():
                if party is not target:
                    _screen(party, screener, data, owner_result, {"SDN"})
        except TradecheckError as exc:  # no store, no snapshot: say so, never pass silently
            result.unavailable = f"screening failed: {exc.one_line()}"
        owners_sdn |= {h.party for h in owner_result.certain}
        owners_maybe |= {h.party for h in owner_result.possible}
    ge = float(data["sdn_ownership_pct_ge"])
    cite = lists["SDN"]["cite"]
    if owners_sdn:
        shares = graph.shares(target.id, owners_sdn)
        if max(shares.values()) >= ge:
            result.certain.append(
                ListedHit(
                    "SDN", target.id, target.name, cite, "sdn-ownership", max(shares.values())
                )
            )
    if owners_maybe:
        shares = graph.shares(target.id, owners_sdn | owners_maybe)
        if max(shares.values()) >= ge and not any(h.how == "sdn-ownership" for h in result.certain):
            result.possible.append(
                ListedHit(
                    "SDN", target.id, target.name, cite, "sdn-ownership", max(shares.values())
                )
            )
    return result
