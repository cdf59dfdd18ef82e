"""China's MOFCOM lists, kept as cited data files of this project (format ``cn-list``).

MOFCOM publishes its export-control control list (管控名单), its watch list
(关注名单) and the Unreliable Entity List (不可靠实体清单) as announcements, not
as data. The project keeps them as CSV files under ``data/lists/cn/`` with one
layout; every row is tied to its announcement number and date, carries a status
with suspension windows, and a confidence mark. See ``data/lists/cn/SOURCES.md``.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity, EntityType, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, decode_text, read_bytes
from tradecheck.lists.country_names import iso2

#: The columns every China list file has, in order.
COLUMNS = (
    "list",
    "announcement",
    "entry_no",
    "announcement_date",
    "effective_date",
    "status",
    "suspended_from",
    "suspended_to",
    "removed_on",
    "region",
    "country",
    "name_en",
    "name_cn",
    "aliases",
    "entity_type",
    "measures",
    "source_url",
    "confidence",
    "notes",
)
REQUIRED = ("list", "announcement", "effective_date", "status", "name_en", "name_cn", "confidence")
LISTS = {"CN-CTRL": "cn-ctrl", "CN-WATCH": "cn-watch", "CN-UEL": "cn-uel"}
STATUSES = ("active", "suspended", "removed")
CONFIDENCE = ("verified", "secondary", "unverified")
_TYPES = {
    "company": EntityType.ORGANIZATION,
    "institution": EntityType.ORGANIZATION,
    "organization": EntityType.ORGANIZATION,
    "person": EntityType.PERSON,
    "": EntityType.ORGANIZATION,
}
_DATES = ("announcement_date", "effective_date", "suspended_from", "suspended_to", "removed_on")


def _date(value: str, *, file: str, row: int, field: str) -> str | None:
    v = value.strip()
    if not v:
        return None
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError:
        raise DataFileError(
            f"{v!r} is not an ISO date (YYYY-MM-DD)", file=file, row=row, field=field
        ) from None


def _choice(value: str, allowed: tuple[str, ...], *, file: str, row: int, field: str) -> str:
    v = value.strip()
    if v not in allowed:
        raise DataFileError(
            f"{v!r} is not one of {', '.join(allowed)}", file=file, row=row, field=field
        )
    return v


def _row_entity(v: dict[str, str], *, file: str, row: int) -> Entity:
    code = _choice(v["list"], tuple(LISTS), file=file, row=row, field="list")
    announcement = v["announcement"].strip()
    if not announcement:
        raise DataFileError("empty announcement", file=file, row=row, field="announcement")
    status = _choice(v["status"], STATUSES, file=file, row=row, field="status")
    confidence = _choice(v["confidence"], CONFIDENCE, file=file, row=row, field="confidence")
    dates = {f: _date(v.get(f, ""), file=file, row=row, field=f) for f in _DATES}
    if dates["effective_date"] is None:
        raise DataFileError("empty effective date", file=file, row=row, field="effective_date")
    if status == "suspended" and dates["suspended_from"] is None:
        raise DataFileError(
            "a suspended row needs suspended_from", file=file, row=row, field="suspended_from"
        )
    if status == "removed" and dates["removed_on"] is None:
        raise DataFileError(
            "a removed row needs removed_on", file=file, row=row, field="removed_on"
        )
    if (
        dates["suspended_from"]
        and dates["suspended_to"]
        and (dates["suspended_to"] < dates["suspended_from"])
    ):
        raise DataFileError(
            "suspension ends before it starts", file=file, row=row, field="suspended_to"
        )

    name_en = v["name_en"].strip()
    name_cn = v["name_cn"].strip()
    if not name_en and not name_cn:
        raise DataFileError("empty name (name_en and name_cn)", file=file, row=row, field="name_en")
    name = check_name(
        name_en or name_cn, file=file, row=row, field="name_en" if name_en else "name_cn"
    )
    aliases: list[Name] = []
    if name_en and name_cn:
        aliases.append(
            Name(
                value=check_name(name_cn, file=file, row=row, field="name_cn"),
                script="Han",
                lang="zh",
            )
        )
    for part in v.get("aliases", "").split(";"):
        if part.strip():
            aliases.append(Name(value=check_name(part, file=file, row=row, field="aliases")))

    country_raw = v.get("country", "").strip()
    country = iso2(country_raw)
    if country_raw and country is None:
        raise DataFileError(
            f"{country_raw!r} is not an ISO-2 code", file=file, row=row, field="country"
        )
    kind = v.get("entity_type", "").strip()
    if kind not in _TYPES:
        raise DataFileError(
            f"{kind!r} is not one of {', '.join(t for t in _TYPES if t)}",
            file=file,
            row=row,
            field="entity_type",
        )
    entry_no = v.get("entry_no", "").strip()
    extra: dict[str, Any] = {
        "list": code,
        "announcement": announcement,
        "entry_no": entry_no or None,
        "status": status,
        "confidence": confidence,
        "measures": v.get("measures", "").strip() or None,
        "region": v.get("region", "").strip() or None,
        "entity_kind": kind or None,
        **dates,
    }
    cited_date = dates["announcement_date"] or dates["effective_date"]
    return Entity(
        id=make_entity_id(code, announcement, entry_no or name),
        source=code,
        type=_TYPES[kind],
        name=name,
        aliases=aliases,
        countries=[country] if country else [],
        programs=[code],
        listed_on=dates["effective_date"],
        citation=f"{announcement} ({cited_date})",
        source_url=v.get("source_url", "").strip() or None,
        source_key=f"{announcement}#{entry_no}" if entry_no else announcement,
        dataset=LISTS[code],
        remarks=v.get("notes", "").strip() or None,
        extra=extra,
    )


def parse_cn_list(path: Path) -> ParseResult:
    """Parse one of the project's China list files (format ``cn-list``).

    ``listed_on`` is the effective date; ``citation`` is the announcement with its
    date; status, suspension window, removal date, measures and the confidence
    mark are in ``Entity.extra``. Removed and suspended rows are returned too: the
    rules decide by date (see :func:`status_on`).

    Raises:
        DataFileError: for bad encoding, missing columns, ragged rows, an unknown
            list code, status or confidence mark, bad dates, empty names or duplicate
            entries; the message names the row and field.
    """
    file = str(path)
    text = decode_text(read_bytes(path), file=file).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        raise DataFileError("file is empty", file=file) from None
    except csv.Error as exc:
        raise DataFileError(f"malformed CSV: {exc}", file=file, row=1) from exc
    for col in REQUIRED:
        if col not in header:
            raise DataFileError("missing column", file=file, row=1, field=col)
    entities: list[Entity] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            row = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise DataFileError(
                    f"row has {len(cells)} cells, the header has {len(header)}",
                    file=file,
                    row=row,
                    field=header[min(len(cells), len(header) - 1)],
                )
            ent = _row_entity(dict(zip(header, cells, strict=True)), file=file, row=row)
            if ent.id in seen:
                raise DataFileError(
                    f"duplicate entry {ent.source_key!r} (first on row {seen[ent.id]})",
                    file=file,
                    row=row,
                    field="entry_no",
                )
            seen[ent.id] = row
            entities.append(ent)
    except csv.Error as exc:
        raise DataFileError(f"malformed CSV: {exc}", file=file, row=reader.line_num) from exc
    stated = [
        d
        for e in entities
        for d in (e.extra["announcement_date"], e.extra["effective_date"])
        if d is not None
    ]
    lists = sorted({e.source for e in entities})
    meta = {
        "lists": lists,
        "announcements": len({e.extra["announcement"] for e in entities}),
        "by_status": {s: sum(1 for e in entities if e.extra["status"] == s) for s in STATUSES},
    }
    return ParseResult(
        entities=entities, data_date=max(stated) if stated else None, format="cn-list", meta=meta
    )


def status_on(entity: Entity, on: date) -> str:
    """The status of a China-list entry on a date.

    Returns:
        ``not-yet-listed`` before the effective date, ``removed`` from the removal
        date, ``suspended`` inside a suspension window (an open-ended window stays
        suspended), else ``active``. Dates after a window whose end is known revert
        to ``active``: the measure revives unless extended.
    """
    x = entity.extra
    day = on.isoformat()
    if x.get("effective_date") and day < x["effective_date"]:
        return "not-yet-listed"
    if x.get("removed_on") and day >= x["removed_on"]:
        return "removed"
    start, end = x.get("suspended_from"), x.get("suspended_to")
    if start and day >= start and (end is None or day <= end):
        return "suspended"
    return "active"
