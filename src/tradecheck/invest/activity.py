"""Covered activities: which prohibited or notifiable tier an activity falls in.

Each activity of the covered foreign person (or of the joint venture) is matched
against the activity rules in force (850.224 prohibited, 850.217 notifiable). A
rule matches when its scope (sector, product, function) fits and its condition
holds; an unknown fact leaves the rule undecided. The tier is prohibited when any
prohibited rule holds, else notifiable when any notifiable rule holds; a rule left
undecided that could raise the tier is reported so the answer becomes ``review``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.invest import conditions
from tradecheck.invest.ruledata import OutboundRules
from tradecheck.rules.pack import Rule

TIER_RANK = {"prohibited": 2, "notifiable": 1}


@dataclass(slots=True)
class Hit:
    """A rule that holds for one activity."""

    rule: Rule
    where: str
    because: list[str]

    @property
    def tier(self) -> str:
        """``prohibited`` or ``notifiable``."""
        return str(self.rule.data["tier"])


@dataclass(slots=True)
class Undecided:
    """A rule whose scope fits an activity but whose condition lacks a fact."""

    rule: Rule
    where: str
    missing: list[str]

    @property
    def tier(self) -> str:
        """``prohibited`` or ``notifiable``."""
        return str(self.rule.data["tier"])


@dataclass(slots=True)
class TierResult:
    """The covered-activity answer for one party or joint venture."""

    hits: list[Hit] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    activities_missing: str | None = None  # the field to fill when no activity is given

    @property
    def tier(self) -> str | None:
        """The highest tier that certainly applies (None: no covered activity shown)."""
        tiers = [h.tier for h in self.hits]
        return max(tiers, key=lambda t: TIER_RANK[t]) if tiers else None

    def hits_of(self, tier: str) -> list[Hit]:
        """The hits of one tier."""
        return [h for h in self.hits if h.tier == tier]

    def open_above(self) -> list[Undecided]:
        """Undecided rules of a higher tier than the certain one (they can change the answer)."""
        floor = TIER_RANK.get(self.tier or "", 0)
        return [u for u in self.undecided if TIER_RANK[u.tier] > floor]

    @property
    def covered(self) -> bool | None:
        """Whether the party engages in a covered activity (None: cannot tell)."""
        if self.hits:
            return True
        if self.activities_missing or self.undecided:
            return None
        return False

    def missing(self) -> list[str]:
        """The facts that would decide the open rules."""
        out = [self.activities_missing] if self.activities_missing else []
        for u in self.open_above():
            out.extend(m for m in u.missing if m not in out)
        return out


def _in_scope(rule: Rule, act: dict[str, Any]) -> bool:
    if act.get("sector") != rule.data["sector"]:
        return False
    funcs = set(act.get("functions") or [])
    return any(
        act.get("product") in s["products"] and funcs & set(s["functions"])
        for s in rule.data["scope"]
    )


def classify_activities(
    activities: list[dict[str, Any]] | None, rules: OutboundRules, on: date, where: str
) -> TierResult:
    """Match activities against the activity rules that apply on ``on``.

    Args:
        activities: the activity documents (``None`` when the deal does not say).
        rules: the loaded outbound rules.
        on: the completion date.
        where: JSON path of the activity list, used to name missing facts.
    """
    if activities is None:
        return TierResult(activities_missing=where)
    result = TierResult()
    active = rules.of_kind("oisp-activity", on)
    for i, act in enumerate(activities):
        at = f"{where}[{i}]"
        outcomes: dict[str, conditions.Tri] = {}
        for rule in active:
            if _in_scope(rule, act):
                outcomes[rule.id] = conditions.evaluate(rule.data.get("when"), act, at)
        for rule in active:
            tri = outcomes.get(rule.id)
            if tri is None:
                continue
            # "not described in 850.224(x)": a notifiable rule steps aside for the
            # prohibited rule that holds for the same activity.
            if any(outcomes.get(u) and outcomes[u].value for u in rule.data.get("unless") or []):
                continue
            if tri.value is True:
                result.hits.append(Hit(rule, at, tri.because))
            elif tri.value is None:
                result.undecided.append(Undecided(rule, at, tri.missing))
    return result
