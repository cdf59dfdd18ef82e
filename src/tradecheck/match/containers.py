"""Compact containers of the index: flat key maps and lazily decoded entities."""

from __future__ import annotations

import json
from array import array
from collections.abc import Mapping, Sequence
from typing import Any

from tradecheck.entity import Entity


class Csr:
    """A read-only map from keys to integer lists, stored flat (fast to pickle and load)."""

    __slots__ = ("data", "keys", "offsets")

    def __init__(self, mapping: Mapping[str, Sequence[int]] | None = None) -> None:
        self.keys: dict[str, int] = {}
        self.offsets = array("i", [0])
        self.data = array("i")
        for key, values in (mapping or {}).items():
            self.keys[key] = len(self.offsets) - 1
            self.data.extend(values)
            self.offsets.append(len(self.data))

    def get(self, key: str) -> array[int] | None:
        """The integers filed under ``key``, or None."""
        slot = self.keys.get(key)
        if slot is None:
            return None
        return self.data[self.offsets[slot] : self.offsets[slot + 1]]

    def __len__(self) -> int:
        return len(self.keys)

    def __getstate__(self) -> tuple[dict[str, int], array[int], array[int]]:
        return self.keys, self.offsets, self.data

    def __setstate__(self, state: tuple[dict[str, int], array[int], array[int]]) -> None:
        self.keys, self.offsets, self.data = state


class Entities(Sequence[Entity]):
    """The indexed entities: kept as JSON in the index file, decoded when first asked for."""

    def __init__(self, docs: list[str] | None = None) -> None:
        self.docs: list[str] = docs or []
        self._objs: list[Entity | None] = [None] * len(self.docs)

    def append(self, e: Entity) -> None:
        """Add an entity (while building)."""
        self._objs.append(e)
        self.docs.append("")

    def __len__(self) -> int:
        return len(self._objs)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        e = self._objs[i]
        if e is None:
            e = self._objs[i] = Entity.from_dict(json.loads(self.docs[i]))
        return e

    def __getstate__(self) -> list[str]:
        return [
            d or json.dumps(self[i].to_dict(), ensure_ascii=False) for i, d in enumerate(self.docs)
        ]

    def __setstate__(self, docs: list[str]) -> None:
        self.docs = docs
        self._objs = [None] * len(docs)
