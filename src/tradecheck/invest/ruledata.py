"""The rule data of the outbound regime, loaded through the shared rule-pack core.

The packs live in ``data/rules/us_outbound/`` and are loaded from that folder
alone, so a broken pack of another regime cannot stop an investment check. On top
of the pack core's validation this module checks what only this regime knows:
activity conditions and ``unless`` references.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tradecheck.errors import RuleError
from tradecheck.invest import conditions
from tradecheck.rules.pack import RULES_ROOT, Pack, Rule, load_packs

OUTBOUND_ROOT = RULES_ROOT / "us_outbound"
REGIME = "us-outbound"


@dataclass(frozen=True, slots=True)
class OutboundRules:
    """The loaded outbound packs with the look-ups the evaluator needs."""

    packs: tuple[Pack, ...]

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            RuleError: when no outbound pack holds it (a broken pack set).
        """
        for p in self.packs:
            for r in p.rules:
                if r.id == rule_id:
                    return r
        raise RuleError(f"missing rule {rule_id!r}", rule=rule_id)

    def data(self, rule_id: str) -> dict[str, Any]:
        """The ``data`` mapping of a rule."""
        return self.rule(rule_id).data

    def of_kind(self, kind: str, on: date) -> list[Rule]:
        """The rules of ``kind`` that apply on ``on`` (in force, not suspended)."""
        return [r for p in self.packs for r in p.rules if r.kind == kind and r.applies(on)]

    @property
    def program(self) -> Rule:
        """The rule that puts Part 850 in force."""
        return self.rule("oisp-program")

    @property
    def program_start(self) -> date:
        """The first day the program applies (2025-01-02)."""
        return self.program.effective_from

    def countries_of_concern(self) -> frozenset[str]:
        """Country codes of the country of concern, territories included."""
        out: set[str] = set()
        for c in self.program.data["countries_of_concern"]:
            out.update([c["code"], *c["includes"]])
        return frozenset(out)

    def versions(self) -> list[dict[str, str]]:
        """What a Determination records about the packs used."""
        return [p.version_info() for p in self.packs]


def _check(packs: list[Pack]) -> None:
    ids = {r.id for p in packs for r in p.rules}
    for p in packs:
        for r in p.rules:
            if r.kind != "oisp-activity":
                continue
            if "when" in r.data:
                conditions.check(r.data["when"], file=p.file, rule=r.id)
            for i, other in enumerate(r.data.get("unless") or []):
                if other not in ids:
                    raise RuleError(
                        f"unknown rule {other!r}", file=p.file, rule=r.id, field=f"data.unless[{i}]"
                    )
    if "oisp-program" not in ids:
        raise RuleError("no rule oisp-program in the outbound packs", field="rules")


def load_outbound_rules(root: Path | None = None) -> OutboundRules:
    """Load and check the outbound packs.

    Raises:
        RuleError: naming the file, rule and field of the first problem.
    """
    packs = load_packs(REGIME, root=root or OUTBOUND_ROOT)
    _check(packs)
    return OutboundRules(tuple(packs))
