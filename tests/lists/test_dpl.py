"""The BIS Denied Persons List on a trimmed real sample, and the bundled file."""

from __future__ import annotations

from pathlib import Path

from tradecheck.entity import make_entity_id
from tradecheck.lists.datasets import DATASETS
from tradecheck.lists.dpl import parse_dpl

SAMPLE = Path(__file__).parent / "samples" / "us" / "dpl_sample.txt"


def _named(result, name):  # type: ignore[no-untyped-def]
    return next(e for e in result.entities if e.name == name)


def test_sample_fields() -> None:
    result = parse_dpl(SAMPLE)
    assert result.format == "bis-dpl"
    assert result.meta["rows"] == 33
    assert len(result.entities) == 23
    sheng = _named(result, "ZIMO SHENG")
    assert sheng.id == make_entity_id("DPL", "ZIMO SHENG", "2020-03-16")
    assert sheng.source == "DPL"
    assert sheng.listed_on == "2020-03-16"
    assert sheng.extra["expiration_date"] == "2028-12-13"
    assert sheng.citation == "85 F.R. 16054 3/20/2020"
    assert [a.country for a in sheng.addresses] == [None, "CN"]
    assert sheng.addresses[1].street == "JINXIUYUAN 17-403, CHANGSHU"
    assert sheng.addresses[1].postal_code == "215500"
    assert sheng.countries == ["CN"]


def test_country_codes_and_unmapped() -> None:
    result = parse_dpl(SAMPLE)
    assert _named(result, "JOHNSON HU").countries == ["CN"]  # written "PRC"
    smith = _named(result, "STEPHEN EDWARD SMITH")
    assert smith.countries == []
    assert smith.extra["raw_countries"] == ["NM"]
    assert result.meta["unmapped_countries"] == {"NM": 1}


def test_future_last_update_is_not_the_data_date() -> None:
    result = parse_dpl(SAMPLE)
    assert result.data_date == "2023-11-02"
    assert {"row": "line 28", "field": "Last_Update", "raw": "3033-09-30"} in result.meta[
        "bad_dates"
    ]


def test_lines_of_one_denial_merge() -> None:
    nasser = _named(parse_dpl(SAMPLE), "ABDULAH AL NASSER")
    assert len(nasser.addresses) == 2
    # the second line cites one notice fewer; the union is kept
    assert nasser.citation is not None and "71 F.R. 38843 7/10/06" in nasser.citation


def test_bundled_counts() -> None:
    result = DATASETS["us-bis-dpl"].load_bundled()
    assert result.meta["rows"] == 665
    assert len(result.entities) == 547
    assert result.data_date == "2023-11-28"
    assert len({e.id for e in result.entities}) == 547
    ids = [e.id for e in DATASETS["us-bis-dpl"].load_bundled().entities]
    assert ids == [e.id for e in result.entities]
