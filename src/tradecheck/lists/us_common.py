"""Helpers shared by the US list parsers: stable unique ids, dates, multi-valued cells."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from tradecheck.entity import Entity, make_entity_id

KeyTiers = list[tuple[str, ...]]

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DMY = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")


def iso_date(value: str | None) -> str | None:
    """Normalise a list date to ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); None if not a date.

    Accepts ``2023-07-19``, ``1962``, ``07/19/2023`` (US order) and ``19 Jul 2023``.
    Total: never raises.
    """
    if not value:
        return None
    v = value.strip()
    try:
        if m := _ISO.match(v):
            y, mo, d = m.groups()
            if d:
                return date(int(y), int(mo), int(d)).isoformat()
            if mo:
                return f"{y}-{int(mo):02d}" if 1 <= int(mo) <= 12 else None
            return y
        if m := _US.match(v):
            return date(int(m[3]), int(m[1]), int(m[2])).isoformat()
        if (m := _DMY.match(v)) and m[2].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])).isoformat()
    except ValueError:
        return None
    return None


def split_multi(value: str | None, sep: str = ";") -> list[str]:
    """Split a multi-valued cell (``a; b; c``), folding white space and dropping empties."""
    if not value:
        return []
    out: list[str] = []
    for part in value.split(sep):
        v = " ".join(part.split())
        if v and v != "-0-" and v not in out:
            out.append(v)
    return out


def fold(value: str) -> str:
    """Case- and space-folded form used to tell duplicate aliases apart."""
    return " ".join(value.casefold().split())


def assign_ids(
    entities: Iterable[Entity], tiers_of: Callable[[Entity], KeyTiers]
) -> dict[str, int]:
    """Give every entity a stable id that is unique within the file.

    Each entity offers key tiers, from the shortest (the list's own number, or
    name and type) to longer ones (countries, aliases, notice …). An entity
    whose short key is unique keeps the id of that key, so that a change in its
    other fields does not change its id; only colliding entries fall through to
    longer keys, and exact duplicates to their order in the file.

    Returns:
        How many entities got their id at each tier (``"0"``, ``"1"``…, ``"ordinal"``).
    """
    stats: Counter[str] = Counter()
    pending = [(e, tiers_of(e)) for e in entities]

    def resolve(group: list[tuple[Entity, KeyTiers]], level: int) -> None:
        by_key: defaultdict[tuple[str, ...], list[tuple[Entity, KeyTiers]]] = defaultdict(list)
        for item in group:
            by_key[item[1][level]].append(item)
        for key, members in by_key.items():
            if len(members) == 1:
                e = members[0][0]
                e.id = make_entity_id(e.source, *key)
                stats[str(level)] += 1
            elif level + 1 < len(members[0][1]):
                resolve(members, level + 1)
            else:
                for n, (e, _) in enumerate(members, 1):
                    e.id = make_entity_id(e.source, *key, f"#{n}")
                    stats["ordinal"] += 1

    by_source: defaultdict[str, list[tuple[Entity, KeyTiers]]] = defaultdict(list)
    for item in pending:
        by_source[item[0].source].append(item)
    for group in by_source.values():
        resolve(group, 0)
    return dict(stats)


def entity_tiers(e: Entity) -> KeyTiers:
    """Key tiers for a listed entry: its number if it has one, else name and type, then more."""
    base: tuple[str, ...] = (e.source_key,) if e.source_key else (e.name, e.type.value)
    t1 = (*base, e.name, e.type.value) if e.source_key else base
    t2 = (*t1, ",".join(sorted(e.countries)))
    t3 = (*t2, "|".join(a.value for a in e.aliases))
    t4 = (
        *t3,
        e.citation or "",
        e.license_requirement or "",
        e.license_policy or "",
        "|".join(e.programs),
        "|".join(a.full or "" for a in e.addresses),
        e.listed_on or "",
    )
    return [base, t1, t2, t3, t4]


_C1 = re.compile("[\u0080-\u009f]")


def repair_c1(
    value: str | None, repairs: list[dict[str, str]], *, row: str, field: str
) -> str | None:
    """Replace C1 control characters (U+0080–U+009F) by U+FFFD and record the repair.

    Published lists hold the odd mis-encoded byte (the CSL of 2026-07-31 writes
    ``Murat B\\x81key``, a CP437 ``ü``); one such byte must not block a list of
    25,000 entries, nor be silently guessed at. C0 controls (U+0000–U+001F) and
    DEL stay errors for :func:`~tradecheck.lists.base.check_name`.
    """
    if value is None or not _C1.search(value):
        return value
    repairs.append({"row": row, "field": field, "raw": repr(value)})
    return _C1.sub("\ufffd", value)
