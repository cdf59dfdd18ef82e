"""EAR country groups on a date, and the destination expressions rules use.

A destination expression (in ``licence-scope``, ``review-policy``, ``end-use``
and ``licence-exception`` data) is a mapping::

    {worldwide: true}                         # everywhere
    {countries: [MO]}                         # these countries
    {groups_any: [D:1, D:4, D:5],             # in any of these groups …
     groups_none: [A:5, A:6],                 # … and in none of these
     countries_none: [MO]}                    # … and not these countries

``countries`` and the group test are alternatives (either suffices). Hong Kong
is resolved to China by the ``country-alias`` rule in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.errors import RuleError
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules


@dataclass(slots=True)
class GroupIndex:
    """Country-group membership and country aliases in force on one date."""

    on: date
    members: dict[str, set[str]] = field(default_factory=dict)
    group_rules: dict[str, Rule] = field(default_factory=dict)
    aliases: dict[str, tuple[str, Rule]] = field(default_factory=dict)
    #: (group, country) memberships not established on this date, with the rule saying so.
    uncertain: dict[tuple[str, str], Rule] = field(default_factory=dict)

    @classmethod
    def on_date(cls, on: date) -> GroupIndex:
        """Build the index from the ``us-ear`` packs for ``on``."""
        idx = cls(on)
        for r in all_rules("us-ear"):
            if not r.applies(on):
                continue
            if r.kind == "country-group":
                idx.members[r.data["group"]] = set(r.data["members"])
                idx.group_rules[r.data["group"]] = r
            elif r.kind == "country-alias":
                idx.aliases[r.data["country"]] = (r.data["treated_as"], r)
            elif r.kind == "membership-uncertain":
                for cc in r.data["countries"]:
                    idx.uncertain[(r.data["group"], cc)] = r
        return idx

    def alternatives(self, countries: set[str]) -> list[tuple[GroupIndex, str, Rule]]:
        """For each uncertain membership of one of ``countries``: the index with that
        membership flipped, a description of the flip, and the rule that records the doubt."""
        out: list[tuple[GroupIndex, str, Rule]] = []
        for (group, cc), rule in sorted(self.uncertain.items()):
            if cc not in countries or group not in self.members:
                continue
            members = dict(self.members)
            now_in = cc in members[group]
            members[group] = members[group] - {cc} if now_in else members[group] | {cc}
            flipped = GroupIndex(self.on, members, self.group_rules, self.aliases)
            how = f"{cc} {'not ' if now_in else ''}in {group}"
            out.append((flipped, how, rule))
        return out

    def resolve(self, country: str) -> str:
        """The country the EAR treats ``country`` as (HK → CN)."""
        alias = self.aliases.get(country)
        return alias[0] if alias else country

    def groups_of(self, country: str) -> list[str]:
        """The groups ``country`` (after aliasing) belongs to on this date."""
        cc = self.resolve(country)
        return sorted(g for g, m in self.members.items() if cc in m)

    def matches(self, expr: dict[str, Any] | None, country: str | None) -> bool:
        """Whether ``country`` satisfies the destination expression."""
        if not expr or country is None:
            return False
        if expr.get("worldwide"):
            return True
        cc = self.resolve(country)
        if cc in expr.get("countries", []) or country in expr.get("countries", []):
            return True
        if cc in expr.get("countries_none", []):
            return False
        groups = set(self.groups_of(country))
        if not groups & set(expr.get("groups_any", [])):
            return False
        return not groups & set(expr.get("groups_none", []))

    def rules_for(self, expr: dict[str, Any] | None) -> list[Rule]:
        """The group and alias rules an expression consults (for citations and advisories)."""
        if not expr:
            return []
        names = [*expr.get("groups_any", []), *expr.get("groups_none", [])]
        out = [self.group_rules[g] for g in names if g in self.group_rules]
        out.extend(rule for _, rule in self.aliases.values())
        return out

    def describe(self, country: str) -> str:
        """``HK (treated as CN; groups D:1, D:3, D:4, D:5)`` for reasons."""
        cc = self.resolve(country)
        alias = f"treated as {cc}; " if cc != country else ""
        groups = ", ".join(self.groups_of(country)) or "no listed group"
        return f"{country} ({alias}groups {groups})"


def _group_refs(value: Any, path: str) -> list[tuple[str, str]]:
    """(field path, group) for every group named in a destination expression inside ``value``."""
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            where = f"{path}.{key}"
            if key in ("groups_any", "groups_none") and isinstance(sub, list):
                out.extend((where, str(g)) for g in sub)
            else:
                out.extend(_group_refs(sub, where))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            out.extend(_group_refs(sub, f"{path}[{i}]"))
    return out


def check_group_references(rules: list[Rule]) -> None:
    """Every country group a ``us-ear`` rule names must be defined by a ``country-group`` rule
    (a typo such as ``D:6`` would otherwise match nothing and never require a licence).

    Raises:
        RuleError: naming the file, the rule and the field.
    """
    defined = {
        r.data["group"] for r in rules if r.kind in ("country-group", "membership-uncertain")
    }
    for r in rules:
        for where, group in _group_refs(r.data, "data"):
            if group not in defined:
                raise RuleError(
                    f"unknown country group {group!r} (defined: {', '.join(sorted(defined))})",
                    file=r.file,
                    rule=r.id,
                    field=where,
                )
