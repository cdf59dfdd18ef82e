"""UK consolidated list of financial sanctions targets, OFSI CSV (``ConList.csv``).

Implemented from OFSI's published layout of the consolidated-list CSV and tested
only on samples written for this project: no copy of the real file was
available offline. The first line is ``Last Updated,DD/MM/YYYY``; the second the
header (``Name 6, Name 1 … Name 5, Title, Name Non-Latin Script, DOB, Town of
Birth, Country of Birth, Nationality, Passport Number, National Identification
Number, Position, Address 1 … Address 6, Post/Zip Code, Country, Other
Information, Group Type, Alias Type, Alias Quality, Regime, Listed On, Last
Updated, Group ID``). Each row is one name of a target; rows sharing a
``Group ID`` are one target, whose ``Alias Type`` ``Primary name`` row gives the
listed name. Dates are DD/MM/YYYY; ``00`` stands for an unknown day or month.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, clean_text, decode_text, read_bytes
from tradecheck.lists.country_names import country_code
from tradecheck.lists.fields import countries_of, joined_address

SOURCE = "UK"
REQUIRED = ("name 6", "group type", "group id")
_GROUP_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "ship": EntityType.VESSEL,
}
_ALIAS_KINDS = {"aka": "aka", "fka": "fka", "primary name variation": "aka"}
_UK_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_NUMBERED = re.compile(r"\(\d+\)")
_UK_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\d{3,5})")


def uk_date(value: str | None) -> str | None:
    """``DD/MM/YYYY`` → ISO; ``00/00/1965`` → ``1965``, ``00/05/1965`` → ``1965-05``."""
    v = (value or "").strip()
    m = _UK_DATE.match(v)
    if not m:
        return None
    day, month, year = m.groups()
    if month == "00":
        return year
    if day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _split_numbered(value: str | None) -> list[str]:
    """Split OFSI's ``(1) Iran (2) Iraq`` multi-value cells."""
    v = clean_text(value)
    if not v:
        return []
    return [p.strip(" ,;") for p in _NUMBERED.split(v) if p.strip(" ,;")]


def _full_name(row: dict[str, str], kind: EntityType) -> str:
    if kind is not EntityType.PERSON:
        return row.get("name 6", "")
    # Name 1 … Name 5 are forenames, Name 6 the surname.
    parts = [row.get(f"name {i}", "") for i in (1, 2, 3, 4, 5, 6)]
    return " ".join(p.strip() for p in parts if p.strip())


class _Group:
    """Rows of one Group ID, folded into one entity."""

    def __init__(self, group_id: str, kind: EntityType) -> None:
        self.group_id = group_id
        self.kind = kind
        self.primary: str | None = None
        self.names: list[Name] = []
        self.rows: list[dict[str, str]] = []
        self.no_primary_row = False


def _read_rows(path: Path) -> tuple[str | None, list[tuple[int, dict[str, str]]]]:
    file = str(path)
    text = decode_text(read_bytes(path), file=file).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    data_date: str | None = None
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                first = cells[0].strip().lower()
                if first == "last updated":
                    data_date = uk_date(cells[1] if len(cells) > 1 else None)
                    continue
                header = [c.strip().lower() for c in cells]
                for col in REQUIRED:
                    if col not in header:
                        raise DataFileError("missing column", file=file, row=line, field=col)
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise DataFileError(
                    f"row has {len(cells)} cells, the header has {len(header)}",
                    file=file,
                    row=line,
                )
            cells = cells + [""] * (len(header) - len(cells))
            rows.append((line, dict(zip(header, cells, strict=False))))
    except csv.Error as exc:
        raise DataFileError(f"malformed CSV: {exc}", file=file, row=reader.line_num) from exc
    if header is None:
        raise DataFileError("no header row", file=file, row=1, field="Name 6")
    return data_date, rows


def _entity(g: _Group, *, file: str) -> Entity:
    first = g.rows[0]
    assert g.primary is not None
    unmapped: list[str] = []
    nationalities: list[str] = []
    addresses: list[Address] = []
    identifiers: list[Identifier] = []
    birth_dates: list[str] = []
    programs: list[str] = []
    listed: list[str] = []
    extra: dict[str, Any] = {"group_id": g.group_id}
    for row in g.rows:
        for raw in _split_numbered(row.get("nationality")):
            code = country_code(raw)
            if code and code not in nationalities:
                nationalities.append(code)
            elif not code and raw not in unmapped:
                unmapped.append(raw)
        lines = [clean_text(row.get(f"address {i}")) for i in range(1, 7)]
        postal, country_raw = clean_text(row.get("post/zip code")), clean_text(row.get("country"))
        code = country_code(country_raw)
        if country_raw and not code and country_raw not in unmapped:
            unmapped.append(country_raw)
        # Address 1 … 5 are street lines, Address 6 the town
        street = ", ".join(p for p in lines[:-1] if p)
        addr = joined_address(street, lines[-1], None, postal, country_raw, country=code)
        if addr and addr not in addresses:
            addresses.append(addr)
        for col, label in (
            ("passport number", "Passport"),
            ("national identification number", "National Identification Number"),
        ):
            for v in _split_numbered(row.get(col)):
                ident = Identifier(type=label, value=v)
                if ident not in identifiers:
                    identifiers.append(ident)
        dob = uk_date(row.get("dob"))
        if dob and dob not in birth_dates:
            birth_dates.append(dob)
        regime = clean_text(row.get("regime"))
        if regime and regime not in programs:
            programs.append(regime)
        on = uk_date(row.get("listed on"))
        if on:
            listed.append(on)
    countries = countries_of(addresses, nationalities)
    for key, col in (("title", "title"), ("position", "position")):
        text = clean_text(first.get(col))
        if text:
            extra[key] = text
    updated = [d for row in g.rows if (d := uk_date(row.get("last updated")))]
    if updated:
        extra["last_updated"] = max(updated)
    remarks = clean_text(first.get("other information"))
    ref = _UK_REF.search(remarks or "")
    if unmapped:
        extra["countries_unmapped"] = unmapped
    return Entity(
        id=make_entity_id(SOURCE, g.group_id),
        source=SOURCE,
        type=g.kind,
        name=g.primary,
        aliases=g.names,
        countries=countries,
        addresses=addresses,
        identifiers=identifiers,
        programs=programs,
        listed_on=min(listed) if listed else None,
        source_key=g.group_id,
        dataset="uk-sanctions",
        citation=f"UK Sanctions List Ref {ref.group(1)}" if ref else None,
        remarks=remarks,
        birth_dates=birth_dates,
        nationalities=nationalities,
        extra=extra,
    )


def parse_uk_csv(path: Path) -> ParseResult:
    """Parse the OFSI consolidated list CSV (plain or ``.gz``).

    Returns:
        One entity per ``Group ID``; ``data_date`` from the ``Last Updated`` line.

    Raises:
        DataFileError: for bad encoding, missing ``Name 6`` / ``Group Type`` /
            ``Group ID`` columns, ragged rows, an unknown group type, a group
            whose rows disagree on its type, or a bad name; names the line and field.
    """
    file = str(path)
    data_date, rows = _read_rows(path)
    groups: dict[str, _Group] = {}
    for line, row in rows:
        gid = row["group id"].strip()
        if not gid:
            raise DataFileError("empty Group ID", file=file, row=line, field="Group ID")
        kind_raw = row["group type"].strip().lower()
        if kind_raw not in _GROUP_TYPES:
            raise DataFileError(
                f"unknown group type {row['group type'].strip()!r} "
                "(expected Individual, Entity or Ship)",
                file=file,
                row=line,
                field="Group Type",
            )
        kind = _GROUP_TYPES[kind_raw]
        g = groups.setdefault(gid, _Group(gid, kind))
        if g.kind is not kind:
            raise DataFileError(
                f"Group ID {gid} is both {g.kind.value} and {kind.value}",
                file=file,
                row=line,
                field="Group Type",
            )
        g.rows.append(row)
        name = check_name(_full_name(row, kind), file=file, row=line, field="Name 6")
        alias_type = (row.get("alias type") or "").strip().lower()
        quality = (row.get("alias quality") or "").strip().lower()
        if alias_type == "primary name" and g.primary is None:
            g.primary = name
        elif name != g.primary and name not in (n.value for n in g.names):
            g.names.append(
                Name(
                    value=name,
                    kind=_ALIAS_KINDS.get(alias_type, "aka"),
                    quality="low" if quality.startswith("low") else None,
                )
            )
        non_latin = row.get("name non-latin script") or ""
        if non_latin.strip():
            value = check_name(non_latin, file=file, row=line, field="Name Non-Latin Script")
            if value not in (n.value for n in g.names):
                lang = clean_text(row.get("non-latin script language"))
                g.names.append(Name(value=value, lang=lang))
    entities: list[Entity] = []
    for g in groups.values():
        if g.primary is None:
            # no "Primary name" row: the first name given stands in, and says so
            g.primary = g.names.pop(0).value
            g.no_primary_row = True
        g.names = [n for n in g.names if n.value != g.primary]
        ent = _entity(g, file=file)
        if g.no_primary_row:
            ent.extra["no_primary_name_row"] = True
        entities.append(ent)
    if not entities:
        raise DataFileError("file holds no targets", file=file)
    return ParseResult(
        entities=entities,
        data_date=data_date,
        format="uk-csv",
        meta={"rows": len(rows), "groups": len(entities)},
    )
