"""Format detection on every committed sample, and every detected format parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.errors import InputError
from tradecheck.lists.formats import FORMATS, detect_format, get_parser

SAMPLES = Path(__file__).parent / "samples"

EXPECTED = {
    "un/un_sample_2026-02-27.xml": "un-xml",
    "ftm/entities_sample.ftm.json": "ftm-json",
    "user/user_list.csv": "user-csv",
    "uk/uk_conlist_sample.csv": "uk-csv",
    "us/sdn_2021-07-07": "ofac-csv",
    "us/cons_2025-12-19": "ofac-csv",
    "us/cons_enhanced_sample.zip": "ofac-xml",
    "us/csl_format_sample_2025.csv": "csl-csv",
    "us/csl_compact_sample.json": "csl-json",
    "us/csl_full_2022_sample.csv.gz": "csl-csv",
    "us/csl_subset_2023_sample.csv": "csl-csv",
    "us/dpl_sample.txt": "bis-dpl",
    "cn/cn_sample.csv": "cn-list",
    "eu/eu_fsf_sample.xml": "eu-xml",
}


@pytest.mark.parametrize(("rel", "fmt"), sorted(EXPECTED.items()))
def test_detects_and_parses_sample(rel: str, fmt: str) -> None:
    path = SAMPLES / rel
    assert detect_format(path) == fmt
    result = get_parser(fmt)(path)
    assert result.entities, f"{rel} parsed to nothing"
    assert all(e.name.strip() for e in result.entities)


def test_every_format_has_a_sample() -> None:
    assert set(EXPECTED.values()) == set(FORMATS)


def test_unknown_content_asks_for_format(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(InputError, match="pass --format"):
        detect_format(f)


def test_unknown_format_id_lists_known() -> None:
    with pytest.raises(InputError, match="known formats: bis-dpl"):
        get_parser("nope")
