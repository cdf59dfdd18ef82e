"""The CSV layouts of the US Consolidated Screening List.

Three layouts are read: the full file of 2022 (with an ``_id`` column, ``ids``
items written ``Country, Number, Type``), the 2023 subset whose header line is
repeated as the second line, and the current layout (``_id`` optional, ``ids``
items written ``Type, Number, Country``). Multi-valued cells are separated by
``; `` and each address ends in an ISO-2 country code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tradecheck.entity import Address, Entity, Identifier, Name, parse_entity_type
from tradecheck.lists.base import ParseResult, clean_text
from tradecheck.lists.country_names import is_country_code
from tradecheck.lists.fields import countries_of, iso_date, new_names, repaired_name, split_multi
from tradecheck.lists.ids import assign_ids, entity_tiers
from tradecheck.lists.tabular import read_table
from tradecheck.lists.us_codes import require_csl_source_code

REQUIRED_COLUMNS = ("source", "name")
_VESSEL = (
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
)


def _ids_reversed(cells: list[str]) -> bool:
    """Whether ``ids`` items are written ``Country, …, Number, Type`` (the 2022 layout)."""
    forward = backward = 0
    for cell in cells:
        for item in split_multi(cell):
            parts = [p.strip() for p in item.split(",")]
            if len(parts) < 3:
                continue
            if is_country_code(parts[-1]) and not is_country_code(parts[0]):
                forward += 1
            elif is_country_code(parts[0]) and not is_country_code(parts[-1]):
                backward += 1
    return backward > forward


def _parse_ids(cell: str, reversed_: bool) -> tuple[list[Identifier], dict[str, Any]]:
    """Identifiers, and the non-identifier facts the ``ids`` cell also carries (gender …)."""
    ids: list[Identifier] = []
    facts: dict[str, Any] = {}
    for item in split_multi(cell):
        parts = [p.strip() for p in item.split(",")]
        country: str | None = None
        if reversed_:
            kind = parts[-1]
            rest = parts[:-1]
            if len(rest) >= 2 and is_country_code(rest[0]):
                country = rest[0]
            value = rest[-1] if rest else ""
        else:
            kind = parts[0]
            rest = parts[1:]
            if len(rest) >= 2 and is_country_code(rest[-1]):
                country, rest = rest[-1], rest[:-1]
            value = ", ".join(rest)
        if not value:
            continue
        if kind.lower() == "gender":
            facts["gender"] = value
        elif kind.endswith((":", "-")):
            # "Secondary sanctions risk:", "… Directive Determination -": sanctions facts
            facts.setdefault("sanctions_info", []).append(f"{kind} {value}")
        else:
            ids.append(Identifier(type=kind, value=value, country=country))
    return ids, facts


def _address(text: str) -> Address:
    parts = [p.strip() for p in text.split(",")]
    country = parts[-1] if parts and is_country_code(parts[-1]) else None
    return Address(full=text, country=country)


def _row_entity(
    row: dict[str, str],
    repairs: list[dict[str, str]],
    *,
    file: str,
    where: str,
    ids_reversed: bool,
) -> Entity:
    name = repaired_name(row.get("name"), repairs, file=file, row=where, field="name")
    source_name = " ".join((row.get("source") or "").split())
    code = require_csl_source_code(source_name, name=name, file=file, row=where, field="source")
    listed: list[Name] = []
    for alias in split_multi(row.get("alt_names")):
        value = repaired_name(alias, repairs, file=file, row=where, field="alt_names")
        listed.append(Name(value, kind="aka"))
    addresses = [_address(a) for a in split_multi(row.get("addresses"))]
    identifiers, facts = _parse_ids(row.get("ids") or "", ids_reversed)
    extra: dict[str, Any] = dict(facts)
    vessel = {k: v for k in _VESSEL if (v := clean_text(row.get(k)))}
    if vessel:
        extra["vessel"] = vessel
    for key in ("_id", "title", "end_date", "standard_order", "source_information_url"):
        if cell := clean_text(row.get(key)):
            extra["csl_id" if key == "_id" else key] = cell
    if pob := split_multi(row.get("places_of_birth")):
        extra["places_of_birth"] = pob
    start = clean_text(row.get("start_date"))
    if start and not iso_date(start):
        extra["start_date_raw"] = start
    nationalities = split_multi(row.get("nationalities")) + split_multi(row.get("citizenships"))
    return Entity(
        id="",
        source=code,
        type=parse_entity_type(row.get("type")),
        name=name,
        aliases=new_names(listed, [name]),
        countries=countries_of(addresses),
        addresses=addresses,
        identifiers=identifiers,
        programs=split_multi(row.get("programs")),
        listed_on=iso_date(start),
        citation=clean_text(row.get("federal_register_notice")),
        license_requirement=clean_text(row.get("license_requirement")),
        license_policy=clean_text(row.get("license_policy")),
        source_url=clean_text(row.get("source_list_url")),
        source_key=clean_text(row.get("entity_number")),
        remarks=clean_text(row.get("remarks")),
        birth_dates=[iso_date(d) or d for d in split_multi(row.get("dates_of_birth"))],
        nationalities=list(dict.fromkeys(nationalities)),
        extra=extra,
    )


def parse_csl_csv(path: Path) -> ParseResult:
    """Parse a CSL CSV file (any of the three layouts, plain or gzipped).

    Raises:
        DataFileError: naming the file, the line and the field (a missing
            ``name``/``source`` column, an empty or over-long name, bad encoding …).
    """
    file = str(path)
    header, rows = read_table(path, required=REQUIRED_COLUMNS)
    ids_col = header.index("ids") if "ids" in header else None
    reversed_ = ids_col is not None and _ids_reversed([cells[ids_col] for _, cells in rows])
    repairs: list[dict[str, str]] = []
    entities = [
        _row_entity(
            dict(zip(header, cells, strict=True)),
            repairs,
            file=file,
            where=f"line {n}",
            ids_reversed=reversed_,
        )
        for n, cells in rows
    ]
    id_tiers = assign_ids(entities, entity_tiers)
    dates = [d for e in entities if (d := e.listed_on) and len(d) == 10]
    meta: dict[str, Any] = {
        "counts": dict(Counter(e.source for e in entities).most_common()),
        "id_tiers": id_tiers,
        "ids_layout": "country-number-type" if reversed_ else "type-number-country",
        # the CSV states no data date: the latest listing date is a lower bound
        "data_date_from": "max start_date",
    }
    if repairs:
        meta["repaired_c1_controls"] = repairs
    return ParseResult(
        entities=entities,
        data_date=max(dates) if dates else None,
        format="csl-csv",
        meta=meta,
    )
