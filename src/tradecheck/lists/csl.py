"""The US Consolidated Screening List (trade.gov): compact JSON, CSV, and the bundled snapshot.

The CSL merges the lists of Commerce (EL, MEU, UVL, DPL), State (DTC, ISN) and
the Treasury (SDN and the non-SDN lists). Each entry names its source list by a
long name; ``list_codes.yaml`` turns it into a short code (``EL``, ``SDN`` …).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity, Name, parse_entity_type
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, read_text
from tradecheck.lists.csl_csv import parse_csl_csv
from tradecheck.lists.fields import iso_date, new_names, repaired_name, split_multi
from tradecheck.lists.ids import assign_ids, entity_tiers
from tradecheck.lists.us_codes import csl_source_code, require_csl_source_code

__all__ = ["load_csl_bundle", "parse_csl_csv", "parse_csl_json"]

_TABLES = {
    "s": "sources",
    "lr": "licenceRequirements",
    "lp": "licencePolicies",
    "pg": "programmes",
    "u": "urls",
}


def _table_value(
    entry: dict[str, Any], key: str, tables: dict[str, list[str]], *, file: str, row: str
) -> str | None:
    if key not in entry or entry[key] is None:
        return None
    idx = entry[key]
    table = tables.get(_TABLES[key], [])
    if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(table):
        raise DataFileError(
            f"index {idx!r} is not in tables.{_TABLES[key]} ({len(table)} values)",
            file=file,
            row=row,
            field=key,
        )
    return table[idx]


def _str_list(entry: dict[str, Any], key: str, *, file: str, row: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError("expected a list of strings", file=file, row=row, field=key)
    return value


def _entry_entity(
    entry: Any,
    tables: dict[str, list[str]],
    repairs: list[dict[str, str]],
    *,
    file: str,
    row: str,
) -> Entity:
    if not isinstance(entry, dict):
        raise DataFileError("entry is not an object", file=file, row=row)
    raw_name = entry.get("n")
    if raw_name is not None and not isinstance(raw_name, str):
        raise DataFileError("name is not a string", file=file, row=row, field="n")
    name = repaired_name(raw_name, repairs, file=file, row=row, field="n")
    source_name = _table_value(entry, "s", tables, file=file, row=row)
    if source_name is None:
        raise DataFileError("missing source", file=file, row=row, field="s")
    code = require_csl_source_code(source_name, name=name, file=file, row=row, field="s")
    listed: list[Name] = []
    for i, raw_alias in enumerate(_str_list(entry, "a", file=file, row=row)):
        alias = repaired_name(raw_alias, repairs, file=file, row=row, field=f"a[{i}]")
        listed.append(Name(alias, kind="aka"))
    countries = [c.strip().upper() for c in _str_list(entry, "c", file=file, row=row)]
    number = entry.get("e")
    if number is not None and not isinstance(number, str | int):
        raise DataFileError("entity number is not a string", file=file, row=row, field="e")
    fr = entry.get("fr")
    return Entity(
        id="",
        source=code,
        type=parse_entity_type(entry.get("t") if isinstance(entry.get("t"), str) else None),
        name=name,
        aliases=new_names(listed, [name]),
        countries=list(dict.fromkeys(c for c in countries if c)),
        programs=split_multi(_table_value(entry, "pg", tables, file=file, row=row)),
        citation=" ".join(fr.split()) if isinstance(fr, str) and fr.strip() else None,
        license_requirement=_table_value(entry, "lr", tables, file=file, row=row),
        license_policy=_table_value(entry, "lp", tables, file=file, row=row),
        source_url=_table_value(entry, "u", tables, file=file, row=row),
        source_key=str(number) if number not in (None, "") else None,
    )


def parse_csl_json(path: Path) -> ParseResult:
    """Parse the compact CSL JSON (``entries[]`` with indexes into ``tables``).

    Raises:
        DataFileError: naming the file, the entry (``entries[i]``) and the field.
    """
    file = str(path)
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"not valid JSON ({exc.msg} at column {exc.colno}); the file may be truncated",
            file=file,
            row=f"line {exc.lineno}",
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise DataFileError("no 'entries' list: not a compact CSL JSON file", file=file)
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise DataFileError("no 'tables' object", file=file, field="tables")
    repairs: list[dict[str, str]] = []
    entities = [
        _entry_entity(entry, tables, repairs, file=file, row=f"entries[{i}]")
        for i, entry in enumerate(doc["entries"])
    ]
    id_tiers = assign_ids(entities, entity_tiers)
    counts = Counter(e.source for e in entities)
    meta: dict[str, Any] = {"counts": dict(counts.most_common()), "id_tiers": id_tiers}
    if repairs:
        meta["repaired_c1_controls"] = repairs
    stated = doc.get("countsBySource")
    if isinstance(stated, dict):
        stated_codes = {csl_source_code(k) or k: v for k, v in stated.items()}
        if stated_codes != dict(counts):
            meta["count_mismatch"] = {"stated": stated_codes, "parsed": dict(counts)}
    if isinstance(doc.get("entryCount"), int) and doc["entryCount"] != len(entities):
        meta["entry_count_mismatch"] = {"stated": doc["entryCount"], "parsed": len(entities)}
    generated = doc.get("sourceGeneratedAt")
    return ParseResult(
        entities=entities,
        data_date=iso_date(generated[:10]) if isinstance(generated, str) else None,
        format="csl-json",
        meta=meta,
    )


def load_csl_bundle(paths: list[Path]) -> ParseResult:
    """Load the bundled CSL snapshot: the compact JSON with the SDN extras joined in.

    ``paths[0]`` is the compact CSL JSON; ``paths[1]`` (optional) a folder with
    the OFAC SDN ``alt``/``add``/``sdn_comments`` CSV files. Their aliases and
    addresses are joined into the SDN entries by entity number, without
    repeating an alias the CSL already has.
    """
    from tradecheck.lists.ofac_csv import read_ofac_extras

    result = parse_csl_json(paths[0])
    if len(paths) < 2:
        return result
    extras = read_ofac_extras(paths[1])
    got_aliases = got_addresses = aliases_added = 0
    for e in result.entities:
        if e.source != "SDN" or not e.source_key:
            continue
        key = e.source_key
        added = new_names(extras["aliases"].get(key, []), e.names)
        if added:
            e.aliases.extend(added)
            got_aliases += 1
            aliases_added += len(added)
        addresses = extras["addresses"].get(key)
        if addresses:
            e.addresses = list(addresses)
            got_addresses += 1
            for a in addresses:
                if a.country and a.country not in e.countries:
                    e.countries.append(a.country)
        remark = extras["remarks"].get(key)
        if remark:
            e.extra["remarks_continuation"] = remark
    sdn_total = sum(1 for e in result.entities if e.source == "SDN")
    result.meta["sdn_join"] = {
        "folder": str(paths[1]),
        "sdn_entries": sdn_total,
        "entries_with_aliases_joined": got_aliases,
        "aliases_added": aliases_added,
        "entries_with_addresses_joined": got_addresses,
        "extras_entity_numbers": len(set(extras["aliases"]) | set(extras["addresses"])),
        "unmapped_countries": extras["unmapped_countries"],
    }
    result.format = "csl-bundle"
    return result
