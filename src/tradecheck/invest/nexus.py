"""The financial-nexus test for covered foreign persons (31 CFR 850.209(a)(2)).

A person that holds a board seat, a voting or equity interest or a contractual
power to direct in one or more (a)(1) covered foreign persons is itself a covered
foreign person when, on an annual basis, it derives more than 50 % of its revenue
or net income from them, or incurs more than 50 % of its capital expenditure or
operating expenses through them, individually or aggregated across those from each
of which it derives or incurs at least $50,000. "More than" is strict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradecheck.invest.deal import Party


@dataclass(slots=True)
class NexusResult:
    """Whether a party is a covered foreign person by financial nexus."""

    value: bool | None
    reason: str = ""
    measure: str | None = None
    share_pct: float | None = None
    via: list[str] = field(default_factory=list)  # party ids of the (a)(1) persons
    missing: list[str] = field(default_factory=list)


def _holds_interest(holder: Party, investee: Party) -> bool:
    return any(h.owner == holder.id for h in investee.owners)


def financial_nexus(
    party: Party,
    parties: dict[str, Party],
    a1: dict[str, bool | None],
    data: dict[str, Any],
    where: str,
) -> NexusResult:
    """Apply the (a)(2) test to ``party``.

    Args:
        party: the person tested (usually the target).
        parties: every party of the deal, by id.
        a1: for each party id, whether it is an (a)(1) covered foreign person.
        data: the ``oisp-cfp-nexus`` rule data (threshold, $50,000 floor, measures).
        where: JSON path of the party, to name missing facts.
    """
    gt = float(data["share_pct_gt"])
    floor = float(data["aggregation_min_usd"])
    measures: list[str] = list(data["measures"])
    fin = party.fact("financials")
    investees = [p for p in parties.values() if p.id != party.id and _holds_interest(party, p)]
    related = [p.id for p in investees if a1.get(p.id) is not False]
    if fin is None:
        if related:
            return NexusResult(
                None,
                f"{party.name!r} holds interests in possible covered foreign persons "
                f"({', '.join(related)}); its financial shares from them are not given",
                missing=[f"{where}.financials"],
            )
        return NexusResult(False, "no holding in a covered foreign person is shown")
    shares = dict(fin.get("covered_share_pct") or {})
    via = [p.id for p in investees if a1.get(p.id) is True]
    open_ids: list[str] = []
    totals = fin.get("totals") or {}
    flows = fin.get("from") or []
    for m in measures:
        if m in shares or m not in totals or not totals[m]:
            continue
        singles: list[tuple[float, float]] = []  # (amount, share %) from (a)(1) persons
        maybe = 0.0
        for f in flows:
            amount = float(f.get(m) or 0.0)
            status = a1.get(f["party"])
            if status is False or not _holds_interest(party, parties[f["party"]]):
                continue
            single = amount / float(totals[m]) * 100.0
            if status is True:
                singles.append((amount, single))
                if f["party"] not in via:
                    via.append(f["party"])
            else:
                maybe += single
                open_ids.append(f["party"])
        # individually, or aggregated across those each at or above the $50,000 floor
        sure = max(
            max((s for _, s in singles), default=0.0),
            sum(s for a, s in singles if a >= floor),
        )
        shares[m] = sure if sure > gt or not maybe else None
    for m in measures:
        value = shares.get(m)
        if value is not None and float(value) > gt:
            return NexusResult(
                True,
                f"{party.name!r} derives or incurs {float(value):g} % of its {m.replace('_', ' ')} "
                f"from covered foreign persons (more than {gt:g} %)",
                m,
                float(value),
                via,
            )
    unknown = [m for m in measures if shares.get(m) is None]
    if unknown:
        missing = [f"{where}.financials.covered_share_pct.{m}" for m in unknown]
        missing += [f"party {o}: covered-foreign-person status" for o in sorted(set(open_ids))]
        return NexusResult(None, "the financial-nexus shares are incomplete", missing=missing)
    return NexusResult(
        False,
        f"no measure exceeds {gt:g} % ("
        + ", ".join(f"{m} {float(shares[m]):g} %" for m in measures)
        + ")",
    )
