"""Bad input for every US list format: each is a DataFileError naming file, row/element and field.

Each case starts from a trimmed real sample and breaks one thing in it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult
from tradecheck.lists.csl import parse_csl_csv, parse_csl_json
from tradecheck.lists.dpl import parse_dpl
from tradecheck.lists.ofac_csv import parse_ofac_csv
from tradecheck.lists.ofac_xml import parse_ofac_enhanced_xml

SAMPLES = Path(__file__).parent / "samples" / "us"


def _xml_sample() -> str:
    with zipfile.ZipFile(SAMPLES / "cons_enhanced_sample.zip") as zf:
        return zf.read("CONS_ENHANCED.XML").decode("utf-8")


@dataclass(frozen=True)
class Format:
    """One format: its sample text, where the name of one entry sits, how errors name it."""

    id: str
    parse: Callable[[Path], ParseResult]
    text: Callable[[], str]
    filename: str
    #: the literal text holding one entry's primary name, with {} for the name
    name_slot: str
    name: str
    where: str  # regex for the row/element part of the message
    field: str
    folder: bool = False  # the OFAC set: the file sits in a folder, the parser takes the folder

    def write(self, tmp: Path, data: bytes, filename: str | None = None) -> Path:
        target_dir = tmp / "set" if self.folder else tmp
        target_dir.mkdir(exist_ok=True)
        path = target_dir / (filename or self.filename)
        path.write_bytes(data)
        return target_dir if self.folder else path

    def with_name(self, name: str) -> str:
        original = self.name_slot.format(self.name)
        text = self.text()
        assert original in text
        return text.replace(original, self.name_slot.format(name), 1)


FORMATS = [
    Format(
        "csl-csv",
        parse_csl_csv,
        lambda: (SAMPLES / "csl_format_sample_2025.csv").read_text("utf-8"),
        "csl.csv",
        ',"{}",',
        "Atlas Sanatgaran",
        r"line 3",
        "name",
    ),
    Format(
        "csl-json",
        parse_csl_json,
        lambda: (SAMPLES / "csl_compact_sample.json").read_text("utf-8"),
        "csl.json",
        '"n": {}',
        json.dumps("Megvii Technology Limited", ensure_ascii=False),
        r"entries\[4\]",
        "n",
    ),
    Format(
        "ofac-csv",
        parse_ofac_csv,
        lambda: (SAMPLES / "sdn_2021-07-07" / "sdn.csv").read_text("utf-8"),
        "sdn.csv",
        '306,"{}",',
        "BANCO NACIONAL DE CUBA",
        r"line 3",
        "name",
        folder=True,
    ),
    Format(
        "bis-dpl",
        parse_dpl,
        lambda: (SAMPLES / "dpl_sample.txt").read_text("utf-8"),
        "dpl.txt",
        '"{}"\t"3975',
        "ZIMO SHENG",
        r"line 33",
        "Name",
    ),
    Format(
        "ofac-xml",
        parse_ofac_enhanced_xml,
        _xml_sample,
        "cons.xml",
        "<formattedFullName>{}</formattedFullName>",
        "MEGVII TECHNOLOGY LIMITED",
        r"entity id=33091",
        "formattedFullName",
    ),
]
IDS = [f.id for f in FORMATS]


def _name_value(fmt: Format, name: str) -> str:
    return json.dumps(name, ensure_ascii=False) if fmt.id == "csl-json" else name


def _raises(fmt: Format, path: Path) -> str:
    with pytest.raises(DataFileError) as info:
        fmt.parse(path)
    message = str(info.value)
    assert fmt.filename in message or str(path) in message
    return message


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_sample_parses(fmt: Format, tmp_path: Path) -> None:
    result = fmt.parse(fmt.write(tmp_path, fmt.text().encode("utf-8")))
    assert result.entities


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_truncated_file(fmt: Format, tmp_path: Path) -> None:
    text = fmt.text()
    # cut inside the entry, as an interrupted download would
    cut = text.index(fmt.name_slot.format(fmt.name)) + len(fmt.name_slot) // 2 + 3
    message = _raises(fmt, fmt.write(tmp_path, text[:cut].encode("utf-8")))
    assert re.search(r"line \d+", message)
    assert "truncated" in message


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_latin1_bytes_in_utf8_file(fmt: Format, tmp_path: Path) -> None:
    data = fmt.with_name(_name_value(fmt, "MQQQller")).encode("utf-8")
    data = data.replace(b"MQQQller", "Müller".encode("latin-1"))
    message = _raises(fmt, fmt.write(tmp_path, data))
    assert re.search(r"not valid utf-8.*|malformed XML", message)
    assert re.search(r"row \d+|line \d+", message)


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_empty_name(fmt: Format, tmp_path: Path) -> None:
    data = fmt.with_name(_name_value(fmt, "  ")).encode("utf-8")
    message = _raises(fmt, fmt.write(tmp_path, data))
    assert re.search(fmt.where, message)
    assert f"field '{fmt.field}'" in message
    assert "empty name" in message


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_100kb_name(fmt: Format, tmp_path: Path) -> None:
    data = fmt.with_name(_name_value(fmt, "A" * 100_000)).encode("utf-8")
    message = _raises(fmt, fmt.write(tmp_path, data))
    assert re.search(fmt.where, message)
    assert f"field '{fmt.field}'" in message
    assert "100000 characters" in message


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_control_character(fmt: Format, tmp_path: Path) -> None:
    data = fmt.with_name(_name_value(fmt, "BAD\x07NAME")).encode("utf-8")
    message = _raises(fmt, fmt.write(tmp_path, data))
    if fmt.id == "ofac-xml":
        # XML 1.0 forbids the character itself: the parser stops at its line
        assert re.search(r"line \d+: malformed XML", message)
    else:
        assert re.search(fmt.where, message)
        assert f"field '{fmt.field}'" in message
        assert "control character U+0007" in message


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_corrupt_gzip(fmt: Format, tmp_path: Path) -> None:
    packed = gzip.compress(fmt.text().encode("utf-8"))
    path = fmt.write(tmp_path, packed[: len(packed) // 2], fmt.filename + ".gz")
    message = _raises(fmt, path)
    assert "corrupt or truncated gzip data" in message


def test_missing_column_csl_csv(tmp_path: Path) -> None:
    text = (SAMPLES / "csl_format_sample_2025.csv").read_text("utf-8")
    path = tmp_path / "csl.csv"
    path.write_text(text.replace(",name,", ",nom,", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"csl\.csv, row 1, field 'name': missing required"):
        parse_csl_csv(path)


def test_missing_column_dpl(tmp_path: Path) -> None:
    text = (SAMPLES / "dpl_sample.txt").read_text("utf-8")
    path = tmp_path / "dpl.txt"
    path.write_text(text.replace('"Effective_Date"', '"Date"', 1), "utf-8")
    with pytest.raises(DataFileError, match=r"dpl\.txt, row 1, field 'Effective_Date'"):
        parse_dpl(path)


def test_missing_column_ofac_row(tmp_path: Path) -> None:
    (tmp_path / "set").mkdir()
    text = (SAMPLES / "sdn_2021-07-07" / "sdn.csv").read_text("utf-8")
    (tmp_path / "set" / "sdn.csv").write_text(text.replace('"CUBA",', "", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"sdn\.csv, line 1: 11 fields where 12"):
        parse_ofac_csv(tmp_path / "set")


def test_missing_element_ofac_xml(tmp_path: Path) -> None:
    path = tmp_path / "cons.xml"
    text = _xml_sample().replace(
        "<formattedFullName>MEGVII TECHNOLOGY LIMITED</formattedFullName>", "", 1
    )
    path.write_text(text, "utf-8")
    with pytest.raises(
        DataFileError, match=r"cons\.xml, entity id=33091, field 'formattedFullName': empty name"
    ):
        parse_ofac_enhanced_xml(path)


def test_missing_name_csl_json(tmp_path: Path) -> None:
    doc = json.loads((SAMPLES / "csl_compact_sample.json").read_text("utf-8"))
    del doc["entries"][5]["n"]
    path = tmp_path / "csl.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DataFileError, match=r"csl\.json, entries\[5\], field 'n': empty name"):
        parse_csl_json(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sanctionsData><publicationInfo><dataAsOf>&lol9;</dataAsOf></publicationInfo></sanctionsData>
"""


def test_xml_bomb_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS, "utf-8")
    with pytest.raises(DataFileError, match=r"bomb\.xml: refused: the XML declares entities"):
        parse_ofac_enhanced_xml(path)


def test_xml_bomb_in_zip_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("SDN_ENHANCED.XML", BILLION_LAUGHS)
    with pytest.raises(DataFileError, match="refused"):
        parse_ofac_enhanced_xml(path)


def test_corrupt_zip(tmp_path: Path) -> None:
    data = (SAMPLES / "cons_enhanced_sample.zip").read_bytes()
    path = tmp_path / "cons.zip"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFileError, match=r"cons\.zip: not a readable zip file"):
        parse_ofac_enhanced_xml(path)


def test_corrupt_gzip_in_ofac_extras(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    shutil.copytree(SAMPLES / "sdn_2021-07-07", folder)
    (folder / "alt.csv").unlink()
    (folder / "alt.csv.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(DataFileError, match=r"alt\.csv\.gz: corrupt or truncated gzip"):
        parse_ofac_csv(folder)


# --- property: arbitrary unicode names through the CSL CSV parser -----------------

_C1 = re.compile("[\u0080-\u009f]")
_HEADER = ["source", "entity_number", "type", "name", "alt_names"]
_SOURCE = "Entity List (EL) - Bureau of Industry and Security"


def _expected(name: str) -> str:
    # C1 controls are shown as U+FFFD (a recorded repair), then white space is folded
    return " ".join(_C1.sub("\ufffd", name).split())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
        min_size=1,
        max_size=5,
    )
)
def test_csl_csv_names_round_trip_or_data_error(names: list[str], tmp_path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_HEADER)
    for name in names:
        writer.writerow([_SOURCE, "", "Entity", name, ""])
    path = tmp_path / "generated.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    try:
        result = parse_csl_csv(path)
    except DataFileError as exc:
        assert "generated.csv" in str(exc)
        return
    assert [e.name for e in result.entities] == [_expected(n) for n in names]
    assert len({e.id for e in result.entities}) == len(names)
