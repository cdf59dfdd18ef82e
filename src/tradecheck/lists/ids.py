"""Entity ids: unique within a file, and stable across versions of a list.

Lists keyed by their own numbers (UN ``DATAID``, EU ``logicalId``, OFAC entity
numbers) must not repeat one: :func:`add_unique`. The CSL repeats entity numbers
and names across its source lists; there an id must not change when an
unrelated field of the entry does: :func:`assign_ids`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from tradecheck.entity import Entity, make_entity_id
from tradecheck.errors import DataFileError

KeyTiers = list[tuple[str, ...]]


def add_unique(
    found: dict[str, Entity],
    entity: Entity,
    *,
    label: str,
    file: str,
    row: int | str,
    field: str | None = None,
) -> None:
    """Add ``entity`` to ``found`` under its id, refusing a second entry with that id.

    Raises:
        DataFileError: ``{label} {source_key} appears twice``, naming the file, the
            row of the second entry and ``field``.
    """
    if entity.id in found:
        raise DataFileError(
            f"{label} {entity.source_key} appears twice", file=file, row=row, field=field
        )
    found[entity.id] = entity


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
