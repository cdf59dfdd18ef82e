"""Compact containers of the index: flat key maps and lazily decoded entities."""

from __future__ import annotations

import json
from array import array
from collections.abc import Mapping, Sequence
from typing import Any, Final

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


#: What the index keeps of each entity besides its JSON, for the screening loop, the
#: evidence and the merging of one listing's matches:
#: ``(id, name, countries, every country, weak aliases, list key, dataset)``
#: (:meth:`Entities.facts`).
#: Plain tuples of strings: the garbage collector stops tracking them once it has seen them.
Facts = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str | None]
FACT_ID: Final = 0
FACT_NAME: Final = 1
FACT_COUNTRIES: Final = 2
FACT_ALL_COUNTRIES: Final = 3
FACT_WEAK_ALIASES: Final = 4
FACT_SOURCE_KEY: Final = 5
FACT_DATASET: Final = 6


def entity_facts(e: Entity) -> Facts:
    """The facts of ``e`` the index keeps (:data:`Facts`).

    *Every country* is the upper-case codes of its countries, nationalities and
    addresses, sorted; *weak aliases* the values of the aliases its list calls weak
    or low-quality (OFAC's low-quality a.k.a.), in their order; *list key* its
    ``source_key`` as text (``""`` for none); *dataset* its ``dataset`` as it is.
    """
    every = {c.upper() for c in e.countries if c}
    every.update(c.upper() for c in e.nationalities if c)
    every.update(a.country.upper() for a in e.addresses if a.country)
    weak = tuple(a.value for a in e.aliases if (a.quality or "").lower() in ("weak", "low"))
    key = str(e.source_key) if e.source_key else ""
    return (e.id, e.name, tuple(e.countries), tuple(sorted(every)), weak, key, e.dataset)


class Entities(Sequence[Entity]):
    """The indexed entities: kept as JSON in the index file, decoded when first asked for.

    Beside each, its :data:`Facts` (:meth:`facts`): enough for a match and for the
    country, type and weak-alias evidence, so that screening decodes an entity only
    when the caller, an identifier or an address asks for more.
    """

    def __init__(self, docs: list[str] | None = None, facts: list[Facts] | None = None) -> None:
        self.docs: list[str] = docs or []
        self._objs: list[Entity | None] = [None] * len(self.docs)
        self._facts: list[Facts] = facts if facts is not None else []
        if len(self._facts) != len(self.docs):
            self._facts = [entity_facts(self[i]) for i in range(len(self.docs))]

    def append(self, e: Entity) -> None:
        """Add an entity (while building)."""
        self._objs.append(e)
        self.docs.append("")
        self._facts.append(entity_facts(e))

    def __len__(self) -> int:
        return len(self._objs)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        e = self._objs[i]
        if e is None:
            e = self._objs[i] = Entity.from_dict(json.loads(self.docs[i]))
        return e

    def facts(self, i: int) -> Facts:
        """The :data:`Facts` of entity ``i`` (never decodes it)."""
        return self._facts[i]

    def __getstate__(self) -> tuple[list[str], list[Facts]]:
        docs = [
            d or json.dumps(self[i].to_dict(), ensure_ascii=False) for i, d in enumerate(self.docs)
        ]
        return docs, self._facts

    def __setstate__(self, state: tuple[list[str], list[Facts]] | list[str]) -> None:
        if isinstance(state, list):  # (an index file of format 6 or before: the JSON only)
            self.docs = state
            self._objs = [None] * len(state)
            self._facts = [entity_facts(self[i]) for i in range(len(state))]
            return
        self.docs, self._facts = state
        self._objs = [None] * len(self.docs)
        if self._facts and len(self._facts[0]) != FACT_DATASET + 1:  # (facts of format 7)
            self._facts = [entity_facts(self[i]) for i in range(len(self.docs))]
