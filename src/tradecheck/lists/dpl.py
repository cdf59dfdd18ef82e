"""The BIS Denied Persons List text file (``dpl.txt``).

Tab-separated, quoted, with the header ``Name, Street_Address, City, State,
Country, Postal_Code, Effective_Date, Expiration_Date, Standard_Order,
Last_Update, Action, FR_Citation``. One line per person *and address*: the
lines of one denial (same name and effective date) become one entity with
several addresses.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity, EntityType, make_entity_id
from tradecheck.lists.base import ParseResult, clean_text
from tradecheck.lists.country_names import country_code
from tradecheck.lists.fields import iso_date, joined_address, repaired_name
from tradecheck.lists.tabular import read_table

COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
REQUIRED = ("Name", "Effective_Date")


def parse_dpl(path: Path) -> ParseResult:
    """Parse the BIS Denied Persons List; dates become ISO, countries ISO-2 where known.

    The data date is the latest ``Last_Update`` that is not in the future
    (the file of 2023-11-30 holds a typo ``3033-09-30``, reported in meta).

    Raises:
        DataFileError: naming the file, the line and the field.
    """
    file = str(path)
    today = date.today().isoformat()
    groups: dict[tuple[str, str], Entity] = {}
    unmapped: Counter[str] = Counter()
    bad_dates: list[dict[str, str]] = []
    repairs: list[dict[str, str]] = []
    updates: list[str] = []
    header, rows = read_table(path, required=REQUIRED, delimiter="\t")
    for n, cells in rows:
        row = dict(zip(header, cells, strict=True))
        where = f"line {n}"
        name = repaired_name(row.get("Name"), repairs, file=file, row=where, field="Name")
        dates: dict[str, str | None] = {}
        for col in ("Effective_Date", "Expiration_Date", "Last_Update"):
            raw = clean_text(row.get(col))
            dates[col] = iso_date(raw)
            if raw and not dates[col]:
                bad_dates.append({"row": where, "field": col, "raw": raw})
        last = dates["Last_Update"]
        if last and last <= today:
            updates.append(last)
        elif last:
            bad_dates.append({"row": where, "field": "Last_Update", "raw": last})
        raw_country = clean_text(row.get("Country"))
        iso = country_code(raw_country, codes=True)
        if raw_country and not iso:
            unmapped[raw_country] += 1
        street, city, state, postal = (
            clean_text(row.get(c)) for c in ("Street_Address", "City", "State", "Postal_Code")
        )
        address = joined_address(street, city, state, postal, raw_country, country=iso)
        citation = clean_text(row.get("FR_Citation"))
        key = (name, dates["Effective_Date"] or "")
        e = groups.get(key)
        if e is None:
            e = groups[key] = Entity(
                # one denial per name and effective date: that pair is the list's own key
                id=make_entity_id("DPL", *key),
                source="DPL",
                # the DPL mixes persons and firms without saying which
                type=EntityType.UNKNOWN,
                name=name,
                listed_on=dates["Effective_Date"],
                citation=citation,
                extra={
                    "expiration_date": dates["Expiration_Date"],
                    "standard_order": clean_text(row.get("Standard_Order")),
                    "last_update": last,
                    "action": clean_text(row.get("Action")),
                },
            )
        else:
            if citation and citation not in (e.citation or ""):
                e.citation = f"{e.citation}; {citation}" if e.citation else citation
            if last and (e.extra["last_update"] or "") < last:
                e.extra["last_update"] = last
        if address and address not in e.addresses:
            e.addresses.append(address)
            if raw_country and not iso:
                e.extra.setdefault("raw_countries", []).append(raw_country)
        if iso and iso not in e.countries:
            e.countries.append(iso)
    entities = list(groups.values())
    meta: dict[str, Any] = {
        "rows": len(rows),
        "counts": {"DPL": len(entities)},
        "unmapped_countries": dict(unmapped),
        "bad_dates": bad_dates,
    }
    if repairs:
        meta["repaired_c1_controls"] = repairs
    return ParseResult(
        entities=entities,
        data_date=max(updates) if updates else None,
        format="bis-dpl",
        meta=meta,
    )
