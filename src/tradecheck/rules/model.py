"""The rule model: a dated, cited rule with its suspension and enforcement overlays.

Windows are closed intervals (see :mod:`tradecheck.rules.dates`). What an
evaluator acts on is :meth:`Rule.applies`; what it must tell the user is
:meth:`Rule.advisories`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.outcome import Advisory, Citation
from tradecheck.rules.dates import in_window

CONFIDENCE = ("verified", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class Suspension:
    """A window during which a rule in force is not applied (an overlay, not an edit)."""

    id: str
    start: date
    end: date
    citations: list[Citation]
    note: str = ""
    renewal_known: bool = False


@dataclass(frozen=True, slots=True)
class Enforcement:
    """An enforcement statement where the enforced scope differs from the rule text."""

    status: str  # enforced | not-enforced
    statement: str
    citations: list[Citation]
    since: date | None = None


@dataclass(slots=True)
class Rule:
    """One dated, cited rule of a pack."""

    id: str
    title: str
    citations: list[Citation]
    effective_from: date
    effective_to: date | None
    confidence: str
    pack_id: str
    file: str
    kind: str = "rule"
    compliance_date: date | None = None
    confidence_note: str = ""
    notes: str = ""
    enforcement: Enforcement | None = None
    suspensions: list[Suspension] = field(default_factory=list)
    supersedes: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def in_force(self, on: date) -> bool:
        """Whether the rule's text is in force on ``on`` (suspensions aside)."""
        return in_window(on, self.effective_from, self.effective_to)

    def suspension_on(self, on: date) -> Suspension | None:
        """The suspension window covering ``on``, if any."""
        return next((s for s in self.suspensions if in_window(on, s.start, s.end)), None)

    def lapsed_suspension(self, on: date) -> Suspension | None:
        """The latest suspension that ended before ``on`` with no known renewal.

        The rule applies again, but a renewal may have been published since the
        pack was written: the engine says so in an advisory.
        """
        ended = [s for s in self.suspensions if s.end < on and not s.renewal_known]
        return max(ended, key=lambda s: s.end) if ended else None

    def is_enforced(self, on: date) -> bool:
        """False when an enforcement statement says the text is not enforced on ``on``."""
        e = self.enforcement
        if e is None or e.status == "enforced":
            return True
        return e.since is not None and on < e.since

    def applies(self, on: date) -> bool:
        """In force, past its compliance date, not suspended and enforced on ``on``.

        This is what an evaluator acts on; text in force that does not apply is
        reported through :meth:`advisories`.
        """
        return (
            self.in_force(on)
            and (self.compliance_date is None or on >= self.compliance_date)
            and self.suspension_on(on) is None
            and self.is_enforced(on)
        )

    def advisories(self, on: date) -> list[Advisory]:
        """The advisories a finding resting on this rule must carry on ``on``."""
        out: list[Advisory] = []
        if self.confidence == "unverified":
            note = f" ({self.confidence_note})" if self.confidence_note else ""
            out.append(
                Advisory(
                    "unverified-fact",
                    f"{self.title} rests on a fact not verified against primary text{note}.",
                    self.id,
                    self.citations,
                )
            )
        if self.enforcement is not None and not self.is_enforced(on):
            out.append(
                Advisory(
                    "enforcement-statement",
                    self.enforcement.statement,
                    self.id,
                    self.enforcement.citations,
                )
            )
        if self.compliance_date is not None and self.in_force(on) and on < self.compliance_date:
            out.append(
                Advisory(
                    "compliance-date",
                    f"{self.title} is in force from {self.effective_from} but compliance is "
                    f"required only from {self.compliance_date}; it is not applied before then.",
                    self.id,
                    self.citations,
                )
            )
        sus = self.suspension_on(on)
        if sus is not None:
            out.append(
                Advisory(
                    "suspension-ends",
                    f"{self.title} is suspended from {sus.start} to {sus.end}; "
                    f"it applies again from the day after unless extended. {sus.note}".strip(),
                    self.id,
                    sus.citations,
                )
            )
        lapsed = self.lapsed_suspension(on)
        if lapsed is not None and sus is None:
            out.append(
                Advisory(
                    "suspension-lapsed",
                    f"The suspension of {self.title} ended on {lapsed.end}; no renewal is "
                    "recorded here, so the rule is applied. Check for an extension.",
                    self.id,
                    lapsed.citations,
                )
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as ``rules show --json`` prints it."""
        return {
            "id": self.id,
            "pack": self.pack_id,
            "kind": self.kind,
            "title": self.title,
            "citations": [c.ref for c in self.citations],
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "compliance_date": self.compliance_date.isoformat() if self.compliance_date else None,
            "confidence": self.confidence,
            "confidence_note": self.confidence_note or None,
            "notes": self.notes or None,
            "enforcement": None
            if self.enforcement is None
            else {
                "status": self.enforcement.status,
                "since": str(self.enforcement.since) if self.enforcement.since else None,
                "statement": self.enforcement.statement,
                "citations": [c.ref for c in self.enforcement.citations],
            },
            "suspensions": [
                {
                    "id": s.id,
                    "from": str(s.start),
                    "to": str(s.end),
                    "note": s.note,
                    "renewal_known": s.renewal_known,
                    "citations": [c.ref for c in s.citations],
                }
                for s in self.suspensions
            ],
            "supersedes": self.supersedes,
            "data": self.data,
            "file": self.file,
        }


@dataclass(slots=True)
class Pack:
    """One rule file: its identity, version, content hash and rules."""

    id: str
    regime: str
    jurisdiction: str
    title: str
    version: str
    file: str
    sha256: str
    rules: list[Rule]
    data_schemas: dict[str, dict[str, Any]] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id in this pack (KeyError if absent)."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def version_info(self) -> dict[str, str]:
        """What a Determination records about this pack."""
        return {"id": self.id, "version": self.version, "file": self.file, "sha256": self.sha256}
