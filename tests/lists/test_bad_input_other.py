"""Bad input for the UN, EU, UK, FollowTheMoney, China and user-list parsers.

Every malformed file must end as one :class:`DataFileError` that names the file,
the row or element, and (where a field is at fault) the field; never another
exception, never a hang.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult
from tradecheck.lists.china import parse_cn_list
from tradecheck.lists.eu_xml import parse_eu_xml
from tradecheck.lists.ftm import parse_ftm
from tradecheck.lists.uk import parse_uk_csv
from tradecheck.lists.un_xml import parse_un_xml
from tradecheck.lists.user_csv import parse_user_csv

SAMPLES = Path(__file__).parent / "samples"
UN = (SAMPLES / "un" / "un_sample_2026-02-27.xml").read_text(encoding="utf-8")
EU = (SAMPLES / "eu" / "eu_fsf_sample.xml").read_text(encoding="utf-8")
UK = (SAMPLES / "uk" / "uk_conlist_sample.csv").read_text(encoding="utf-8")
FTM = (SAMPLES / "ftm" / "entities_sample.ftm.json").read_text(encoding="utf-8")
CN = (SAMPLES / "cn" / "cn_sample.csv").read_text(encoding="utf-8")
USER = (SAMPLES / "user" / "user_list.csv").read_text(encoding="utf-8-sig")
LONG = "A" * 100_000

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<{root}>&lol4;</{root}>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<{root}>&xxe;</{root}>
"""

Parser = Callable[[Path], ParseResult]


def _fails(
    tmp_path: Path,
    parser: Parser,
    content: str | bytes,
    *,
    name: str,
    row: int | str | None = None,
    field: str | None = None,
) -> DataFileError:
    p = tmp_path / name
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    with pytest.raises(DataFileError) as exc:
        parser(p)
    err = exc.value
    assert err.file == str(p)
    assert str(p) in str(err)
    if row is not None:
        assert err.row == row
    if field is not None:
        assert err.field == field
        assert repr(field) in str(err)
    return err


# --- UN XML ------------------------------------------------------------------------


def test_un_truncated(tmp_path: Path) -> None:
    err = _fails(tmp_path, parse_un_xml, UN[: len(UN) // 2], name="un.xml")
    assert isinstance(err.row, int) and "malformed XML" in str(err)


def test_un_wrong_encoding(tmp_path: Path) -> None:
    data = UN.replace("GASTON", "GASTÖN").encode("latin-1", errors="replace")
    err = _fails(tmp_path, parse_un_xml, data, name="un.xml", row=7)
    assert "utf-8" in str(err)


def test_un_missing_dataid(tmp_path: Path) -> None:
    text = UN.replace("<DATAID>111923</DATAID>", "")
    _fails(tmp_path, parse_un_xml, text, name="un.xml", row="INDIVIDUAL #3", field="DATAID")


@pytest.mark.parametrize(
    ("value", "field"),
    [(" ", "FIRST_NAME"), (LONG, "FIRST_NAME"), ("AMIN\u0085 COMPLEX", "FIRST_NAME")],
)
def test_un_bad_entity_name(tmp_path: Path, value: str, field: str) -> None:
    text = UN.replace(
        "<FIRST_NAME>AMIN INDUSTRIAL COMPLEX</FIRST_NAME>", f"<FIRST_NAME>{value}</FIRST_NAME>"
    )
    _fails(
        tmp_path, parse_un_xml, text, name="un.xml", row="ENTITY #1 (DATAID 110401)", field=field
    )


def test_un_control_character_in_alias(tmp_path: Path) -> None:
    text = UN.replace(
        "<ALIAS_NAME>Abu Fatma</ALIAS_NAME>", "<ALIAS_NAME>Abu\u0085Fatma</ALIAS_NAME>"
    )
    _fails(
        tmp_path,
        parse_un_xml,
        text,
        name="un.xml",
        row="INDIVIDUAL #3 (DATAID 111923)",
        field="INDIVIDUAL_ALIAS/ALIAS_NAME",
    )


def test_un_raw_control_character_is_malformed_xml(tmp_path: Path) -> None:
    text = UN.replace("GASTON", "GAS\x07TON")
    err = _fails(tmp_path, parse_un_xml, text, name="un.xml", row=7)
    assert "malformed XML" in str(err)


def test_un_wrong_root(tmp_path: Path) -> None:
    _fails(tmp_path, parse_un_xml, "<LIST/>", name="un.xml", row="root", field="CONSOLIDATED_LIST")


@pytest.mark.parametrize("template", [BOMB, XXE])
@pytest.mark.parametrize(
    ("parser", "root"), [(parse_un_xml, "CONSOLIDATED_LIST"), (parse_eu_xml, "export")]
)
def test_xml_bomb_and_external_entity(
    tmp_path: Path, template: str, parser: Parser, root: str
) -> None:
    err = _fails(tmp_path, parser, template.format(root=root), name="bomb.xml")
    assert "unsafe XML" in str(err)


def test_un_empty_and_gzip_truncated(tmp_path: Path) -> None:
    _fails(tmp_path, parse_un_xml, b"", name="empty.xml")
    blob = gzip.compress(UN.encode("utf-8"))
    err = _fails(tmp_path, parse_un_xml, blob[: len(blob) // 2], name="un.xml.gz")
    assert "gzip" in str(err)


# --- EU XML ------------------------------------------------------------------------


def test_eu_truncated(tmp_path: Path) -> None:
    err = _fails(tmp_path, parse_eu_xml, EU[: len(EU) // 2], name="eu.xml")
    assert isinstance(err.row, int)


def test_eu_wrong_encoding(tmp_path: Path) -> None:
    data = EU.replace("Vladimir Vladimirovich PUTIN", "Vladimír PUTIN").encode("latin-1", "replace")
    _fails(tmp_path, parse_eu_xml, data, name="eu.xml")


def test_eu_missing_logical_id_and_subject_type(tmp_path: Path) -> None:
    text = EU.replace(
        'euReferenceNumber="EU.1757.17" logicalId="17"', 'euReferenceNumber="EU.1757.17"'
    )
    _fails(tmp_path, parse_eu_xml, text, name="eu.xml", row="sanctionEntity #3", field="logicalId")
    text = EU.replace('<subjectType code="enterprise" classificationCode="E"/>', "")
    _fails(
        tmp_path,
        parse_eu_xml,
        text,
        name="eu.xml",
        row="sanctionEntity #2 (logicalId 150311)",
        field="subjectType@code",
    )


@pytest.mark.parametrize(
    ("value", "field"),
    [(LONG, "nameAlias[1]@wholeName"), ("NS\u0085CHAMPION", "nameAlias[1]@wholeName")],
)
def test_eu_bad_name(tmp_path: Path, value: str, field: str) -> None:
    text = EU.replace(
        'wholeName="Shenzhen Blue Hat International Trade Co., Ltd"', f'wholeName="{value}"'
    )
    _fails(
        tmp_path,
        parse_eu_xml,
        text,
        name="eu.xml",
        row="sanctionEntity #2 (logicalId 150311)",
        field=field,
    )


def test_eu_no_name_at_all(tmp_path: Path) -> None:
    text = EU.replace('wholeName="Shenzhen Blue Hat International Trade Co., Ltd"', 'wholeName=" "')
    text = text.replace('wholeName="深圳市蓝帽国际贸易有限公司"', 'wholeName=""')
    _fails(
        tmp_path,
        parse_eu_xml,
        text,
        name="eu.xml",
        row="sanctionEntity #2 (logicalId 150311)",
        field="nameAlias@wholeName",
    )


# --- FollowTheMoney JSON lines -----------------------------------------------------


def test_ftm_malformed_json_line_names_line(tmp_path: Path) -> None:
    lines = FTM.splitlines()
    lines[2] = lines[2][:-5]
    err = _fails(tmp_path, parse_ftm, "\n".join(lines) + "\n", name="e.ftm.json", row=3)
    assert "malformed JSON" in str(err) and "row 3" in str(err)


def test_ftm_truncated_file(tmp_path: Path) -> None:
    n = FTM.count("\n")
    _fails(tmp_path, parse_ftm, FTM[:-40], name="e.ftm.json", row=n)
    blob = gzip.compress(FTM.encode("utf-8"))
    _fails(tmp_path, parse_ftm, blob[: len(blob) // 2], name="e.ftm.json.gz")


def test_ftm_wrong_encoding(tmp_path: Path) -> None:
    line = next(i for i, x in enumerate(FTM.splitlines(), 1) if '"name": ["Sovcomflot"]' in x)
    data = FTM.replace('"name": ["Sovcomflot"]', '"name": ["Sövcomflot"]').encode("utf-8")
    _fails(tmp_path, parse_ftm, data.replace("ö".encode(), b"\xf6"), name="e.ftm.json", row=line)
    assert line > 1


def _first_with(obj_update: dict[str, object]) -> str:
    obj = json.loads(FTM.splitlines()[0])
    obj.update(obj_update)
    return json.dumps(obj, ensure_ascii=False) + "\n" + "\n".join(FTM.splitlines()[1:]) + "\n"


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"id": ""}, "id"),
        ({"schema": None}, "schema"),
        ({"properties": {"name": [""]}}, "properties.name"),
        ({"properties": {"name": [LONG]}}, "properties.name"),
        ({"properties": {"name": ["Viktor\x07Vekselberg"]}}, "properties.name"),
        ({"properties": {"name": ["X"], "alias": ["ok", "bad\x1balias"]}}, "properties.alias"),
        ({"properties": {"name": "Viktor"}}, "properties.name"),
        ({"properties": {"topics": ["sanction"]}}, "properties.name"),
    ],
)
def test_ftm_bad_entity(tmp_path: Path, update: dict[str, object], field: str) -> None:
    _fails(tmp_path, parse_ftm, _first_with(update), name="e.ftm.json", row=1, field=field)


def test_ftm_not_an_object_and_empty(tmp_path: Path) -> None:
    _fails(tmp_path, parse_ftm, "[1, 2]\n", name="e.ftm.json", row=1)
    _fails(tmp_path, parse_ftm, "\n\n", name="e.ftm.json")


# --- UK CSV ------------------------------------------------------------------------


def test_uk_missing_column(tmp_path: Path) -> None:
    _fails(
        tmp_path,
        parse_uk_csv,
        UK.replace(",Group ID", ",Group"),
        name="uk.csv",
        row=2,
        field="group id",
    )


def test_uk_truncated_row(tmp_path: Path) -> None:
    cut = UK[: UK.index("Cyber", UK.index("BOSHIROV"))]
    _fails(tmp_path, parse_uk_csv, cut, name="uk.csv", row=4, field="Group ID")


def test_uk_wrong_encoding(tmp_path: Path) -> None:
    data = UK.replace("BOSHIROV", "BÖSHIROV").encode("cp1252", errors="replace")
    _fails(tmp_path, parse_uk_csv, data, name="uk.csv", row=4)


@pytest.mark.parametrize("value", ["", LONG, "BLUE\x00HAT"])
def test_uk_bad_name(tmp_path: Path, value: str) -> None:
    text = UK.replace("BLUE HAT TRADING", value)
    _fails(tmp_path, parse_uk_csv, text, name="uk.csv", row=7, field="Name 6")


def test_uk_unknown_group_type(tmp_path: Path) -> None:
    text = UK.replace("Ship,Primary name", "Boat,Primary name")
    _fails(tmp_path, parse_uk_csv, text, name="uk.csv", row=8, field="Group Type")


# --- China list files --------------------------------------------------------------


def test_cn_missing_column(tmp_path: Path) -> None:
    text = CN.replace("name_cn", "name_zh", 1)
    _fails(tmp_path, parse_cn_list, text, name="cn.csv", row=1, field="name_cn")


def test_cn_truncated_row(tmp_path: Path) -> None:
    _fails(tmp_path, parse_cn_list, CN[: CN.index("美国")], name="cn.csv", row=2)


def test_cn_wrong_encoding(tmp_path: Path) -> None:
    _fails(tmp_path, parse_cn_list, CN.encode("gb18030"), name="cn.csv", row=2)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (",active,", ",paused,", "status"),
        ("2025-09-25,2025-09-25", "2025-09-25,25/09/2025", "effective_date"),
        (",secondary,", ",likely,", "confidence"),
        ("High Point Aerotechnologies,高点航空技术公司", ",", "name_en"),
        ("High Point Aerotechnologies", LONG, "name_en"),
        ("高点航空技术公司", "高点\x07公司", "name_cn"),
    ],
)
def test_cn_bad_fields(tmp_path: Path, old: str, new: str, field: str) -> None:
    assert old in CN
    _fails(tmp_path, parse_cn_list, CN.replace(old, new, 1), name="cn.csv", field=field)


def test_cn_duplicate_entry(tmp_path: Path) -> None:
    lines = CN.splitlines()
    text = "\n".join([*lines, lines[1]]) + "\n"
    _fails(tmp_path, parse_cn_list, text, name="cn.csv", row=5, field="entry_no")


# --- user CSV ----------------------------------------------------------------------


def test_user_truncated_and_encoding(tmp_path: Path) -> None:
    _fails(
        tmp_path,
        parse_user_csv,
        USER[: USER.index(",Russia")],
        name="u.csv",
        row=3,
        field="country",
    )
    data = USER.replace("Ivan", "Iván").encode("latin-1", errors="replace")
    _fails(tmp_path, parse_user_csv, data, name="u.csv", row=3)


def test_user_long_name_and_control_character(tmp_path: Path) -> None:
    _fails(tmp_path, parse_user_csv, f"id,name\n1,{LONG}\n", name="u.csv", row=2, field="name")
    _fails(tmp_path, parse_user_csv, "id,name\n1,Ac\x1bme\n", name="u.csv", row=2, field="name")
