"""The matcher's data tables (legal forms, abbreviations, token weights, Chinese names).

The tables are YAML files under ``tradecheck/data/match/``; they are read once and
their content hash goes into the normalisation version, so that an index built
with other tables is refused (:class:`tradecheck.errors.IndexMismatchError`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tradecheck.errors import DataFileError

TABLE_FILES = (
    "legal_forms.yaml",
    "abbreviations.yaml",
    "weights.yaml",
    "cn_names.yaml",
    "name_variants.yaml",
    "given_names.yaml",
    "wade_giles.yaml",
    "abjad.yaml",
    "common_names.yaml",
    "greek.yaml",
    "romanisation.yaml",
)


@dataclass(frozen=True, slots=True)
class CnName:
    """A curated Chinese name with its published English name and its source."""

    zh: str
    en: str
    source: str
    confidence: str


def data_dir() -> Path:
    """The directory holding the matcher's tables."""
    return Path(str(resources.files("tradecheck") / "data" / "match"))


#: libyaml's safe loader where PyYAML was built with it (ten times faster on the
#: 23,000-word common-name table), else the pure-Python one: the same documents.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_table(name: str) -> dict[str, Any]:
    """Read one YAML table; a malformed file is a :class:`DataFileError` naming it."""
    path = data_dir() / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read matcher table: {exc}", file=str(path)) from exc
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", file=str(path))
    return data


@cache
def tables_hash() -> str:
    """SHA-256 (first 12 hex digits) over the bytes of every table, in a fixed order."""
    h = hashlib.sha256()
    for name in TABLE_FILES:
        h.update((data_dir() / name).read_bytes())
    return h.hexdigest()[:12]


@cache
def cn_names() -> tuple[CnName, ...]:
    """The curated Chinese names, longest Chinese name first (so the longest wins)."""
    rows = load_table("cn_names.yaml").get("names") or []
    out: list[CnName] = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("zh") or not row.get("en"):
            raise DataFileError("each row needs zh and en", file="cn_names.yaml", row=i, field="zh")
        if not row.get("source"):
            raise DataFileError("row without a source", file="cn_names.yaml", row=i, field="source")
        out.append(
            CnName(str(row["zh"]), str(row["en"]), str(row["source"]), str(row.get("confidence")))
        )
    return tuple(sorted(out, key=lambda r: -len(r.zh)))


@cache
def class_weights() -> dict[str, float]:
    """Weight of each token class (core, legal, generic, particle, title, number)."""
    raw = load_table("weights.yaml").get("weights") or {}
    return {str(k): float(v) for k, v in raw.items()}


@cache
def word_set(key: str) -> frozenset[str]:
    """One word list of ``weights.yaml`` (``generic``, ``particles``, ``titles``)."""
    return frozenset(str(w) for w in load_table("weights.yaml").get(key) or [])


@cache
def variant_groups() -> dict[str, int]:
    """Token → id of its group of equivalent spellings (``name_variants.yaml``)."""
    out: dict[str, int] = {}
    n = 0
    for groups in (load_table("name_variants.yaml").get("groups") or {}).values():
        for group in groups or []:
            for token in group:
                out.setdefault(str(token), n)
            n += 1
    return out


@cache
def given_name_groups() -> dict[str, frozenset[int]]:
    """Token → ids of the groups of familiar forms it belongs to (``given_names.yaml``)."""
    rows = load_table("given_names.yaml").get("groups") or []
    out: dict[str, set[int]] = {}
    for i, group in enumerate(rows, start=1):
        if not isinstance(group, list) or len(group) < 2:
            raise DataFileError(
                "each group lists a name and its familiar forms",
                file="given_names.yaml",
                row=i,
                field="groups",
            )
        for token in group:
            out.setdefault(str(token), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def name_affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(prefixes, suffixes) names are built with (``weights.yaml`` ``name_affixes``),
    longest first."""
    raw = load_table("weights.yaml").get("name_affixes") or {}
    if not isinstance(raw, dict):
        raise DataFileError(
            "expected prefixes and suffixes", file="weights.yaml", field="name_affixes"
        )
    pre = sorted((str(w) for w in raw.get("prefixes") or []), key=len, reverse=True)
    suf = sorted((str(w) for w in raw.get("suffixes") or []), key=len, reverse=True)
    return tuple(pre), tuple(suf)


#: What a word of a generated word list (``scripts/make_common_names.py``) may not
#: hold, so that YAML reads the quoted word as it stands: anything but printable
#: ASCII, a double quote, a backslash.
_NOT_PLAIN = re.compile(r"[^ !#-\[\]-~]")
_ITEM_START = '  - "'
_ITEM_END = '"\n'


def generated_word_list(name: str, key: str) -> list[str] | None:
    """The list ``key`` of the table ``name`` when written as its generator writes it,
    read without YAML (:func:`read_generated_list`); None when written otherwise."""
    return read_generated_list((data_dir() / name).read_text(encoding="utf-8"), key)


def read_generated_list(text: str, key: str) -> list[str] | None:
    """The list ``key`` of the YAML document ``text`` when written as a generator writes
    a word list, read without YAML; None when written any other way (then only YAML
    reads it).

    The words come last: a line ``key:`` and then one quoted word a line (none of
    the characters of :data:`_NOT_PLAIN`), each the same string YAML reads; what comes
    before is left to YAML and must not hold ``key``. Reading the 23,000 common-name
    lines so takes a few milliseconds where YAML takes about fifty, once a process.
    """
    head, sep, body = text.partition(f"\n{key}:\n")
    if (
        not sep
        or len(body) < len(_ITEM_START) + len(_ITEM_END)
        or not body.startswith(_ITEM_START)
        or not body.endswith(_ITEM_END)
    ):
        return None
    # The lines are the words between these: a word holding neither quote nor
    # line break is one whole line, and every line is one.
    words = body[len(_ITEM_START) : -len(_ITEM_END)].split(_ITEM_END + _ITEM_START)
    if _NOT_PLAIN.search("".join(words)) is not None:
        return None
    try:
        top = yaml.load(head, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return None
    if not isinstance(top, dict) or key in top:
        return None
    return words


@cache
def common_names() -> frozenset[str]:
    """Name words too common to identify a person on their own (``common_names.yaml``)."""
    words = generated_word_list("common_names.yaml", "words")
    if words is None:
        words = load_table("common_names.yaml").get("words")
    if not isinstance(words, list) or not words:
        raise DataFileError("expected a list 'words'", file="common_names.yaml", field="words")
    return frozenset(str(w) for w in words)


@dataclass(frozen=True, slots=True)
class Romanisation:
    """Letter groups other languages' romanisations of Cyrillic use (``romanisation.yaml``)."""

    #: Letter groups that mark a token as written in one of those systems.
    marks: tuple[str, ...]
    #: (group, the lists' spelling), longest group first; ``j`` only after the first letter.
    readings: tuple[tuple[str, str], ...]
    #: Letters compared as one when a token is so marked (``z`` → ``s``).
    merge: dict[str, str]
    #: The Latvian nominative ending of a man's name and when it is taken off.
    ending: str
    min_stem: int
    after: frozenset[str]
    not_letters: frozenset[str]
    not_groups: tuple[str, ...]


@cache
def romanisation() -> Romanisation:
    """The romanisation readings of ``romanisation.yaml``."""
    data = load_table("romanisation.yaml")
    try:
        readings = tuple((str(a), str(b)) for a, b in data["readings"])
        merge = {str(a): str(b) for a, b in data["merge"]}
        lv = data["latvian"]
        if str(lv["ending"]) != "s":
            raise ValueError("latvian.ending: the matcher handles the one-letter ending s")
        return Romanisation(
            marks=tuple(str(m) for m in data["marks"]),
            readings=tuple(sorted(readings, key=lambda r: -len(r[0]))),
            merge=merge,
            ending=str(lv["ending"]),
            min_stem=int(lv["min_stem"]),
            after=frozenset(str(lv["after"])),
            not_letters=frozenset(str(lv["not_letters"])),
            not_groups=tuple(str(g) for g in lv["not_groups"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"malformed table: {exc}", file="romanisation.yaml") from exc
