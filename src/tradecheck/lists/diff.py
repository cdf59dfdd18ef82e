"""The difference between two snapshots of a dataset: a first-class object."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tradecheck.entity import Entity

#: The fields compared for "changed"; each change names the field.
COMPARED_FIELDS = (
    "name",
    "type",
    "source",
    "aliases",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "listed_on",
    "citation",
    "license_requirement",
    "license_policy",
    "extra",
)


@dataclass(slots=True)
class EntityChange:
    """One entity present in both snapshots whose listed facts differ."""

    entity_id: str
    name: str
    source: str
    fields: dict[str, dict[str, Any]]  # field -> {"old": ..., "new": ...} or added/removed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "source": self.source,
            "fields": self.fields,
        }


@dataclass(slots=True)
class SnapshotDiff:
    """Entries added, removed and changed between an old and a new snapshot."""

    added: list[Entity] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        """True when the two snapshots hold the same entries."""
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (entities summarised by id, source and name)."""

        def brief(e: Entity) -> dict[str, Any]:
            return {"entity_id": e.id, "source": e.source, "name": e.name, "countries": e.countries}

        return {
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
            },
            "added": [brief(e) for e in self.added],
            "removed": [brief(e) for e in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _list_delta(old: list[Any], new: list[Any]) -> dict[str, Any]:
    def key(v: Any) -> str:
        return repr(sorted(v.items())) if isinstance(v, dict) else repr(v)

    old_keys = {key(v): v for v in old}
    new_keys = {key(v): v for v in new}
    return {
        "added": [new_keys[k] for k in new_keys if k not in old_keys],
        "removed": [old_keys[k] for k in old_keys if k not in new_keys],
    }


def diff_entities(old: Iterable[Entity], new: Iterable[Entity]) -> SnapshotDiff:
    """Compare two snapshots' entities by stable id."""
    old_by_id = {e.id: e for e in old}
    new_by_id = {e.id: e for e in new}
    result = SnapshotDiff()
    for eid in sorted(new_by_id.keys() - old_by_id.keys()):
        result.added.append(new_by_id[eid])
    for eid in sorted(old_by_id.keys() - new_by_id.keys()):
        result.removed.append(old_by_id[eid])
    for eid in sorted(old_by_id.keys() & new_by_id.keys()):
        a, b = old_by_id[eid], new_by_id[eid]
        if a.content_hash() == b.content_hash():
            result.unchanged += 1
            continue
        da, db = a.to_dict(), b.to_dict()
        fields: dict[str, dict[str, Any]] = {}
        for f in COMPARED_FIELDS:
            va, vb = da.get(f), db.get(f)
            if va == vb:
                continue
            if isinstance(va, list) and isinstance(vb, list):
                fields[f] = _list_delta(va, vb)
            else:
                fields[f] = {"old": va, "new": vb}
        if fields:
            result.changed.append(EntityChange(eid, b.name, b.source, fields))
        else:
            result.unchanged += 1
    return result
