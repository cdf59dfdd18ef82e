"""Check the audit chain: name every edited, deleted or reordered record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradecheck.audit.chain import record_hash
from tradecheck.audit.log import head, iter_chain
from tradecheck.audit.tables import GENESIS
from tradecheck.store import Store


@dataclass(frozen=True, slots=True)
class Problem:
    """One break in the chain, at the record it names."""

    seq: int
    kind: str  # edited | deleted | reordered
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"id": self.seq, "kind": self.kind, "message": self.message}


@dataclass(slots=True)
class VerifyReport:
    """What :func:`verify_chain` found."""

    checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain is intact."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head": {"id": self.head_seq, "hash": self.head_hash},
            "problems": [p.to_dict() for p in self.problems],
        }


def verify_chain(store: Store) -> VerifyReport:
    """Recompute every record's hash and link, in order, and compare the head.

    An edit shows as a record whose content no longer gives its hash (or, when the
    hash was recomputed too, as the next record no longer linking to it); a
    deletion as a gap or a link to nothing; a reordering as a link to a record
    other than the one before.
    """
    rows = [
        (r.seq, r.hash, r.prev_hash, record_hash(r._asdict()) == r.hash) for r in iter_chain(store)
    ]
    by_hash = {h: seq for seq, h, _, _ in rows}
    report = VerifyReport(checked=len(rows))
    report.head_seq, report.head_hash = head(store)
    expected, prev_seq = GENESIS, 0
    for seq, h, prev_hash, self_ok in rows:
        if not self_ok:
            report.problems.append(
                Problem(
                    seq, "edited", f"record {seq} was edited: its content does not match its hash"
                )
            )
        if prev_hash != expected:
            report.problems.append(_broken_link(seq, prev_seq, prev_hash, by_hash))
        expected, prev_seq = h, seq
    if report.head_seq > prev_seq:
        first = prev_seq + 1
        span = f"{first}" if first == report.head_seq else f"{first}..{report.head_seq}"
        report.problems.append(
            Problem(first, "deleted", f"record(s) {span} deleted from the end of the log")
        )
    elif report.head_hash != expected and by_hash.get(report.head_hash, prev_seq) != prev_seq:
        report.problems.append(
            Problem(
                prev_seq,
                "reordered",
                f"record {prev_seq} is out of order: the log's head says record "
                f"{by_hash[report.head_hash]} was written last",
            )
        )
    elif report.head_hash != expected and rows:
        report.problems.append(
            Problem(prev_seq, "edited", f"record {prev_seq} does not match the log's head hash")
        )
    return report


def _broken_link(seq: int, prev_seq: int, prev_hash: str, by_hash: dict[str, int]) -> Problem:
    if prev_hash == GENESIS:
        return Problem(
            seq,
            "reordered",
            f"record {seq} is out of order: it was written first, not after {prev_seq}",
        )
    other = by_hash.get(prev_hash)
    if other is not None and other != prev_seq:
        return Problem(
            seq,
            "reordered",
            f"record {seq} is out of order: it was written after record {other}, "
            f"not after record {prev_seq}",
        )
    if seq != prev_seq + 1:
        span = f"{prev_seq + 1}" if seq == prev_seq + 2 else f"{prev_seq + 1}..{seq - 1}"
        return Problem(prev_seq + 1, "deleted", f"record(s) {span} deleted (before record {seq})")
    return Problem(
        prev_seq,
        "edited",
        f"record {prev_seq} was edited (its hash was rewritten) or a record after it was "
        f"deleted: record {seq} no longer links to it",
    )
