"""Evidence beyond the name: country, type, identifier and address agreement.

Each evidence function returns a score change and its reason (empty when it
says nothing). Changes are small: the name decides whether two parties may be
the same; evidence orders the candidates and lowers a name match a little.
The weights, and why they are what they are, are ``calibration.yaml`` ``evidence``.

Two kinds, applied by :func:`apply_evidence`:

* :data:`EVIDENCE` (country, type, identifier, weak alias) is added to the name
  score before the threshold is applied, as it always was;
* :data:`ORDERING` (address) is added after: it never lifts a candidate over the
  threshold nor takes a reported match below it (the score is kept at the
  threshold then, and the reason says so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from tradecheck.entity import Entity, EntityType
from tradecheck.match.address import QueryAddress, compare_address
from tradecheck.match.containers import FACT_ALL_COUNTRIES, FACT_WEAK_ALIASES, Entities, Facts
from tradecheck.match.tables import load_table

_W: dict[str, Any] = load_table("calibration.yaml")["evidence"]

COUNTRY_AGREES = float(_W["country_agrees"])
COUNTRY_DIFFERS = float(_W["country_differs"])
TYPE_DIFFERS = float(_W["type_differs"])
IDENTIFIER_AGREES = float(_W["identifier_agrees"])
WEAK_ALIAS = float(_W["weak_alias"])


class QueryFacts(NamedTuple):
    """What the query says besides the name."""

    country: str | None
    type: str | None
    identifier: str | None
    #: The party's address, normalised (:func:`tradecheck.match.address.query_address`).
    address: QueryAddress | None = None


class Listed:
    """A listed entity as the evidence sees it.

    Country, type and weak aliases come from the facts the index keeps
    (:meth:`~tradecheck.match.containers.Entities.facts`); the full entity is
    decoded only when an identifier or address is compared (:attr:`entity`).
    """

    __slots__ = ("_entities", "_i", "facts", "type")

    def __init__(self, entities: Entities, i: int, type: str) -> None:
        self._entities = entities
        self._i = i
        self.facts: Facts = entities.facts(i)
        #: The entity's :class:`~tradecheck.entity.EntityType` value.
        self.type = type

    @classmethod
    def of(cls, entity: Entity) -> Listed:
        """``entity`` alone (outside an index)."""
        ents = Entities()
        ents.append(entity)
        return cls(ents, 0, entity.type.value)

    @property
    def entity(self) -> Entity:
        """The full entity (decoded from the index on first use)."""
        e: Entity = self._entities[self._i]
        return e


_UNKNOWN = EntityType.UNKNOWN.value
_PERSON = EntityType.PERSON.value


def country(q: QueryFacts, e: Listed, matched: str) -> tuple[float, str]:
    """The party's country among the entity's countries (+), or not (−).

    The entity's countries are those it gives, its nationalities and its addresses' countries.
    """
    if not q.country:
        return 0.0, ""
    known = e.facts[FACT_ALL_COUNTRIES]
    if not known:
        return 0.0, f"country {q.country}: the listing gives none"
    if q.country in known:
        return COUNTRY_AGREES, f"country agrees: {q.country}"
    return COUNTRY_DIFFERS, f"country differs: {q.country} vs {', '.join(known)}"


def entity_type(q: QueryFacts, e: Listed, matched: str) -> tuple[float, str]:
    """A person query against an organisation listing, or the reverse, weighs less."""
    if not q.type or e.type == _UNKNOWN:
        return 0.0, ""
    is_person = e.type == _PERSON
    if (q.type == "person") == is_person:
        return 0.0, f"type agrees: {e.type}"
    return TYPE_DIFFERS, f"type differs: query {q.type}, listed {e.type}"


def _norm_id(v: str) -> str:
    return "".join(ch for ch in v.upper() if ch.isalnum())


def identifier(q: QueryFacts, e: Listed, matched: str) -> tuple[float, str]:
    """An identifier of the party equal to one of the listing's."""
    if not q.identifier:
        return 0.0, ""
    idents = e.entity.identifiers
    if not idents:
        return 0.0, "identifier given; the listing gives none"
    want = _norm_id(q.identifier)
    for ident in idents:
        if want and _norm_id(ident.value) == want:
            return IDENTIFIER_AGREES, f"identifier agrees: {ident.type} {ident.value}"
    return 0.0, "identifier given; none of the listing's equals it"


def weak_alias(q: QueryFacts, e: Listed, matched: str) -> tuple[float, str]:
    """A match on an alias the list itself calls weak (OFAC low-quality a.k.a.)."""
    if matched in e.facts[FACT_WEAK_ALIASES]:
        return WEAK_ALIAS, "matched a weak (low-quality) alias"
    return 0.0, ""


def address(q: QueryFacts, e: Listed, matched: str) -> tuple[float, str]:
    """The party's address against the listing's: city, postal code, street words."""
    if q.address is None:
        return 0.0, ""
    return compare_address(q.address, e.entity.addresses)


EvidenceFn = Callable[[QueryFacts, Listed, str], tuple[float, str]]

#: The declared evidence features added before the threshold, in order.
EVIDENCE: tuple[EvidenceFn, ...] = (country, entity_type, identifier, weak_alias)
#: Evidence that only orders reported matches (added after the threshold).
ORDERING: tuple[EvidenceFn, ...] = (address,)
#: The features of :data:`EVIDENCE` that speak when the query gives no country, type
#: nor identifier: :func:`country`, :func:`entity_type` and :func:`identifier` then
#: say nothing (no change, no reason), nor does the :data:`ORDERING` address without
#: the query's address; :func:`apply_evidence` skips them then (the same answer).
_WITHOUT_FACTS: tuple[EvidenceFn, ...] = tuple(
    fn for fn in EVIDENCE if fn not in (country, entity_type, identifier)
)


def max_lift(facts: QueryFacts) -> float:
    """The most the threshold-deciding evidence can add to a name score for ``facts``."""
    return (IDENTIFIER_AGREES if facts.identifier else 0.0) + (
        COUNTRY_AGREES if facts.country else 0.0
    )


def apply_evidence(
    facts: QueryFacts, entity: Listed, matched: str, name_score: float, needed: float
) -> tuple[float, list[dict[str, Any]]] | None:
    """The score of a candidate with its evidence, or None when it stays below ``needed``.

    Returns:
        The score (0..1, four places) and the evidence used, each
        ``{"name", "delta", "reason"}``.
    """
    score = name_score
    used: list[dict[str, Any]] = []
    # (Most queries give the name alone: only the evidence that needs no query fact runs.)
    given = facts.country or facts.type or facts.identifier
    for fn in EVIDENCE if given else _WITHOUT_FACTS:
        delta, reason = fn(facts, entity, matched)
        if reason:
            used.append({"name": fn.__name__, "delta": delta, "reason": reason})
        score += delta
    if score < needed:
        return None
    for fn in ORDERING if facts.address is not None else ():
        delta, reason = fn(facts, entity, matched)
        if not reason:
            continue
        if score + delta < needed:
            # Ordering evidence never removes a match the name and the rest reported.
            delta = round(needed - score, 4)
            reason += "; kept at the threshold"
        used.append({"name": fn.__name__, "delta": delta, "reason": reason})
        score += delta
    return round(min(1.0, max(0.0, score)), 4), used
