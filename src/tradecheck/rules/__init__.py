"""Rule packs: dated, cited regulatory rules as data, and the evaluators that apply them.

Public API: :func:`load_packs`, :class:`Pack`, :class:`Rule`, :func:`find_rule`,
:func:`diff_rules`. See ``docs/rules.md``.
"""

from tradecheck.rules.diff import RuleChange, diff_rules
from tradecheck.rules.pack import (
    Pack,
    Rule,
    Suspension,
    all_rules,
    clear_cache,
    find_rule,
    load_packs,
    rules_of_kind,
)

__all__ = [
    "Pack",
    "Rule",
    "RuleChange",
    "Suspension",
    "all_rules",
    "clear_cache",
    "diff_rules",
    "find_rule",
    "load_packs",
    "rules_of_kind",
]
