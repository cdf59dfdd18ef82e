"""Ownership chains: who is a person of a country of concern (31 CFR 850.221).

The deal gives a small ownership graph (the target, its owners and their owners).
A party is a person of a country of concern on its own facts, (a) an individual
citizen or permanent resident who is neither a U.S. citizen nor a U.S. permanent
resident, (b) an entity incorporated, headquartered or with its principal place of
business there, (c) that government or an entity it directs; or through
ownership, (c)/(d)/(e) an entity in which such persons hold at least 50 % of the
voting interest, board voting power or equity, individually or in the aggregate,
directly or indirectly.

Indirect holdings count in full through an owner that itself qualifies, and
proportionately through one that does not (the tiered method of 850.206(b); the
rule data marks that reading as unverified). Unknown facts propagate: a party is
``None`` when the owners whose status is unknown could tip it over the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tradecheck.invest.deal import MEASURES, Party

US = "US"


@dataclass(slots=True)
class CocStatus:
    """Whether a party is a person of a country of concern, and why."""

    value: bool | None
    basis: str = ""  # "850.221(b)" …
    reason: str = ""
    missing: list[str] = field(default_factory=list)
    shares: dict[str, float] = field(default_factory=dict)  # measure → % held by such persons


def _base(party: Party, coc: frozenset[str]) -> CocStatus:
    """Status on the party's own facts: (a), (b) or the government limb of (c)."""
    name = f"{party.name!r}"
    if party.kind == "government":
        gov = party.fact("government_of")
        if gov is None:
            return CocStatus(None, missing=[f"party {party.id}: government_of"])
        ok = gov in coc
        return CocStatus(ok, "850.221(c)" if ok else "", f"{name} is the government of {gov}")
    if party.kind == "individual":
        cits = party.fact("citizenships")
        prs = party.fact("permanent_residences")
        if cits is None:
            return CocStatus(None, missing=[f"party {party.id}: citizenships"])
        known_prs = list(prs or [])
        if US in cits or US in known_prs:
            return CocStatus(False, reason=f"{name} is a U.S. citizen or permanent resident")
        if set(cits) & coc or set(known_prs) & coc:
            if prs is None:  # a U.S. green card would take the person out of (a)
                return CocStatus(None, missing=[f"party {party.id}: permanent_residences"])
            return CocStatus(
                True, "850.221(a)", f"{name} is a citizen or permanent resident of {cits}"
            )
        if prs is None:
            return CocStatus(None, missing=[f"party {party.id}: permanent_residences"])
        return CocStatus(False, reason=f"{name} has no country-of-concern citizenship or residence")
    directed = party.fact("directed_by_government_of")
    if directed in coc:
        return CocStatus(True, "850.221(c)", f"{name} is directed by the government of {directed}")
    keys = ("incorporated_in", "headquarters", "principal_place_of_business")
    places = {k: party.fact(k) for k in keys}
    hits = [f"{k.replace('_', ' ')} {v}" for k, v in places.items() if v in coc]
    if hits:
        return CocStatus(True, "850.221(b)", f"{name}: {', '.join(hits)}")
    missing = [f"party {party.id}: {k}" for k, v in places.items() if v is None]
    if missing:
        return CocStatus(None, missing=missing)
    return CocStatus(False, reason=f"{name} is organised and run outside the country of concern")


class OwnershipGraph:
    """The deal's parties and holdings, with the 850.221 status of each."""

    def __init__(self, parties: dict[str, Party], coc: frozenset[str], pct_ge: float) -> None:
        self.parties = parties
        self.coc = coc
        self.pct_ge = pct_ge
        self._status: dict[str, CocStatus] | None = None

    def attributed(self, party_id: str, holders: set[str], measure: str) -> float:
        """Percent of ``measure`` in ``party_id`` held by ``holders``, directly or indirectly.

        In full through a holder, proportionately through any other owner; a cycle
        contributes nothing beyond its first pass.
        """

        def walk(pid: str, seen: frozenset[str]) -> float:
            total = 0.0
            for h in self.parties[pid].owners:
                share = h.get(measure)
                if h.owner in holders:
                    total += share
                elif h.owner not in seen:
                    total += share * walk(h.owner, seen | {h.owner}) / 100.0
            return total

        return walk(party_id, frozenset({party_id}))

    def shares(self, party_id: str, holders: set[str]) -> dict[str, float]:
        """:meth:`attributed` for every measure."""
        return {m: self.attributed(party_id, holders, m) for m in MEASURES}

    def _derive(self, pid: str, base: CocStatus, status: dict[str, CocStatus]) -> CocStatus:
        yes = {k for k, s in status.items() if s.value is True}
        maybe = yes | {k for k, s in status.items() if s.value is None}
        low = self.shares(pid, yes)
        if max(low.values(), default=0.0) >= self.pct_ge:
            owners = [h.owner for h in self.parties[pid].owners if h.owner in yes]
            bases = {status[o].basis for o in owners}
            if owners and bases == {"850.221(c)"}:
                basis = "850.221(c)"
            elif bases & {"850.221(a)", "850.221(b)", "850.221(c)"} or not owners:
                basis = "850.221(d)"
            else:
                basis = "850.221(e)"
            measure = max(low, key=lambda m: low[m])
            names = ", ".join(self.parties[o].name for o in owners) or "indirect holders"
            return CocStatus(
                True,
                basis,
                f"{self.parties[pid].name!r} is held {low[measure]:g} % ({measure}) by persons "
                f"of a country of concern ({names}); at least {self.pct_ge:g} % qualifies",
                shares=low,
            )
        if base.value is True:
            return base
        high = self.shares(pid, maybe)
        if base.value is None or max(high.values(), default=0.0) >= self.pct_ge:
            unknown_owners = sorted(maybe - yes)
            missing = list(base.missing)
            for o in unknown_owners:
                missing.extend(status[o].missing)
            return CocStatus(None, missing=sorted(set(missing)), shares=low)
        return CocStatus(False, reason=base.reason, shares=low)

    def statuses(self) -> dict[str, CocStatus]:
        """The 850.221 status of every party (a fixpoint over the graph)."""
        if self._status is not None:
            return self._status
        bases = {pid: _base(p, self.coc) for pid, p in self.parties.items()}
        status = dict(bases)
        for _ in range(len(self.parties) + 1):
            new = {
                pid: (
                    bases[pid]
                    if bases[pid].value is True
                    else self._derive(pid, bases[pid], status)
                )
                for pid in self.parties
            }
            # A base-qualifying party keeps its own basis but records the shares too.
            if all(new[k].value == status[k].value for k in new):
                status = new
                break
            status = new
        self._status = status
        return status

    def status(self, party_id: str) -> CocStatus:
        """The 850.221 status of one party."""
        return self.statuses()[party_id]
