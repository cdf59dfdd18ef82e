"""Evidence beyond the name: country, type and identifier agreement.

Each evidence function returns a score change and its reason (empty when it
says nothing). Changes are small: the name decides whether two parties may be
the same; evidence orders the candidates and lowers, never removes, a name match.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tradecheck.entity import Entity, EntityType

COUNTRY_AGREES = 0.03
COUNTRY_DIFFERS = -0.05
TYPE_DIFFERS = -0.08
IDENTIFIER_AGREES = 0.15
WEAK_ALIAS = -0.05


class QueryFacts(NamedTuple):
    """What the query says besides the name."""

    country: str | None
    type: str | None
    identifier: str | None


def _entity_countries(e: Entity) -> set[str]:
    out = {c.upper() for c in e.countries if c}
    out.update(c.upper() for c in e.nationalities if c)
    out.update(a.country.upper() for a in e.addresses if a.country)
    return out


def country(q: QueryFacts, e: Entity, matched: str) -> tuple[float, str]:
    """The party's country among the entity's countries (+), or not (−)."""
    if not q.country:
        return 0.0, ""
    known = _entity_countries(e)
    if not known:
        return 0.0, f"country {q.country}: the listing gives none"
    if q.country in known:
        return COUNTRY_AGREES, f"country agrees: {q.country}"
    return COUNTRY_DIFFERS, f"country differs: {q.country} vs {', '.join(sorted(known))}"


def entity_type(q: QueryFacts, e: Entity, matched: str) -> tuple[float, str]:
    """A person query against an organisation listing, or the reverse, weighs less."""
    if not q.type or e.type == EntityType.UNKNOWN:
        return 0.0, ""
    is_person = e.type == EntityType.PERSON
    if (q.type == "person") == is_person:
        return 0.0, f"type agrees: {e.type.value}"
    return TYPE_DIFFERS, f"type differs: query {q.type}, listed {e.type.value}"


def _norm_id(v: str) -> str:
    return "".join(ch for ch in v.upper() if ch.isalnum())


def identifier(q: QueryFacts, e: Entity, matched: str) -> tuple[float, str]:
    """An identifier of the party equal to one of the listing's."""
    if not q.identifier or not e.identifiers:
        return 0.0, ""
    want = _norm_id(q.identifier)
    for ident in e.identifiers:
        if want and _norm_id(ident.value) == want:
            return IDENTIFIER_AGREES, f"identifier agrees: {ident.type} {ident.value}"
    return 0.0, "identifier given; none of the listing's equals it"


def weak_alias(q: QueryFacts, e: Entity, matched: str) -> tuple[float, str]:
    """A match on an alias the list itself calls weak (OFAC low-quality a.k.a.)."""
    for a in e.aliases:
        if a.value == matched and (a.quality or "").lower() in ("weak", "low"):
            return WEAK_ALIAS, "matched a weak (low-quality) alias"
    return 0.0, ""


EvidenceFn = Callable[[QueryFacts, Entity, str], tuple[float, str]]

#: The declared evidence features, in order.
EVIDENCE: tuple[EvidenceFn, ...] = (country, entity_type, identifier, weak_alias)
