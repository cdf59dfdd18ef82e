"""A user's own list (CSV): fields, strictness, and a round-trip property."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.formats import detect_format
from tradecheck.lists.user_csv import parse_user_csv

SAMPLE = Path(__file__).parent / "samples" / "user" / "user_list.csv"


def _write(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_sample_fields() -> None:
    result = parse_user_csv(SAMPLE)
    assert detect_format(SAMPLE) == "user-csv"
    assert result.format == "user-csv"
    acme, ivan, ship = result.entities
    assert acme.id == make_entity_id("CUSTOM", "C-001")
    assert acme.source == "CUSTOM"
    assert acme.name == "Acme Trading Co. Ltd."
    assert acme.type is EntityType.ORGANIZATION
    assert acme.countries == ["HK"]
    assert [(a.value, a.script) for a in acme.aliases] == [
        ("Acme HK", "Latin"),
        ("艾克米贸易有限公司", "Han"),
    ]
    assert acme.extra == {"note": "from customer audit 2025"}
    assert ivan.name == "Ivan Petrov"  # white space folded
    assert ivan.type is EntityType.PERSON
    assert ivan.countries == ["RU"]  # English country name mapped
    assert ship.type is EntityType.VESSEL
    assert ship.countries == ["SG", "PA"]


def test_ids_stable_across_parses() -> None:
    assert [e.id for e in parse_user_csv(SAMPLE).entities] == [
        e.id for e in parse_user_csv(SAMPLE).entities
    ]


def test_name_only_list_uses_name_as_key(tmp_path: Path) -> None:
    p = _write(tmp_path, "name\nAlpha Ltd\nBeta GmbH\n")
    ents = parse_user_csv(p).entities
    assert [e.name for e in ents] == ["Alpha Ltd", "Beta GmbH"]
    assert ents[0].id == make_entity_id("CUSTOM", "alpha ltd")


def test_crlf_and_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "crlf.csv"
    p.write_bytes(b"ID,Name\r\n1,Alpha\r\n\r\n2,Beta\r\n")
    assert [e.name for e in parse_user_csv(p).entities] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    ("text", "row", "field"),
    [
        ("id,title\n1,Alpha\n", 1, "name"),
        ("id,name\n1,Alpha\n2,Beta,extra\n", 3, "name"),
        ("id,name,country\n1,Alpha\n", 2, "country"),
        ("id,name\n1,Alpha\n1,Beta\n", 3, "id"),
        ("id,name\n1,\n", 2, "name"),
        ("id,name\n,Alpha\n", 2, "id"),
        ("id,name,country\n1,Alpha,Atlantis\n", 2, "country"),
        ("id,name,type\n1,Alpha,robot\n", 2, "type"),
        ("id,name,aliases\n1,Alpha,ok;bad\x07alias\n", 2, "aliases"),
        ("id,name\n1,Al\x00pha\n", 2, "name"),
    ],
)
def test_bad_rows_name_row_and_field(tmp_path: Path, text: str, row: int, field: str) -> None:
    p = _write(tmp_path, text)
    with pytest.raises(DataFileError) as exc:
        parse_user_csv(p)
    assert exc.value.file == str(p)
    assert exc.value.row == row
    assert exc.value.field == field


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="empty"):
        parse_user_csv(_write(tmp_path, ""))


_ids = st.text(min_size=0, max_size=12)
_names = st.text(min_size=0, max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_ids, _names), max_size=8))
def test_round_trip_or_data_file_error(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    p = tmp_path / "prop.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name"])
        w.writerows(rows)
    try:
        result = parse_user_csv(p)
    except DataFileError:
        return
    # skipped rows are only the ones the csv module writes as a blank line
    kept = [(i, n) for i, n in rows if (i, n) != ("", "")]
    assert [e.name for e in result.entities] == [" ".join(n.split()) for _, n in kept]
    assert [e.source_key for e in result.entities] == [i.strip() for i, _ in kept]
