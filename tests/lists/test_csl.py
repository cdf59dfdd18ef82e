"""The CSL parsers on trimmed real samples, and the bundled us-csl snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.csl import load_csl_bundle, parse_csl_csv, parse_csl_json
from tradecheck.lists.datasets import DATASETS

SAMPLES = Path(__file__).parent / "samples" / "us"
CSL_JSON = SAMPLES / "csl_compact_sample.json"
SHARED = [
    Path(__file__).resolve().parents[3] / "shared" / "data" / "lists",
    Path("/work/shared/data/lists"),
]


def _shared(rel: str) -> Path:
    for root in SHARED:
        if (root / rel).exists():
            return root / rel
    pytest.skip(f"shared data file {rel} not present")


def _by_name(entities, name, source=None):  # type: ignore[no-untyped-def]
    found = [e for e in entities if e.name == name and (source is None or e.source == source)]
    assert found, f"{name} not parsed"
    return found[0]


def test_json_sample_entity_list_fields() -> None:
    result = parse_csl_json(CSL_JSON)
    assert result.data_date == "2026-07-31"
    assert result.format == "csl-json"
    assert len(result.entities) == 50
    huawei = _by_name(result.entities, "Huawei Technologies Co., Ltd. (Huawei)", "EL")
    assert [a.value for a in huawei.aliases] == [
        "Shenzhen Huawei Technologies",
        "Huawei Technology",
    ]
    assert huawei.countries == ["CN"]
    assert huawei.license_policy == "Presumption of denial"
    assert huawei.license_requirement is not None
    assert "744.11" in huawei.license_requirement
    assert huawei.citation is not None and huawei.citation.startswith("84 FR 22963, 84 FR 43495")
    assert huawei.source_url == "https://www.bis.gov/regulations/ear/744#supplement-4-744"
    assert huawei.type is EntityType.UNKNOWN  # the compact CSL gives EL entries no type
    smic = _by_name(result.entities, "Semiconductor Manufacturing International Corporation (SMIC)")
    assert smic.citation == "85 FR 83420; 89 FR 96837"
    assert smic.license_policy is not None and "3B001.a.4" in smic.license_policy
    assert "SMIC Shanghai" in [a.value for a in smic.aliases]


def test_json_sample_treasury_entries() -> None:
    entities = parse_csl_json(CSL_JSON).entities
    telecom = _by_name(entities, "China Telecom Corporation Limited", "CMIC")
    assert telecom.source_key == "30882"
    assert telecom.id == make_entity_id("CMIC", "30882")
    assert telecom.type is EntityType.ORGANIZATION
    assert telecom.programs == ["CMIC-EO13959"]
    kunlun = _by_name(entities, "BANK OF KUNLUN CO LTD")
    assert kunlun.source == "CAP"
    assert kunlun.programs == ["561-Related"]
    vtb_sdn = _by_name(entities, "VTB BANK PUBLIC JOINT STOCK COMPANY", "SDN")
    vtb_ssi = _by_name(entities, "VTB BANK PUBLIC JOINT STOCK COMPANY", "SSI")
    assert vtb_sdn.id != vtb_ssi.id and vtb_sdn.source_key == vtb_ssi.source_key == "17013"
    assert vtb_sdn.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]


def test_json_ids_unique_and_stable() -> None:
    first = parse_csl_json(CSL_JSON)
    second = parse_csl_json(CSL_JSON)
    ids = [e.id for e in first.entities]
    assert len(set(ids)) == len(ids)
    assert ids == [e.id for e in second.entities]
    # two DPL lines for GATEWICK LLC differ only by address, which the compact file lacks
    assert first.meta["id_tiers"]["ordinal"] == 2


def test_json_id_survives_other_edits(tmp_path: Path) -> None:
    doc = json.loads(CSL_JSON.read_text("utf-8"))
    before = {e.name: e.id for e in parse_csl_json(CSL_JSON).entities if e.source == "EL"}
    for entry in doc["entries"]:
        if entry["n"].startswith("Huawei"):
            entry["fr"] = (entry.get("fr") or "") + ", 90 FR 1"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), "utf-8")
    after = {e.name: e.id for e in parse_csl_json(edited).entities if e.source == "EL"}
    assert after == before


def test_json_repairs_c1_control_and_records_it() -> None:
    result = parse_csl_json(CSL_JSON)
    murat = next(e for e in result.entities if e.source == "DTC")
    assert murat.name == "Murat B\ufffdkey"
    assert result.meta["repaired_c1_controls"] == [
        {"row": "entries[7]", "field": "n", "raw": "'Murat B\\x81key'"}
    ]


def test_json_unknown_source_names_entry(tmp_path: Path) -> None:
    doc = json.loads(CSL_JSON.read_text("utf-8"))
    doc["tables"]["sources"][doc["entries"][3]["s"]] = "Brand New List (BNL) - Somewhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DataFileError, match=r"entries\[\d+\].*field 's'.*Brand New List"):
        parse_csl_json(bad)


def test_json_bad_index_names_field(tmp_path: Path) -> None:
    doc = json.loads(CSL_JSON.read_text("utf-8"))
    doc["entries"][2]["lp"] = 999
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DataFileError, match=r"entries\[2\], field 'lp'.*licencePolicies"):
        parse_csl_json(bad)


def test_csv_current_layout() -> None:
    result = parse_csl_csv(SAMPLES / "csl_format_sample_2025.csv")
    assert len(result.entities) == 13
    assert result.meta["ids_layout"] == "type-number-country"
    assert result.meta["counts"]["FSE"] == 1
    rim = _by_name(result.entities, "RIM, Ryong Nam", "SDN")
    assert rim.type is EntityType.PERSON
    assert rim.countries == ["CN", "KP"]
    assert [a.full for a in rim.addresses] == ["Shenyang, CN", "Pyongyang, KP"]
    assert rim.identifiers[0].type == "Passport"
    assert rim.identifiers[0].value == "836238033"
    assert rim.identifiers[0].country == "KP"
    assert rim.birth_dates == ["1978-12-05"]
    assert rim.nationalities == ["KP"]
    assert rim.extra["gender"] == "Male"
    meu = next(e for e in result.entities if e.source == "MEU")
    assert meu.listed_on == "2020-12-23"
    assert meu.citation == "85 FR 83799"


def test_csv_2023_layout_with_repeated_header() -> None:
    result = parse_csl_csv(SAMPLES / "csl_subset_2023_sample.csv")
    lines = (SAMPLES / "csl_subset_2023_sample.csv").read_text("utf-8").splitlines()
    assert len(result.entities) == len(lines) - 2
    telecom = _by_name(result.entities, "China Telecom Corporation Limited", "CMIC")
    assert telecom.addresses[0].country == "CN"
    uscc = telecom.identifiers[0]
    assert (uscc.type, uscc.value, uscc.country) == (
        "Unified Social Credit Code (USCC)",
        "9111000071093019X7",
        "CN",
    )
    smic = _by_name(result.entities, "Semiconductor Manufacturing International Corporation")
    assert smic.countries == ["CN", "KY"]


def test_csv_2022_gzip_layout_reversed_ids() -> None:
    result = parse_csl_csv(SAMPLES / "csl_full_2022_sample.csv.gz")
    assert result.meta["ids_layout"] == "country-number-type"
    huawei = [e for e in result.entities if e.name == "Huawei Technologies Co., Ltd. (Huawei)"]
    assert len(huawei) > 1 and len({e.id for e in huawei}) == len(huawei)
    assert huawei[0].listed_on == "2019-05-21"
    assert huawei[0].addresses[0].country == "CN"
    ash = next(e for e in result.entities if e.source == "DPL")
    assert ash.name == "I. ASH"
    assert ash.extra["standard_order"] == "Y"


def test_csv_missing_column(tmp_path: Path) -> None:
    text = (SAMPLES / "csl_format_sample_2025.csv").read_text("utf-8")
    bad = tmp_path / "nosource.csv"
    bad.write_text(text.replace("_id,source,", "_id,list,", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"nosource.csv, row 1, field 'source'"):
        parse_csl_csv(bad)


def test_real_2023_subset_is_truncated() -> None:
    # the shared copy of the 2023 subset ends in the middle of a record
    with pytest.raises(DataFileError, match=r"line 4233: 8 fields where the header has 29"):
        parse_csl_csv(_shared("us_csl/csl_subset_2023-11-30.csv"))


def test_bundle_join_on_sample() -> None:
    plain = {e.id: e for e in parse_csl_json(CSL_JSON).entities}
    result = load_csl_bundle([CSL_JSON, SAMPLES / "sdn_extras_2025-12-24"])
    join = result.meta["sdn_join"]
    assert join["entries_with_addresses_joined"] == 4
    assert join["entries_with_aliases_joined"] == 2
    wei = _by_name(result.entities, "WEI, Hsueh Kang", "SDN")
    added = [a.value for a in wei.aliases[len(plain[wei.id].aliases) :]]
    assert "WEI, Shao-Kang" in added
    assert len({a.value.casefold() for a in wei.aliases}) == len(wei.aliases)
    banco = _by_name(result.entities, "BANCO NACIONAL DE CUBA", "SDN")
    assert [a.country for a in banco.addresses] == ["CH", "ES", "JP", "PA"]
    assert banco.addresses[0].full == "Zweierstrasse 35, Zurich CH-8022, Switzerland"
    assert banco.countries == ["CH", "ES", "JP", "PA"]
    assert [e.id for e in result.entities] == list(plain)


def test_bundled_snapshot_counts() -> None:
    # (How fast it loads is measured by benchmarks/ingest.py, not asserted here.)
    result = DATASETS["us-csl"].load_bundled()
    assert len(result.entities) == 25_921
    assert result.meta["counts"] == {
        "SDN": 19_181,
        "EL": 3_420,
        "DPL": 1_596,
        "DTC": 787,
        "SSI": 286,
        "UVL": 222,
        "ISN": 161,
        "PLC": 78,
        "MEU": 70,
        "CMIC": 68,
        "NS-MBS": 51,
        "CAP": 1,
    }
    assert "count_mismatch" not in result.meta
    assert result.meta["sdn_join"]["entries_with_addresses_joined"] == 15_106
    assert result.meta["sdn_join"]["aliases_added"] == 50
    assert len({e.id for e in result.entities}) == 25_921
