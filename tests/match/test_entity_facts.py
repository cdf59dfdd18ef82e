"""The facts an index keeps of each entity, and screening without decoding entities."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name
from tradecheck.match.containers import Entities, entity_facts
from tradecheck.match.evidence import (
    COUNTRY_AGREES,
    COUNTRY_DIFFERS,
    EVIDENCE,
    ORDERING,
    TYPE_DIFFERS,
    Listed,
    QueryFacts,
    apply_evidence,
)
from tradecheck.match.index import Index
from tradecheck.screening import EntityRef, Match, build_index, screen_party

from .conftest import ENTITIES

RICH = Entity(
    id="sdn-rich",
    source="SDN",
    type=EntityType.PERSON,
    name="IVANOV, Pyotr",
    aliases=[
        Name("Petr Ivanov", quality="weak"),
        Name("Pyotr Ivanoff", quality="Low"),
        Name("P. Ivanov", quality="strong"),
        Name("Peter Ivanov"),
    ],
    countries=["ru", "CY"],
    nationalities=["by"],
    addresses=[Address(city="Limassol", country="cy"), Address(city="Riga", country="LV")],
    identifiers=[Identifier("Passport", "AB 123456")],
)


def test_facts_of_an_entity() -> None:
    eid, name, countries, every, weak = entity_facts(RICH)
    assert (eid, name) == ("sdn-rich", "IVANOV, Pyotr")
    assert countries == ("ru", "CY")  # as listed (a match's countries)
    assert every == ("BY", "CY", "LV", "RU")  # countries, nationalities, addresses
    assert weak == ("Petr Ivanov", "Pyotr Ivanoff")


def _old_evidence(q: QueryFacts, e: Entity, matched: str) -> list[tuple[float, str]]:
    """The evidence as it was computed from the decoded entity (before the facts)."""
    out: list[tuple[float, str]] = []
    known = {c.upper() for c in e.countries if c}
    known.update(c.upper() for c in e.nationalities if c)
    known.update(a.country.upper() for a in e.addresses if a.country)
    if not q.country:
        out.append((0.0, ""))
    elif not known:
        out.append((0.0, f"country {q.country}: the listing gives none"))
    elif q.country in known:
        out.append((COUNTRY_AGREES, f"country agrees: {q.country}"))
    else:
        out.append((COUNTRY_DIFFERS, f"country differs: {q.country} vs {', '.join(sorted(known))}"))
    if not q.type or e.type == EntityType.UNKNOWN:
        out.append((0.0, ""))
    elif (q.type == "person") == (e.type == EntityType.PERSON):
        out.append((0.0, f"type agrees: {e.type.value}"))
    else:
        out.append((TYPE_DIFFERS, f"type differs: query {q.type}, listed {e.type.value}"))
    return out


@pytest.mark.parametrize("entity", [RICH, *ENTITIES])
@pytest.mark.parametrize("country", [None, "CY", "BY", "CN", "US"])
@pytest.mark.parametrize("qtype", [None, "person", "org"])
def test_evidence_from_the_facts_is_the_entitys(
    entity: Entity, country: str | None, qtype: str | None
) -> None:
    listed = Listed.of(entity)
    q = QueryFacts(country, qtype, None)
    got = [fn(q, listed, entity.name) for fn in EVIDENCE[:2]]
    want = _old_evidence(q, entity, entity.name)
    assert got == want


@pytest.mark.parametrize(
    ("matched", "weak"),
    [
        ("Petr Ivanov", True),
        ("Pyotr Ivanoff", True),
        ("P. Ivanov", False),
        ("IVANOV, Pyotr", False),
    ],
)
def test_weak_alias_from_the_facts(matched: str, weak: bool) -> None:
    scored = apply_evidence(QueryFacts(None, None, None), Listed.of(RICH), matched, 0.95, 0.0)
    assert scored is not None
    assert any(e["name"] == "weak_alias" for e in scored[1]) is weak


def test_identifier_and_address_read_the_entity() -> None:
    ents = Entities()
    ents.append(RICH)
    ents.__setstate__(ents.__getstate__())  # as loaded from a file: JSON until asked for
    listed = Listed(ents, 0, "person")
    q = QueryFacts(None, None, "ab123456")
    delta, reason = EVIDENCE[2](q, listed, "x")
    assert delta > 0 and "Passport" in reason
    assert ents._objs[0] is not None  # decoded for it
    assert ORDERING[0](QueryFacts(None, None, None), Listed(ents, 0, "person"), "x") == (0.0, "")


def test_screening_decodes_no_entity_until_one_is_read(tmp_path: Path) -> None:
    path = tmp_path / "index.pkl"
    build_index([RICH, *ENTITIES]).save(path)
    idx = Index.load(path)
    assert [idx.entities.facts(i) for i in range(len(idx.entities))] == [
        entity_facts(e) for e in [RICH, *ENTITIES]
    ]
    res = screen_party("Pyotr Ivanov", index=idx, country="CY")
    m = res.matches[0]
    assert (m.entity_id, m.source, m.name, m.countries) == (
        "sdn-rich",
        "SDN",
        "IVANOV, Pyotr",
        ["ru", "CY"],
    )
    assert all(e is None for e in idx.entities._objs)
    assert m.entity == RICH
    assert m.to_dict()["type"] == "person"
    assert idx.entities._objs[0] is m.entity


def test_a_match_is_a_dataclass_whose_entity_is_required() -> None:
    ents = Entities()
    ents.append(RICH)
    m = Match("sdn-rich", "SDN", "IVANOV, Pyotr", "Petr Ivanov", 0.9, [], {}, EntityRef(ents, 0))
    assert m.entity is RICH
    m2 = replace(m, score=0.5)
    assert (m2.score, m2.entity) == (0.5, RICH)
    assert m2 == replace(m, score=0.5) and m2 != m
    with pytest.raises(TypeError):
        Match("x", "SDN", "X", "X", 0.9, [], {})  # no entity
