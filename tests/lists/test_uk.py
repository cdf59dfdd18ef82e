"""UK OFSI consolidated list CSV.

No copy of the real file was available offline: the sample was written here from
OFSI's published column layout (see docs/lists.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.lists.uk import parse_uk_csv, uk_date

SAMPLE = Path(__file__).parent / "samples" / "uk" / "uk_conlist_sample.csv"


@pytest.fixture(scope="module")
def by_group() -> dict[str, object]:
    return {e.source_key: e for e in parse_uk_csv(SAMPLE).entities}


def test_rows_fold_into_groups() -> None:
    result = parse_uk_csv(SAMPLE)
    assert result.format == "uk-csv"
    assert result.data_date == "2026-02-20"  # from the "Last Updated" line
    assert result.meta == {"rows": 7, "groups": 3}


def test_individual_primary_name_and_aliases(by_group: dict) -> None:
    e = by_group["13956"]
    assert e.id == make_entity_id("UK", "13956")
    assert e.source == "UK"
    assert e.type is EntityType.PERSON
    assert e.name == "Alexander Mikhaylovich PETROV"  # Name 1, Name 2 … then Name 6
    values = [(a.value, a.kind, a.quality) for a in e.aliases]
    assert ("Ruslan BOSHIROV", "aka", None) in values
    assert ("A PETROV", "aka", "low") in values
    cyr = next(a for a in e.aliases if a.script == "Cyrillic")
    assert cyr.value == "АЛЕКСАНДР МИХАЙЛОВИЧ ПЕТРОВ"
    assert e.birth_dates == ["1979-07-13", "1978-04-12", "1979"]
    assert e.nationalities == ["RU"]
    assert [i.value for i in e.identifiers] == ["100135555", "650115555"]  # "(1) … (2) …"
    assert e.programs == ["Cyber"]
    assert e.listed_on == "2020-10-15"
    assert e.citation == "UK Sanctions List Ref CYB0014"
    assert e.extra["title"] == "Colonel"
    assert e.extra["last_updated"] == "2020-12-31"


def test_entity_address_and_ship(by_group: dict) -> None:
    org = by_group["15930"]
    assert org.type is EntityType.ORGANIZATION
    assert org.name == "SHENZHEN BLUE HAT INTERNATIONAL TRADE CO., LTD"
    assert [a.value for a in org.aliases] == ["深圳市蓝帽国际贸易有限公司", "BLUE HAT TRADING"]
    assert len(org.addresses) == 1  # the same address on two rows is kept once
    a = org.addresses[0]
    assert (a.city, a.postal_code, a.country) == ("Shenzhen", "518000", "CN")
    ship = by_group["16402"]
    assert ship.type is EntityType.VESSEL
    assert [(x.value, x.kind) for x in ship.aliases] == [("MARSHAL ZHUKOV", "fka")]


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("13/07/1979", "1979-07-13"), ("00/00/1965", "1965"), ("00/05/1965", "1965-05"), ("", None)],
)
def test_uk_dates(raw: str, iso: str | None) -> None:
    assert uk_date(raw) == iso


def test_ids_stable_across_parses() -> None:
    assert [e.id for e in parse_uk_csv(SAMPLE).entities] == [
        e.id for e in parse_uk_csv(SAMPLE).entities
    ]
