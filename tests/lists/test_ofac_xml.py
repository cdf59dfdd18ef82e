"""OFAC Enhanced XML on a trimmed real sample (CONS_ENHANCED of 2025-01-10)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.ofac_xml import parse_ofac_enhanced_xml

SAMPLE_ZIP = Path(__file__).parent / "samples" / "us" / "cons_enhanced_sample.zip"


def _xml_text() -> str:
    with zipfile.ZipFile(SAMPLE_ZIP) as zf:
        return zf.read("CONS_ENHANCED.XML").decode("utf-8")


def _entity(result, key):  # type: ignore[no-untyped-def]
    return next(e for e in result.entities if e.source_key == key)


def test_zip_sample_fields() -> None:
    result = parse_ofac_enhanced_xml(SAMPLE_ZIP)
    assert result.data_date == "2025-01-10"
    assert len(result.entities) == 9
    assert result.meta["counts"] == {
        "CMIC": 3,
        "PLC": 2,
        "CAP": 1,
        "SSI": 1,
        "FSE": 1,
        "NS-MBS": 1,
    }
    megvii = _entity(result, "33091")
    assert megvii.id == make_entity_id("CMIC", "33091")
    assert megvii.name == "MEGVII TECHNOLOGY LIMITED"
    chinese = megvii.aliases[0]
    assert (chinese.value, chinese.script, chinese.lang) == ("旷视科技有限公司", "Han", "zh-Hans")
    assert megvii.countries == ["KY", "CN"]
    assert megvii.programs == ["CMIC-EO13959"]


def test_multi_list_entity_and_documents() -> None:
    vtb = _entity(parse_ofac_enhanced_xml(SAMPLE_ZIP), "17013")
    assert vtb.source == "SSI"
    assert vtb.extra["lists"] == ["SSI", "SDN"]
    assert vtb.type is EntityType.ORGANIZATION
    kinds = {a.kind for a in vtb.aliases}
    assert {"aka", "fka", "translation"} <= kinds
    assert ("JSC VTB BANK NEW DELHI BRANCH", "weak") in [(a.value, a.quality) for a in vtb.aliases]
    reg = next(i for i in vtb.identifiers if i.type == "Registration ID")
    assert (reg.value, reg.country) == ("1027739609391", "RU")
    assert any(a.script == "Cyrillic" for a in vtb.aliases)


def test_person_features() -> None:
    result = parse_ofac_enhanced_xml(SAMPLE_ZIP)
    fse = _entity(result, "26182")
    assert fse.source == "FSE"
    assert fse.type is EntityType.PERSON
    assert fse.name == "KAYAKIRAN, Evren"
    assert fse.birth_dates == ["1980-02-08"]
    assert fse.nationalities == ["TR"]
    assert fse.identifiers[0].type == "Passport"
    haniya = _entity(result, "9639")
    assert haniya.source == "PLC"
    assert haniya.birth_dates == ["1962"]
    assert haniya.extra["places_of_birth"] == ["Shati"]


def test_plain_xml_file(tmp_path: Path) -> None:
    xml = tmp_path / "CONS_ENHANCED.XML"
    xml.write_text(_xml_text(), "utf-8")
    zipped = parse_ofac_enhanced_xml(SAMPLE_ZIP)
    plain = parse_ofac_enhanced_xml(xml)
    assert [e.to_dict() for e in plain.entities] == [e.to_dict() for e in zipped.entities]


def test_unknown_list_names_entity(tmp_path: Path) -> None:
    xml = tmp_path / "x.xml"
    xml.write_text(_xml_text().replace(">FSE List<", ">Some New List<"), "utf-8")
    with pytest.raises(DataFileError, match=r"entity id=26182, field 'sanctionsList'"):
        parse_ofac_enhanced_xml(xml)


def test_wrong_root(tmp_path: Path) -> None:
    xml = tmp_path / "x.xml"
    xml.write_text("<CONSOLIDATED_LIST/>", "utf-8")
    with pytest.raises(DataFileError, match="not OFAC Enhanced XML"):
        parse_ofac_enhanced_xml(xml)


def test_zip_without_xml(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    with pytest.raises(DataFileError, match=r"zip holds no \.xml"):
        parse_ofac_enhanced_xml(path)
