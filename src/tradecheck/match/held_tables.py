"""The tables the token similarity reads for every pair, held for the compiled hot path.

Each is loaded (once) by :mod:`tradecheck.match.tables`, behind a cache wrapper;
a compiled caller reaching it there pays a module look-up and a call through the
wrapper each time. Held here as native attributes, it is one attribute read.
"""

from __future__ import annotations

from typing import Final

from tradecheck.match.tables import (
    Romanisation,
    given_name_groups,
    name_affixes,
    romanisation,
    variant_groups,
)


class _Held:
    """The tables fetched so far (None until first asked for)."""

    __slots__ = ("affixes", "given", "groups", "rom")

    def __init__(self) -> None:
        self.groups: dict[str, int] | None = None
        self.given: dict[str, frozenset[int]] | None = None
        self.affixes: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self.rom: Romanisation | None = None


_HELD: Final = _Held()


def held_variant_groups() -> dict[str, int]:
    """:func:`~tradecheck.match.tables.variant_groups`."""
    got = _HELD.groups
    if got is None:
        got = _HELD.groups = variant_groups()
    return got


def held_given_name_groups() -> dict[str, frozenset[int]]:
    """:func:`~tradecheck.match.tables.given_name_groups`."""
    got = _HELD.given
    if got is None:
        got = _HELD.given = given_name_groups()
    return got


def held_name_affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`~tradecheck.match.tables.name_affixes`."""
    got = _HELD.affixes
    if got is None:
        got = _HELD.affixes = name_affixes()
    return got


def held_romanisation() -> Romanisation:
    """:func:`~tradecheck.match.tables.romanisation`."""
    got = _HELD.rom
    if got is None:
        got = _HELD.rom = romanisation()
    return got


__all__ = [
    "held_given_name_groups",
    "held_name_affixes",
    "held_romanisation",
    "held_variant_groups",
]
