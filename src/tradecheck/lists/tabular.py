"""Delimited text lists with one header line (the CSL CSV, the BIS DPL's ``dpl.txt``).

Strict on shape, because a list that silently lost rows would screen against
less than the user thinks: a missing required column, a row with more or fewer
cells than the header, or a csv error is one :class:`DataFileError` naming the
file and the line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tradecheck.errors import DataFileError
from tradecheck.lists.base import read_text

Rows = list[tuple[int, list[str]]]


def read_table(
    path: Path, *, required: tuple[str, ...], delimiter: str = ","
) -> tuple[list[str], Rows]:
    """The stripped header and the (line number, cells) of each data row.

    Blank lines and lines that repeat the header (the CSL subset of 2023 repeats
    it as line 2) are skipped. The file may be gzipped and may start with a BOM.

    Raises:
        DataFileError: for an empty file, a missing required column (``row`` 1,
            ``field`` the column), a row of the wrong width or malformed quoting
            (``row`` ``line N``), and bad encoding.
    """
    file = str(path)
    text = read_text(path).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: Rows = []
    try:
        header = [h.strip() for h in next(reader, [])]
        if not header:
            raise DataFileError("empty file: no header line", file=file, row=1)
        for missing in (c for c in required if c not in header):
            raise DataFileError("missing required column", file=file, row=1, field=missing)
        for cells in reader:
            if not cells or cells == [""] or [c.strip() for c in cells] == header:
                continue
            if len(cells) != len(header):
                raise DataFileError(
                    f"{len(cells)} fields where the header has {len(header)} "
                    "(truncated file or stray quote?)",
                    file=file,
                    row=f"line {reader.line_num}",
                )
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise DataFileError(
            f"malformed file: {exc}", file=file, row=f"line {reader.line_num}"
        ) from exc
    return header, rows
