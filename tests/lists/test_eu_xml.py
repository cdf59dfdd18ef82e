"""EU Financial Sanctions Files XML.

No copy of the real file was available offline: the sample was written here from
the published FSF XML 1.1 layout (see docs/lists.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.lists.eu_xml import parse_eu_xml
from tradecheck.lists.formats import detect_format

SAMPLE = Path(__file__).parent / "samples" / "eu" / "eu_fsf_sample.xml"


@pytest.fixture(scope="module")
def by_key() -> dict[str, object]:
    return {e.source_key: e for e in parse_eu_xml(SAMPLE).entities}


def test_counts_and_date() -> None:
    result = parse_eu_xml(SAMPLE)
    assert detect_format(SAMPLE) == "eu-xml"
    assert result.format == "eu-xml"
    assert result.data_date == "2026-02-20"
    assert len(result.entities) == 3
    assert result.meta["global_file_id"] == "172345"


def test_person_names_regulation_birth(by_key: dict) -> None:
    e = by_key["139701"]
    assert e.id == make_entity_id("EU", "139701")
    assert e.source == "EU"
    assert e.type is EntityType.PERSON
    assert e.name == "Vladimir Vladimirovich PUTIN"
    cyr = e.aliases[0]
    assert (cyr.value, cyr.script, cyr.lang) == ("Владимир Владимирович ПУТИН", "Cyrillic", "ru")
    assert (e.aliases[1].value, e.aliases[1].quality) == ("PUTIN", "low")  # strong="false"
    assert e.countries == ["RU"]
    assert e.birth_dates == ["1952-10-07"]
    assert e.programs == ["UKR"]
    assert e.listed_on == "2022-02-25"  # designationDate
    assert e.citation == "2022/336 (OJ L53)"
    assert e.source_url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0336"
    assert e.extra["eu_reference_number"] == "EU.1234.56"
    assert e.extra["functions"] == ["President of the Russian Federation"]


def test_enterprise_address_and_registration(by_key: dict) -> None:
    e = by_key["150311"]
    assert e.type is EntityType.ORGANIZATION
    assert [(a.value, a.script) for a in e.aliases] == [("深圳市蓝帽国际贸易有限公司", "Han")]
    a = e.addresses[0]
    assert (a.city, a.region, a.postal_code, a.country) == ("Shenzhen", "Guangdong", "518000", "CN")
    assert [(i.type, i.value, i.country) for i in e.identifiers] == [
        ("Registration Number", "91440300MA5FXXXX1K", "CN")
    ]
    # no designationDate: the earliest regulation's publication date
    assert e.listed_on == "2023-06-23"
    assert e.extra["regulations"] == ["2023/1214 (OJ L159I)", "2024/745 (OJ L)"]


def test_name_from_parts_unknown_country_and_un_link(by_key: dict) -> None:
    e = by_key["17"]
    assert e.name == "Aiman Muhammed Rabi al-Zawahiri"  # no wholeName: first, middle, last
    assert e.extra["un_id"] == "QDi.006"
    assert e.addresses == []  # countryIso2Code="00" (unknown) and nothing else
    assert [(i.type, i.value) for i in e.identifiers] == [("National passport", "1084010")]
    assert e.extra["titles"] == ["Dr."]


def test_ids_stable_across_parses() -> None:
    assert [e.id for e in parse_eu_xml(SAMPLE).entities] == [
        e.id for e in parse_eu_xml(SAMPLE).entities
    ]


def test_two_regulations_of_one_day_keep_file_order(tmp_path: Path) -> None:
    # A fix: sorting (date, element) pairs raised TypeError when two dates were equal.
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("<regulation ")
    end = text.index("</regulation>", start) + len("</regulation>")
    first = text[start:end]
    second = first.replace('numberTitle="2022/336 (OJ L53)"', 'numberTitle="2022/337 (OJ L54)"')
    path = tmp_path / "eu.xml"
    path.write_text(text[:start] + first + second + text[end:], encoding="utf-8")
    e = {x.source_key: x for x in parse_eu_xml(path).entities}["139701"]
    assert e.citation == "2022/336 (OJ L53)"
    assert e.extra["regulations"][:2] == ["2022/336 (OJ L53)", "2022/337 (OJ L54)"]
