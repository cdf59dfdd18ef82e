"""Input files of screening: a batch CSV of parties, a user's own list."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tradecheck.errors import DataFileError, InputError
from tradecheck.lists.base import decode_text, read_bytes
from tradecheck.match.index import Index

BATCH_COLUMNS = ("id", "name", "country", "type", "address", "identifier")


def read_screen_rows(path: Path) -> list[dict[str, Any]]:
    """Read a ``screen-batch`` CSV: a header with ``id`` and ``name``, optionally
    ``country``, ``type``, ``address`` and ``identifier`` (other columns are ignored).

    Raises:
        DataFileError: bad encoding, no header, no ``name`` or ``id`` column, a row
            with more or fewer cells than the header (naming the row).
    """
    file = str(path)
    text = decode_text(read_bytes(path), file=file).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                for col in ("id", "name"):
                    if col not in header:
                        raise DataFileError(
                            f"header has no {col!r} column (found: {', '.join(header)}); "
                            "screen-batch needs id,name[,country,type,address,identifier]",
                            file=file,
                            row=line,
                            field=col,
                        )
                continue
            if len(cells) != len(header):
                raise DataFileError(
                    f"row has {len(cells)} cells, the header has {len(header)}"
                    " (quote names holding commas)",
                    file=file,
                    row=line,
                )
            rec = dict(zip(header, cells, strict=True))
            rows.append(
                {
                    "id": rec["id"],
                    "name": rec["name"],
                    "country": rec.get("country") or None,
                    "type": rec.get("type") or None,
                    "address": rec.get("address") or None,
                    "identifier": rec.get("identifier") or None,
                    "_line": line,
                }
            )
    except csv.Error as exc:
        raise DataFileError(f"malformed CSV: {exc}", file=file, row=reader.line_num) from exc
    if header is None:
        raise DataFileError("file is empty; screen-batch needs a header id,name", file=file)
    return rows


def index_from_list_file(path: Path) -> Index:
    """An index over a user's own list (``id,name[,country,type,aliases]`` CSV)."""
    from tradecheck.lists.user_csv import parse_user_csv

    parsed = parse_user_csv(path)
    if not parsed.entities:
        raise InputError(f"{path}: the list has no entries")
    return Index.build(
        parsed.entities, {"snapshots": [{"dataset": "list-file", "file": str(path)}]}
    )
