"""UN Security Council consolidated XML: a trimmed real sample and the bundled full file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.lists.datasets import DATASETS
from tradecheck.lists.formats import detect_format
from tradecheck.lists.un_xml import parse_un_xml

SAMPLE = Path(__file__).parent / "samples" / "un" / "un_sample_2026-02-27.xml"


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    result = parse_un_xml(SAMPLE)
    return {"result": result, "by_key": {e.source_key: e for e in result.entities}}


def test_sample_counts_and_date(sample: dict) -> None:
    result = sample["result"]
    assert result.format == "un-xml"
    assert result.data_date == "2026-02-27"
    assert result.meta["individuals"] == 3
    assert result.meta["entities"] == 2
    assert detect_format(SAMPLE) == "un-xml"


def test_zawahiri_names_dob_documents(sample: dict) -> None:
    e = sample["by_key"]["111923"]
    assert e.id == make_entity_id("UN", "111923")
    assert e.source == "UN"
    assert e.type is EntityType.PERSON
    # FIRST_NAME … FOURTH_NAME joined in the list's order
    assert e.name == "AIMAN MUHAMMED RABI AL-ZAWAHIRI"
    assert e.citation == "QDi.006"
    assert e.programs == ["Al-Qaida"]
    assert e.listed_on == "2001-01-25"
    assert e.birth_dates == ["1951-06-19"]
    assert e.nationalities == ["EG"]
    assert e.countries == ["EG"]
    original = e.aliases[0]
    assert original.value == "أيمن محمد ربيع الظواهري"
    assert original.script == "Arabic"
    aliases = {a.value: a for a in e.aliases}
    assert aliases["Ayman Al-Zawahari"].quality == "good"
    assert aliases["Abu Fatma"].quality == "low"
    assert len(e.aliases) == 16  # 15 aliases + the original-script name
    passports = [(i.type, i.value, i.country) for i in e.identifiers]
    assert passports == [("Passport", "1084010", "EG"), ("Passport", "19820215", None)]
    assert e.extra["titles"] == ["Doctor", "Dr."]
    assert e.extra["places_of_birth"] == ["Giza, Egypt"]
    assert e.extra["last_updated"] == "2025-03-11"


def test_birth_year_range_and_addresses(sample: dict) -> None:
    e = sample["by_key"]["6908021"]
    assert e.name == "BOSCO TAGANDA"
    assert e.birth_dates == ["1973", "1974"]
    assert e.extra["birth_date_kinds"] == ["between"]
    assert "Bosco Ntaganda" in e.names
    assert "CD" in e.nationalities


def test_low_quality_alias_and_region(sample: dict) -> None:
    e = sample["by_key"]["6907995"]
    assert e.name == "GASTON IYAMUREMYE"
    assert (e.aliases[0].value, e.aliases[0].quality) == ("Rumuli", "low")
    assert e.addresses[0].region == "North Kivu Province"
    assert e.addresses[0].country == "CD"
    assert e.countries == ["RW", "CD"]


def test_entity_aliases_and_addresses(sample: dict) -> None:
    e = sample["by_key"]["690761"]
    assert e.type is EntityType.ORGANIZATION
    assert e.name == "GREEN PINE ASSOCIATED CORPORATION"
    assert "CHONGSONG YONHAP" in e.names
    assert e.countries == ["KP"]
    assert e.citation == "KPe.010"
    assert e.birth_dates == []


def test_ids_stable_across_parses() -> None:
    a = [e.id for e in parse_un_xml(SAMPLE).entities]
    b = [e.id for e in parse_un_xml(SAMPLE).entities]
    assert a == b
    assert len(set(a)) == len(a)
    assert [e.content_hash() for e in parse_un_xml(SAMPLE).entities] == [
        e.content_hash() for e in parse_un_xml(SAMPLE).entities
    ]


def test_bundled_full_file() -> None:
    result = DATASETS["un-sc"].load_bundled()
    assert result.data_date == "2026-02-27"
    assert len(result.entities) == 1003
    assert result.meta["individuals"] == 730
    assert result.meta["entities"] == 273
    assert len({e.id for e in result.entities}) == 1003
    by_ref = {e.citation: e for e in result.entities}
    assert by_ref["QDi.006"].name == "AIMAN MUHAMMED RABI AL-ZAWAHIRI"
    # every mapped country is an ISO-2 code; unknown names are kept raw
    assert all(len(c) == 2 and c.isupper() for e in result.entities for c in e.countries)
    unmapped = {c for e in result.entities for c in e.extra.get("countries_unmapped", [])}
    assert unmapped == {"former Soviet Union", "na"}
