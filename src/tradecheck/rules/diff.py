"""What changed between two dates: rules that came into force, ended, were
suspended, revived or stopped being enforced, each with its citation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tradecheck.errors import InputError
from tradecheck.outcome import Citation
from tradecheck.rules.dates import next_day
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules

#: The kinds of change, in the order they are listed for one day.
CHANGE_KINDS = ("ended", "in-force", "compliance", "suspended", "revived", "not-enforced")


@dataclass(frozen=True, slots=True)
class RuleChange:
    """One dated change of one rule."""

    on: date
    change: str  # one of CHANGE_KINDS
    rule: str
    pack: str
    title: str
    citations: list[Citation]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "date": self.on.isoformat(),
            "change": self.change,
            "rule": self.rule,
            "pack": self.pack,
            "title": self.title,
            "citations": [c.ref for c in self.citations],
            "note": self.note,
        }


def _events(r: Rule) -> list[RuleChange]:
    def ev(on: date, change: str, cites: list[Citation], note: str = "") -> RuleChange:
        return RuleChange(on, change, r.id, r.pack_id, r.title, cites, note)

    notes = []
    if r.supersedes:
        notes.append(f"replaces {r.supersedes}")
    if r.compliance_date is not None:
        notes.append(f"compliance required from {r.compliance_date}")
    if r.confidence != "verified":
        notes.append(f"confidence {r.confidence}")
    out = [ev(r.effective_from, "in-force", r.citations, "; ".join(notes))]
    if r.compliance_date is not None and r.compliance_date > r.effective_from:
        note = "compliance required from this day; in force but not applied before it"
        if not r.is_enforced(r.compliance_date):
            note = (
                "compliance date of the text, but it is not enforced "
                f"(since {r.enforcement.since if r.enforcement else '?'}): still not applied"
            )
        out.append(ev(r.compliance_date, "compliance", r.citations, note))
    if r.effective_to is not None:
        out.append(ev(next_day(r.effective_to), "ended", r.citations, f"last day {r.effective_to}"))
    for s in r.suspensions:
        out.append(ev(s.start, "suspended", s.citations, f"until {s.end}. {s.note}".strip()))
        tail = "" if s.renewal_known else " (no renewal recorded)"
        out.append(ev(next_day(s.end), "revived", s.citations, f"suspension ended{tail}"))
    e = r.enforcement
    if e is not None and e.status == "not-enforced" and e.since is not None:
        out.append(ev(e.since, "not-enforced", e.citations, e.statement))
    return out


def diff_rules(
    from_date: date, to_date: date, regime: str | None = None, *, root: Path | None = None
) -> list[RuleChange]:
    """Changes with a date after ``from_date`` and on or before ``to_date``, oldest first.

    Raises:
        InputError: when ``to_date`` is before ``from_date``.
    """
    if to_date < from_date:
        raise InputError(f"--to {to_date} is before --from {from_date}")
    changes = [
        c for r in all_rules(regime, root=root) for c in _events(r) if from_date < c.on <= to_date
    ]
    return sorted(changes, key=lambda c: (c.on, CHANGE_KINDS.index(c.change), c.rule))
