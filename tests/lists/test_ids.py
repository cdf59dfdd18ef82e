"""Entity ids unique within a file (``tradecheck.lists.ids``) and the parsers that rely on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.entity import Entity, EntityType, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.csl import parse_csl_csv
from tradecheck.lists.ids import add_unique
from tradecheck.lists.un_xml import parse_un_xml

SAMPLES = Path(__file__).parent / "samples"


def _entity(key: str) -> Entity:
    return Entity(
        id=make_entity_id("UN", key), source="UN", type=EntityType.PERSON, name=key, source_key=key
    )


def test_add_unique_keeps_order_and_refuses_a_second_id() -> None:
    found: dict[str, Entity] = {}
    add_unique(found, _entity("1"), label="DATAID", file="f.xml", row="INDIVIDUAL #1")
    add_unique(found, _entity("2"), label="DATAID", file="f.xml", row="INDIVIDUAL #2")
    assert [e.source_key for e in found.values()] == ["1", "2"]
    with pytest.raises(DataFileError, match=r"f\.xml, ENTITY #4, field 'DATAID': DATAID 2 appears"):
        add_unique(
            found, _entity("2"), label="DATAID", file="f.xml", row="ENTITY #4", field="DATAID"
        )


def test_un_dataid_twice_names_the_second_entry(tmp_path: Path) -> None:
    text = (SAMPLES / "un" / "un_sample_2026-02-27.xml").read_text(encoding="utf-8")
    start = text.index("<INDIVIDUAL>")
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    path = tmp_path / "un.xml"
    path.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError, match=r"INDIVIDUAL #2, field 'DATAID': DATAID \d+ appears"):
        parse_un_xml(path)


def test_unknown_csl_source_names_entry_and_table(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text("source,name\nMoon List (ML),ACME\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        parse_csl_csv(path)
    message = str(info.value)
    assert "line 2, field 'source'" in message
    assert "unknown source list 'Moon List (ML)' for 'ACME'" in message
    assert "list_codes.yaml" in message
