"""A user's own list as CSV: ``id,name`` and optionally ``country,type,aliases``.

Used by ``tradecheck lists update custom --from FILE`` and ``tradecheck screen
--list-file FILE``. The file is UTF-8 (a byte-order mark is allowed); the first
row is the header; column names are matched case-insensitively. ``aliases``
holds several names separated by ``;``, ``country`` one or more ISO-2 codes or
English country names separated by ``;``. Any other column is kept in
``Entity.extra``. The file is checked strictly: a user list that silently lost
rows would screen against less than the user thinks.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tradecheck.entity import Entity, EntityType, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, decode_text, read_bytes
from tradecheck.lists.country_names import country_code, iso2

SOURCE = "CUSTOM"
_KNOWN = ("id", "name", "country", "type", "aliases")
_TYPES: dict[str, EntityType] = {
    "person": EntityType.PERSON,
    "individual": EntityType.PERSON,
    "org": EntityType.ORGANIZATION,
    "organization": EntityType.ORGANIZATION,
    "organisation": EntityType.ORGANIZATION,
    "company": EntityType.ORGANIZATION,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "ship": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    "airplane": EntityType.AIRCRAFT,
}
#: An id longer than this is a malformed file, not a key.
MAX_ID_LENGTH = 200


def _header(row: list[str], file: str) -> list[str]:
    cols = [c.strip().lower() for c in row]
    if "name" not in cols:
        raise DataFileError(
            f"header has no 'name' column (found: {', '.join(cols) or 'nothing'}); "
            "a user list needs at least id,name",
            file=file,
            row=1,
            field="name",
        )
    for i, c in enumerate(cols):
        if not c:
            raise DataFileError(f"header column {i + 1} is empty", file=file, row=1)
        if cols.index(c) != i:
            raise DataFileError("column appears twice in the header", file=file, row=1, field=c)
    return cols


def _check_id(value: str, *, file: str, row: int) -> str:
    v = value.strip()
    if not v:
        raise DataFileError("empty id", file=file, row=row, field="id")
    if len(v) > MAX_ID_LENGTH:
        raise DataFileError(
            f"id is {len(v)} characters long (limit {MAX_ID_LENGTH})",
            file=file,
            row=row,
            field="id",
        )
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in v):
        raise DataFileError("control character in id", file=file, row=row, field="id")
    return v


def _countries(value: str, *, file: str, row: int) -> list[str]:
    out: list[str] = []
    for part in value.split(";"):
        p = part.strip()
        if not p:
            continue
        code = iso2(p) if len(p) == 2 else country_code(p)
        if code is None:
            raise DataFileError(
                f"unknown country {p!r}; use an ISO-2 code such as CN or US",
                file=file,
                row=row,
                field="country",
            )
        if code not in out:
            out.append(code)
    return out


def _type(value: str, *, file: str, row: int) -> EntityType:
    v = value.strip().lower()
    if not v:
        return EntityType.UNKNOWN
    try:
        return _TYPES[v]
    except KeyError:
        raise DataFileError(
            f"unknown type {value.strip()!r}; use person, organization, vessel or aircraft",
            file=file,
            row=row,
            field="type",
        ) from None


def _entity(values: dict[str, str], *, file: str, row: int, has_id: bool) -> Entity:
    name = check_name(values["name"], file=file, row=row, field="name")
    key = _check_id(values["id"], file=file, row=row) if has_id else name.casefold()
    aliases: list[Name] = []
    for part in values.get("aliases", "").split(";"):
        if part.strip():
            alias = check_name(part, file=file, row=row, field="aliases")
            if alias != name and alias not in (a.value for a in aliases):
                aliases.append(Name(value=alias, kind="aka"))
    extra = {k: v.strip() for k, v in values.items() if k not in _KNOWN and v.strip()}
    return Entity(
        id=make_entity_id(SOURCE, key),
        source=SOURCE,
        type=_type(values.get("type", ""), file=file, row=row),
        name=name,
        aliases=aliases,
        countries=_countries(values.get("country", ""), file=file, row=row),
        source_key=key,
        dataset="custom",
        extra=extra,
    )


def parse_user_csv(path: Path) -> ParseResult:
    """Parse a user's own list (CSV with ``id,name[,country,type,aliases]``).

    Without an ``id`` column the name (case-folded) is the key, so ids stay stable
    as long as the names do.

    Raises:
        DataFileError: for bad encoding, a missing ``name`` column, rows with more or
            fewer cells than the header, empty or duplicate ids, empty, over-long or
            control-character names, unknown countries or types; the message names
            the row (line number) and the field.
    """
    file = str(path)
    text = decode_text(read_bytes(path), file=file)
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    entities: list[Entity] = []
    first_row: dict[str, int] = {}
    try:
        for cells in reader:
            row = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            if header is None:
                header = _header(cells, file)
                continue
            if len(cells) != len(header):
                short = len(cells) < len(header)
                raise DataFileError(
                    f"row has {len(cells)} cells, the header has {len(header)}"
                    + (" (missing cell)" if short else " (extra cell; quote names holding commas)"),
                    file=file,
                    row=row,
                    field=header[len(cells)] if short else header[-1],
                )
            ent = _entity(
                dict(zip(header, cells, strict=True)), file=file, row=row, has_id="id" in header
            )
            if ent.id in first_row:
                raise DataFileError(
                    f"duplicate id {ent.source_key!r} (first on row {first_row[ent.id]})",
                    file=file,
                    row=row,
                    field="id" if "id" in header else "name",
                )
            first_row[ent.id] = row
            entities.append(ent)
    except csv.Error as exc:
        raise DataFileError(f"malformed CSV: {exc}", file=file, row=reader.line_num) from exc
    if header is None:
        raise DataFileError("file is empty; a user list needs a header id,name", file=file)
    return ParseResult(
        entities=entities, data_date=None, format="user-csv", meta={"columns": header}
    )
