"""FollowTheMoney JSON lines (OpenSanctions): a sample written here in the published format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.lists.formats import detect_format
from tradecheck.lists.ftm import parse_ftm

SAMPLE = Path(__file__).parent / "samples" / "ftm" / "entities_sample.ftm.json"


@pytest.fixture(scope="module")
def by_key() -> dict[str, object]:
    return {e.source_key: e for e in parse_ftm(SAMPLE).entities}


def test_counts_schemas_and_date() -> None:
    result = parse_ftm(SAMPLE)
    assert detect_format(SAMPLE) == "ftm-json"
    assert result.format == "ftm-json"
    assert len(result.entities) == 11
    assert result.meta["lines"] == 20
    assert result.meta["skipped"] == {
        "Address": 1,
        "Directorship": 1,
        "Employment": 1,
        "Family": 1,
        "Ownership": 1,
        "Passport": 1,
        "Sanction": 3,
    }
    assert result.data_date == "2026-01-15"
    types = sorted(e.type.value for e in result.entities)
    assert types.count("organization") == 6
    assert types.count("person") == 3
    assert "vessel" in types and "aircraft" in types


def test_person_with_sanction_joined(by_key: dict) -> None:
    e = by_key["NK-3xVWqJ2YMcS6jDpZk9T4hQ"]
    assert e.id == make_entity_id("OS", "NK-3xVWqJ2YMcS6jDpZk9T4hQ")
    assert e.source == "OS"
    assert e.type is EntityType.PERSON
    assert e.name == "Viktor Feliksovich Vekselberg"
    cyr = next(a for a in e.aliases if a.script == "Cyrillic")
    assert cyr.value == "Вексельберг Виктор Феликсович"
    weak = next(a for a in e.aliases if a.value == "VEKSELBERG")
    assert weak.quality == "low"
    assert e.countries == ["RU", "CY"]
    assert e.nationalities == ["RU", "CY"]
    assert e.birth_dates == ["1957-04-14"]
    assert [(i.type, i.value) for i in e.identifiers] == [("Passport", "530198216")]
    # from the Sanction entity that names this person
    assert e.programs == ["US-RUSHARM", "Russia-related Sanctions"]
    assert e.listed_on == "2018-04-06"
    assert e.extra["authorities"] == ["Office of Foreign Assets Control"]
    assert e.extra["datasets"] == ["us_ofac_sdn", "gb_hmt_sanctions", "ch_seco_sanctions"]


def test_company_identifiers_and_joined_address(by_key: dict) -> None:
    e = by_key["NK-8Fq2hWn3uRdeLkY7pZcM5v"]
    assert ("INN", "7725093296") in [(i.type, i.value) for i in e.identifiers]
    assert len(e.addresses) == 1
    a = e.addresses[0]
    assert (a.city, a.postal_code, a.country) == ("Moscow", "119435", "RU")


def test_vessel_airplane_and_name_parts(by_key: dict) -> None:
    ship = by_key["NK-Vs7IMO9610405aaBbCcDd1"]
    assert ship.type is EntityType.VESSEL
    assert ship.countries == ["LR"]  # flag
    assert [(a.value, a.kind) for a in ship.aliases] == [("MARSHAL ZHUKOV", "fka")]
    assert ("IMO", "IMO9610405") in [(i.type, i.value) for i in ship.identifiers]
    plane = by_key["NK-Ap4RA73567xxYyZzWw8Qq2"]
    assert plane.type is EntityType.AIRCRAFT
    soviet = by_key["NK-Soviet1Person2Abc3Def4"]
    assert soviet.name == "Ivan Petrovich Sidorov"  # assembled from name parts
    assert soviet.countries == []
    assert soviet.extra["countries_unmapped"] == ["suhh"]


def test_source_can_be_mapped() -> None:
    ents = parse_ftm(SAMPLE, source="EU").entities
    assert {e.source for e in ents} == {"EU"}
    assert ents[0].id == make_entity_id("EU", ents[0].source_key)


def test_ids_stable_across_parses() -> None:
    a = parse_ftm(SAMPLE).entities
    b = parse_ftm(SAMPLE).entities
    assert [e.id for e in a] == [e.id for e in b]
    assert [e.content_hash() for e in a] == [e.content_hash() for e in b]
