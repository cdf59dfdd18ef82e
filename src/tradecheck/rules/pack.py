"""Rule packs: regulatory rules as dated, cited YAML data, validated on load.

A pack is one YAML file under ``src/tradecheck/data/rules/<jurisdiction>/``::

    pack: us-ear-advanced-computing      # unique pack id
    regime: us-ear                       # the evaluator family that reads it
    jurisdiction: US
    title: ...
    version: "2026.11.1"
    data_schemas:                        # optional: JSON Schema for ``data`` per rule kind
      threshold-set: {type: object, required: [tpp_a], ...}
    rules:
      - id: us-ear-3a090-2023-11         # unique across all packs
        title: ...
        kind: threshold-set              # optional; selects the data schema
        citation: ["88 FR 73458", {ref: "15 CFR 774 Supp. 1", url: "..."}]
        effective_from: 2023-11-17       # first day in force
        effective_to: null               # last day in force (inclusive); null = open
        confidence: verified | secondary | unverified
        enforcement: {status: not-enforced, since: 2025-05-13, statement: ..., citation: [..]}
        suspensions: [{id, from, to, citation, note, renewal_known: false}]
        supersedes: us-ear-3a090-2022-10  # optional; must name a rule
        data: {...regime-specific...}

Loading is two-phase, as in followthemoney: every file is read and checked on its
own first, then references (``supersedes``, duplicate ids, data schemas) are
resolved across all files. Every error is a :class:`~tradecheck.errors.RuleError`
naming the file, the rule and the field. A published rule is never edited: a
change is a new rule with its own ``effective_from`` (and the old one gets an
``effective_to``).
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from tradecheck.errors import InputError, RuleError
from tradecheck.rules.model import CONFIDENCE, Enforcement, Pack, Rule, Suspension
from tradecheck.rules.schema import parse_pack_file, validate_references

#: Where the bundled packs live.
RULES_ROOT = Path(__file__).resolve().parent.parent / "data" / "rules"

__all__ = [
    "CONFIDENCE",
    "RULES_ROOT",
    "Enforcement",
    "Pack",
    "Rule",
    "Suspension",
    "all_rules",
    "clear_cache",
    "find_rule",
    "load_packs",
    "rules_of_kind",
]


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as strings, so a bad date is reported with its rule."""


def _keep_string(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _keep_string)


def _read_pack(path: Path, root: Path) -> Pack:
    raw = path.read_bytes()
    rel = path.relative_to(root).as_posix()
    try:
        doc = yaml.load(raw, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RuleError(f"not valid YAML: {exc}".splitlines()[0], file=rel) from None
    return parse_pack_file(doc, file=rel, sha256=hashlib.sha256(raw).hexdigest())


@cache
def _load_all(root: Path) -> tuple[Pack, ...]:
    files = sorted(p for p in root.rglob("*.y*ml") if p.is_file())
    packs = [_read_pack(p, root) for p in files]  # phase 1: every file on its own
    validate_references(packs)  # phase 2: across files
    return tuple(packs)


def load_packs(regime: str | None = None, *, root: Path | None = None) -> list[Pack]:
    """Load and validate every rule pack (cached per root); optionally one regime's.

    ``regime`` matches a pack's ``regime`` exactly or as a prefix followed by
    ``-`` (``us-ear`` selects ``us-ear`` and ``us-ear-parties``).

    Raises:
        RuleError: naming the file, rule and field of the first problem found.
    """
    packs = _load_all((root or RULES_ROOT).resolve())
    if regime is None:
        return list(packs)
    return [p for p in packs if p.regime == regime or p.regime.startswith(regime + "-")]


def clear_cache() -> None:
    """Forget loaded packs (tests and ``rules check`` after editing a file)."""
    _load_all.cache_clear()


def all_rules(regime: str | None = None, *, root: Path | None = None) -> list[Rule]:
    """Every rule of every (matching) pack, in file order."""
    return [r for p in load_packs(regime, root=root) for r in p.rules]


def find_rule(rule_id: str, *, root: Path | None = None) -> Rule:
    """The rule with this id in any pack.

    Raises:
        InputError: when no pack holds it.
    """
    for r in all_rules(root=root):
        if r.id == rule_id:
            return r
    raise InputError(f"no rule {rule_id!r}; `tradecheck rules list` shows the ids")


def rules_of_kind(
    kind: str, on: date, regime: str | None = None, *, root: Path | None = None
) -> list[Rule]:
    """The rules of ``kind`` whose text is in force on ``on`` (suspended or not)."""
    return [r for r in all_rules(regime, root=root) if r.kind == kind and r.in_force(on)]
