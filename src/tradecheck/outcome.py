"""The one outcome vocabulary across regimes, and the shape of an answer.

From most to least restrictive: ``prohibited`` › ``license-required`` ›
``notifiable`` › ``review`` › ``allowed``. ``review`` means a possible list
match or a missing fact that a person must resolve: an unknown never becomes
``allowed``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """A determination outcome, ordered by :attr:`severity`."""

    PROHIBITED = "prohibited"
    LICENSE_REQUIRED = "license-required"
    NOTIFIABLE = "notifiable"
    REVIEW = "review"
    ALLOWED = "allowed"

    @property
    def severity(self) -> int:
        """Higher is more restrictive."""
        return _SEVERITY[self]


_SEVERITY = {
    Outcome.PROHIBITED: 4,
    Outcome.LICENSE_REQUIRED: 3,
    Outcome.NOTIFIABLE: 2,
    Outcome.REVIEW: 1,
    Outcome.ALLOWED: 0,
}


def most_restrictive(outcomes: list[Outcome]) -> Outcome:
    """Return the most restrictive outcome; ``review`` for an empty list (never fail open)."""
    if not outcomes:
        return Outcome.REVIEW
    return max(outcomes, key=lambda o: o.severity)


@dataclass(slots=True)
class Citation:
    """A reference to the instrument a finding rests on."""

    ref: str  # e.g. "15 CFR 744.23(a)(2)", "88 FR 73458", "MOFCOM Ann. 23/2023"
    url: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Finding:
    """One regime's answer about one part of a case, with its reason and citations."""

    regime: str  # e.g. "us-ear", "us-ear-parties", "cn-export", "us-outbound"
    rule: str  # rule id within the pack
    outcome: Outcome
    reason: str
    citations: list[Citation] = field(default_factory=list)
    policy: str | None = None  # presumption of denial, case-by-case …
    exceptions: list[str] = field(default_factory=list)
    subject: str | None = None  # which item or party this finding is about
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: str = "verified"  # verified | secondary | unverified

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        d = asdict(self)
        d["outcome"] = self.outcome.value
        return d


@dataclass(slots=True)
class Advisory:
    """An answer resting on an unverified fact, an enforcement statement or a lapsed window."""

    #: unverified-fact | enforcement-statement | suspension-ends | suspension-lapsed | pending-law
    kind: str
    message: str
    rule: str | None = None
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(slots=True)
class Determination:
    """The answer to a case: the most restrictive outcome, findings, advisories, versions."""

    findings: list[Finding] = field(default_factory=list)
    advisories: list[Advisory] = field(default_factory=list)
    versions: dict[str, Any] = field(default_factory=dict)
    as_of: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def outcome(self) -> Outcome:
        """The most restrictive finding's outcome (``review`` when there is none)."""
        return most_restrictive([f.outcome for f in self.findings])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as the CLI and API print it."""
        return {
            "outcome": self.outcome.value,
            "as_of": self.as_of,
            "findings": [f.to_dict() for f in self.findings],
            "advisories": [a.to_dict() for a in self.advisories],
            "versions": self.versions,
            **self.extra,
        }
