"""OFAC's legacy CSV file sets: the SDN list and the consolidated (non-SDN) list.

A set is four header-less CSV files in one folder, each plain or ``.gz``:
``sdn.csv, add.csv, alt.csv, sdn_comments.csv`` or ``cons_prim.csv, cons_add.csv,
cons_alt.csv, cons_comments.csv``. Lines end in CRLF, ``-0-`` means empty, the
file ends with a 0x1A byte, and programmes are written ``A] [B``. The primary
file's ``remarks`` is cut at a fixed length; the comments file continues it.
OFAC's "weak" aliases are not in ``alt.csv`` but in the remarks, as ``a.k.a. '…'``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path
from typing import Any, TypedDict

from tradecheck.entity import Address, Entity, EntityType, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, clean_text, decode_text, read_bytes
from tradecheck.lists.country_names import country_code
from tradecheck.lists.fields import countries_of, iso_date, joined_address, new_names
from tradecheck.lists.ids import add_unique
from tradecheck.lists.us_codes import ofac_cons_code

#: file role → (SDN set name, consolidated set name, number of columns)
_ROLES: dict[str, tuple[str, str, int]] = {
    "prim": ("sdn", "cons_prim", 12),
    "add": ("add", "cons_add", 6),
    "alt": ("alt", "cons_alt", 5),
    "comments": ("sdn_comments", "cons_comments", 2),
}
_TYPES = {
    "individual": EntityType.PERSON,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_WEAK = re.compile(r"\b([afn])\.k\.a\.,? '(.+?)'(?=\s*[;.]|\s*$)")
_DOB = re.compile(r"\bDOB ([^;]+?)(?:;|\.$|$)")
_NATIONALITY = re.compile(r"\b(?:nationality|citizen) ([^;]+?)(?:;|\.$|$)")
_FOLDER_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


class OfacExtras(TypedDict):
    """Aliases, addresses and remark continuations of an OFAC CSV set, by entity number."""

    aliases: dict[str, list[Name]]
    addresses: dict[str, list[Address]]
    remarks: dict[str, str]
    unmapped_countries: dict[str, int]


def _find(folder: Path, role: str) -> tuple[Path, bool] | None:
    """The file playing ``role`` in ``folder`` and whether it is the SDN set (else cons)."""
    sdn_name, cons_name, _ = _ROLES[role]
    by_name = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for stem, is_sdn in ((sdn_name, True), (cons_name, False)):
        for suffix in (".csv", ".csv.gz"):
            if (p := by_name.get(stem + suffix)) is not None:
                return p, is_sdn
    return None


def _rows(path: Path, role: str) -> list[tuple[int, list[str | None]]]:
    """(line, cells) of a legacy file, ``-0-`` → None; bad width is a DataFileError."""
    width = _ROLES[role][2]
    text = decode_text(read_bytes(path), file=str(path)).rstrip("\x1a\r\n ")
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[str | None]]] = []
    try:
        for cells in reader:
            if not cells or cells == [""]:
                continue
            if len(cells) != width:
                raise DataFileError(
                    f"{len(cells)} fields where {width} are expected (truncated file?)",
                    file=str(path),
                    row=f"line {reader.line_num}",
                )
            if not cells[0].strip().isdigit():
                raise DataFileError(
                    f"entity number {cells[0]!r} is not a number",
                    file=str(path),
                    row=f"line {reader.line_num}",
                    field="ent_num",
                )
            out.append((reader.line_num, [clean_text(c) for c in cells]))
    except csv.Error as exc:
        raise DataFileError(
            f"malformed CSV: {exc}", file=str(path), row=f"line {reader.line_num}"
        ) from exc
    return out


def read_ofac_extras(folder: Path) -> OfacExtras:
    """Read the aliases (``alt``), addresses (``add``) and remark continuations of a set.

    Any of the three files may be missing; the primary file is not needed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError("not a folder of OFAC CSV files", file=str(folder))
    extras: OfacExtras = {"aliases": {}, "addresses": {}, "remarks": {}, "unmapped_countries": {}}
    unmapped: Counter[str] = Counter()
    if found := _find(folder, "alt"):
        for n, cells in _rows(found[0], "alt"):
            ent, _alt_num, kind, value, _remarks = cells
            name = check_name(value, file=str(found[0]), row=f"line {n}", field="alt_name")
            kind = (kind or "aka").lower().replace(".", "")
            extras["aliases"].setdefault(str(ent), []).append(Name(name, kind=kind))
    if found := _find(folder, "add"):
        for _n, cells in _rows(found[0], "add"):
            ent, _add_num, street, city, country, _remarks = cells
            iso = country_code(country, codes=True)
            address = joined_address(street, city, country_text=country, country=iso)
            if address is None:
                continue
            if country and not iso:
                unmapped[country] += 1
            extras["addresses"].setdefault(str(ent), []).append(address)
    if found := _find(folder, "comments"):
        for _n, cells in _rows(found[0], "comments"):
            ent, text = cells
            if text:
                key = str(ent)
                extras["remarks"][key] = extras["remarks"].get(key, "") + text
    extras["unmapped_countries"] = dict(unmapped)
    return extras


def _remark_facts(remarks: str) -> tuple[list[Name], list[str], list[str]]:
    """Weak aliases, birth dates and nationalities stated in an OFAC remarks field."""
    weak = [
        Name(" ".join(m[2].split()), kind=f"{m[1]}ka", quality="weak")
        for m in _WEAK.finditer(remarks)
    ]
    dobs = [iso_date(d.strip()) or d.strip() for d in _DOB.findall(remarks)]
    nats = [c for v in _NATIONALITY.findall(remarks) if (c := country_code(v, codes=True))]
    return weak, dobs, list(dict.fromkeys(nats))


def parse_ofac_csv(folder: Path) -> ParseResult:
    """Parse an OFAC legacy CSV set (SDN or consolidated) in a folder.

    SDN entries get list code ``SDN``; consolidated entries the list their
    programmes put them on (``ofac_cons_programs`` in ``list_codes.yaml``).

    Raises:
        DataFileError: a folder without ``sdn.csv``/``cons_prim.csv``, or a
            malformed row (file, line and field named).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError("expected a folder holding an OFAC CSV set", file=str(folder))
    found = _find(folder, "prim")
    if found is None:
        raise DataFileError(
            "no sdn.csv or cons_prim.csv (.gz) in this folder: an OFAC CSV set needs its "
            "primary file (a folder of only alt/add files is the SDN extras of the us-csl bundle)",
            file=str(folder),
        )
    prim, is_sdn = found
    extras = read_ofac_extras(folder)
    by_id: dict[str, Entity] = {}
    for n, cells in _rows(prim, "prim"):
        where = f"line {n}"
        ent, name, kind, programs, title, call_sign, vtype, tonnage, grt, flag, owner, rem = cells
        key = str(ent)
        primary = check_name(name, file=str(prim), row=where, field="name")
        progs = [p.strip(" []") for p in (programs or "").split("] [") if p.strip(" []")]
        code = "SDN" if is_sdn else ofac_cons_code(progs)
        remarks = (rem or "") + extras["remarks"].get(key, "")
        weak, dobs, nats = _remark_facts(remarks)
        addresses = extras["addresses"].get(key, [])
        vessel = {
            k: v
            for k, v in zip(
                (
                    "call_sign",
                    "vessel_type",
                    "tonnage",
                    "gross_registered_tonnage",
                    "flag",
                    "owner",
                ),
                (call_sign, vtype, tonnage, grt, flag, owner),
                strict=True,
            )
            if v
        }
        extra: dict[str, Any] = {"vessel": vessel} if vessel else {}
        if title:
            extra["title"] = title
        add_unique(
            by_id,
            Entity(
                id=make_entity_id(code, key),
                source=code,
                type=_TYPES.get((kind or "").lower(), EntityType.ORGANIZATION),
                name=primary,
                aliases=new_names([*extras["aliases"].get(key, []), *weak], [primary]),
                countries=countries_of(addresses),
                addresses=list(addresses),
                programs=progs,
                source_key=key,
                remarks=" ".join(remarks.split()) or None,
                birth_dates=dobs,
                nationalities=nats,
                extra=extra,
            ),
            label="entity number",
            file=str(prim),
            row=where,
        )
    entities = list(by_id.values())
    date = _FOLDER_DATE.search(folder.name)
    return ParseResult(
        entities=entities,
        data_date=date[1] if date else None,
        format="ofac-csv",
        meta={
            "set": "sdn" if is_sdn else "consolidated",
            "counts": dict(Counter(e.source for e in entities).most_common()),
            "weak_aliases": sum(1 for e in entities for a in e.aliases if a.quality == "weak"),
            "unmapped_countries": extras["unmapped_countries"],
            "data_date_from": "folder name" if date else None,
        },
    )
