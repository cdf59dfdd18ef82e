"""OFAC legacy CSV sets on trimmed real samples, and the bundled consolidated list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.datasets import DATASETS
from tradecheck.lists.ofac_csv import parse_ofac_csv, read_ofac_extras

SAMPLES = Path(__file__).parent / "samples" / "us"
SDN = SAMPLES / "sdn_2021-07-07"
CONS = SAMPLES / "cons_2025-12-19"


def _entity(result, key):  # type: ignore[no-untyped-def]
    return next(e for e in result.entities if e.source_key == key)


def test_sdn_set_fields() -> None:
    result = parse_ofac_csv(SDN)
    assert result.data_date == "2021-07-07"
    assert result.meta["set"] == "sdn"
    assert {e.source for e in result.entities} == {"SDN"}
    banco = _entity(result, "306")
    assert banco.id == make_entity_id("SDN", "306")
    assert banco.name == "BANCO NACIONAL DE CUBA"
    assert banco.type is EntityType.ORGANIZATION
    assert banco.programs == ["CUBA"]
    aliases = [(a.value, a.kind, a.quality) for a in banco.aliases]
    assert aliases == [("NATIONAL BANK OF CUBA", "aka", None), ("BNC", "aka", "weak")]
    assert banco.countries == ["CH", "ES", "JP", "PA"]
    assert banco.addresses[0].street == "Zweierstrasse 35"
    assert banco.addresses[0].city == "Zurich CH-8022"
    limmt = _entity(result, "9749")
    assert limmt.programs == ["NPWMD", "IFSR"]
    assert limmt.countries == ["CN"]
    assert "LIMMT (DALIAN) METALLURGY AND MINERALS CO., LTD." in [a.value for a in limmt.aliases]


def test_sdn_person_remark_facts() -> None:
    result = parse_ofac_csv(SDN)
    person = _entity(result, "32391")
    assert person.type is EntityType.PERSON
    weak = [a.value for a in person.aliases if a.quality == "weak"]
    assert "CHAPORI, Petit" in weak
    assert person.nationalities == ["NE"]


def test_cons_set_list_codes() -> None:
    result = parse_ofac_csv(CONS)
    assert result.meta["set"] == "consolidated"
    codes = {e.source_key: e.source for e in result.entities}
    assert codes == {
        "9639": "PLC",
        "9641": "PLC",
        "9642": "PLC",
        "15268": "CAP",
        "17013": "SSI",
        "17016": "SSI",
        "30882": "CMIC",
        "30951": "CMIC",
        "34736": "NS-MBS",
        "50476": "NS-MBS",
    }
    telecom = _entity(result, "30882")
    assert telecom.name == "CHINA TELECOM CORPORATION LIMITED"
    assert telecom.programs == ["CMIC-EO13959"]
    assert telecom.countries == ["CN"]
    vtb = _entity(result, "17013")
    assert vtb.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    assert any(a.kind == "fka" for a in vtb.aliases)
    haniya = _entity(result, "9639")
    assert haniya.type is EntityType.PERSON
    assert haniya.birth_dates == ["1962"]


def test_cons_comments_continue_remarks() -> None:
    gazprom = _entity(parse_ofac_csv(CONS), "17016")
    assert gazprom.remarks is not None
    # the tail of the remark lives only in cons_comments.csv
    assert gazprom.remarks.endswith("ukraine-russia-related-sanctions#directives.")
    assert "Registration Number 1027700167110 (Russia)" in gazprom.remarks


def test_ids_stable() -> None:
    assert [e.id for e in parse_ofac_csv(CONS).entities] == [
        e.id for e in parse_ofac_csv(CONS).entities
    ]


def test_extras_only_folder_is_not_a_set() -> None:
    with pytest.raises(DataFileError, match=r"no sdn\.csv or cons_prim\.csv"):
        parse_ofac_csv(SAMPLES / "sdn_extras_2025-12-24")


def test_read_extras() -> None:
    extras = read_ofac_extras(SAMPLES / "sdn_extras_2025-12-24")
    assert [a.country for a in extras["addresses"]["306"]] == ["CH", "ES", "JP", "PA"]
    assert "WEI, Shao-Kang" in [a.value for a in extras["aliases"]["6714"]]
    assert extras["remarks"]["17016"].startswith("tive Date (EO 14024 Directive)'")


def test_uppercase_names_and_missing_optional_files(tmp_path: Path) -> None:
    (tmp_path / "set").mkdir()
    shutil.copy(SDN / "sdn.csv", tmp_path / "set" / "SDN.CSV")
    result = parse_ofac_csv(tmp_path / "set")
    assert len(result.entities) == 9
    assert _entity(result, "306").addresses == []


def test_bundled_cons_counts() -> None:
    result = DATASETS["us-ofac-cons"].load_bundled()
    assert len(result.entities) == 442
    assert result.meta["counts"] == {"SSI": 286, "PLC": 78, "CMIC": 68, "NS-MBS": 9, "CAP": 1}
    assert result.data_date == "2025-12-19"
    assert len({e.id for e in result.entities}) == 442
