"""The facts an index keeps of each entity, and screening without decoding entities."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

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
from tradecheck.match.results import EntityRef, Match
from tradecheck.screening import build_index, screen_party

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
    eid, name, countries, every, weak, key, dataset = entity_facts(RICH)
    assert (eid, name) == ("sdn-rich", "IVANOV, Pyotr")
    assert countries == ("ru", "CY")  # as listed (a match's countries)
    assert every == ("BY", "CY", "LV", "RU")  # countries, nationalities, addresses
    assert weak == ("Petr Ivanov", "Pyotr Ivanoff")
    assert key == "" and dataset is None
    assert entity_facts(replace(RICH, source_key="12345"))[5] == "12345"
    assert entity_facts(replace(RICH, dataset="us-ofac-sdn"))[6] == "us-ofac-sdn"


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


def test_entities_of_an_older_file_get_their_facts() -> None:
    ents = Entities()
    ents.__setstate__([json.dumps(e.to_dict()) for e in (RICH, *ENTITIES)])  # format 6
    assert [ents.facts(i) for i in range(len(ents))] == [entity_facts(RICH)] + [
        entity_facts(e) for e in ENTITIES
    ]
    assert ents[0] == RICH


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


def _acme(eid: str, name: str, key: str | None, dataset: str, source: str = "EL") -> Entity:
    return Entity(
        id=eid,
        source=source,
        type=EntityType.ORGANIZATION,
        name=name,
        dataset=dataset,
        source_key=key,
    )


ACMES = [
    _acme("el-1", "Acme Rocket Works Ltd", "7", "a"),
    _acme("el-2", "ACME ROCKET WORKS LTD.", None, "b"),
    _acme("el-3", "Acme Rocket Works", "8", "a"),
    _acme("el-4", "Acme Rockets Works", "7", "b"),
    _acme("el-5", "Acme Rocket Work", "9", "b"),
    _acme("sdn-1", "Acme Rocket Works Ltd", "7", "a", source="SDN"),
    _acme("sdn-2", "Acme Rocket Werks", None, "b", source="SDN"),
]


@pytest.mark.parametrize("n", range(2, 1 << len(ACMES)))
def test_matches_not_collapsible_are_left_as_they_are(n: int) -> None:
    from tradecheck.match.listing import collapse_listings
    from tradecheck.screening import _may_collapse

    chosen = [e for i, e in enumerate(ACMES) if n >> i & 1]
    ents = Entities()
    for e in chosen:
        ents.append(e)
    matches = [
        Match(e.id, e.source, e.name, e.name, 0.9, [], {}, EntityRef(ents, i))
        for i, e in enumerate(chosen)
    ]
    if not _may_collapse(matches, list(range(len(chosen))), ents):
        kept = list(matches)
        assert collapse_listings(matches, {}) == kept
        assert all(not m.also_in for m in kept)


@pytest.mark.parametrize("n", range(2, 1 << len(ACMES)))
def test_collapsing_reads_the_facts_as_the_entities_say(n: int) -> None:
    from tradecheck.match.listing import collapse_listings

    chosen = [e for i, e in enumerate(ACMES) if n >> i & 1]
    ents = Entities([json.dumps(e.to_dict()) for e in chosen], [entity_facts(e) for e in chosen])
    dates = {"a": "2026-01-02", "b": "2026-03-04"}

    def made(ref: bool) -> list[tuple[str, float, list[dict[str, Any]]]]:
        matches = [
            Match(
                e.id,
                e.source,
                e.name,
                e.name,
                0.9 - i / 100,
                [],
                {},
                EntityRef(ents, i) if ref else e,
            )
            for i, e in enumerate(chosen)
        ]
        return [(m.entity_id, m.score, m.also_in) for m in collapse_listings(matches, dates)]

    assert made(True) == made(False)
    assert all(e is None for e in ents._objs)  # (none decoded)


def test_two_listings_of_one_list_are_not_decoded(tmp_path: Path) -> None:
    path = tmp_path / "index.pkl"
    build_index([ACMES[0], ACMES[2], ACMES[4]]).save(path)
    idx = Index.load(path)
    res = screen_party("Acme Rocket Works", index=idx, min_score=0.5)
    assert len(res.matches) == 3
    assert all(e is None for e in idx.entities._objs)
    res = screen_party("Acme Rocket Works", index=build_index(ACMES[:2]))
    assert len(res.matches) == 1 and res.matches[0].also_in  # (the same name: collapsed)
