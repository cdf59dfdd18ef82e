"""The header-line table reader shared by the CSL CSV and DPL parsers."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from tradecheck.errors import DataFileError
from tradecheck.lists.dpl import parse_dpl
from tradecheck.lists.tabular import read_table


def test_rows_keep_line_numbers_and_skip_blank_and_repeated_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress("\ufeffname , source\nname,source\n\nA,EL\n".encode()))
    header, rows = read_table(path, required=("name",))
    assert header == ["name", "source"]
    assert rows == [(4, ["A", "EL"])]


def test_dpl_line_repeating_the_header_is_not_a_denial(tmp_path: Path) -> None:
    head = "Name\tCountry\tEffective_Date"
    path = tmp_path / "dpl.txt"
    path.write_text(f"{head}\n{head}\nJOHN DOE\tCN\t01/02/2020\n", encoding="utf-8")
    result = parse_dpl(path)
    assert [(e.name, e.countries, e.listed_on) for e in result.entities] == [
        ("JOHN DOE", ["CN"], "2020-01-02")
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "row 1", "empty file"),
        ("name,type\nA,x\n", "field 'source'", "missing required column"),
        ("name,source\nA,EL,extra\n", "line 2", "3 fields where the header has 2"),
    ],
)
def test_bad_shapes_name_the_line(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_table(path, required=("name", "source"))
    assert where in str(info.value) and message in str(info.value)


def test_csv_error_is_a_data_file_error(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name,source\nA,EL\n" + "x" * 50 + ",EL\n", encoding="utf-8")
    limit = csv.field_size_limit(20)
    try:
        with pytest.raises(DataFileError, match=r"line 3: malformed file: field larger"):
            read_table(path, required=("name",))
    finally:
        csv.field_size_limit(limit)
