"""Re-run a recorded determination with the versions it used, and report any difference.

List snapshots are kept in the store, so a screening (or a check's party
screening) is replayed against the very snapshots it used, found by content
hash. Rule packs and the matcher are code and data of the installed release:
when their versions differ from the recorded ones, the report says so, and the
answers are compared all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.audit.actions import (
    ACTIONS,
    rule_pack_versions,
    screening_store,
    snapshot_versions,
)
from tradecheck.audit.log import AuditRecord, get_record
from tradecheck.errors import InputError
from tradecheck.store import Store

#: At most this many differences are listed.
MAX_DIFFERENCES = 50


@dataclass(slots=True)
class ReplayReport:
    """The outcome of a replay."""

    id: int
    action: str
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    replayed: dict[str, Any] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        """True when the replayed answer equals the recorded one."""
        return not self.differences

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "action": self.action,
            "same": self.same,
            "differences": self.differences,
            "notes": self.notes,
        }


def diff_values(
    old: Any, new: Any, path: str = "$", out: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Where two JSON values differ: ``[{path, recorded, replayed}, ...]``."""
    out = [] if out is None else out
    if len(out) >= MAX_DIFFERENCES:
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new), key=str):
            diff_values(old.get(k), new.get(k), f"{path}.{k}", out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            diff_values(a, b, f"{path}[{i}]", out)
    elif old != new:
        out.append({"path": path, "recorded": old, "replayed": new})
    return out


def _index_for(store: Store, snaps: list[dict[str, Any]], notes: list[str]) -> Any:
    """An index over the recorded snapshots, or None when they are the current ones."""
    if not snaps:
        return None
    wanted = {(s["dataset"], s["content_hash"]) for s in snaps}
    current = {(s["dataset"], s["content_hash"]) for s in snapshot_versions(store)}
    if wanted == current:
        return None
    stored = {(s.dataset, s.content_hash): s.id for s in store.snapshots()}
    missing = sorted(d for d, h in wanted if (d, h) not in stored)
    if missing:
        notes.append(
            "snapshots no longer stored for "
            + ", ".join(missing)
            + ": replayed on the current ones"
        )
        return None
    from tradecheck.screening import build_index

    notes.append("replayed on the recorded list snapshots (not the current ones)")
    entities = [e for key in sorted(wanted) for e in store.entities(stored[key])]
    return build_index(entities, {"snapshots": snaps})


def _pack_versions(packs: list[dict[str, Any]]) -> dict[str, str]:
    return {
        str(p.get("id")): f"{p.get('version')} ({str(p.get('sha256', ''))[:12]})" for p in packs
    }


def _version_notes(record: AuditRecord, notes: list[str]) -> None:
    recorded = _pack_versions(record.versions.get("rule_packs") or [])
    if recorded:
        now = _pack_versions(rule_pack_versions())
        # Only the packs the answer used: a pack added since cannot have changed it.
        for pack in sorted(recorded):
            if recorded.get(pack) != now.get(pack):
                notes.append(
                    f"rule pack {pack}: recorded {recorded.get(pack)}, installed {now.get(pack)}"
                )
    screening = record.versions.get("screening") or record.versions
    matcher = screening.get("matcher_version") if isinstance(screening, dict) else None
    if matcher is not None:
        from tradecheck.screening import screening_versions

        installed = screening_versions().get("matcher_version")
        if installed != matcher:
            notes.append(f"matcher: recorded version {matcher}, installed {installed}")


def _pinned_params(record: AuditRecord, notes: list[str]) -> dict[str, Any]:
    """The recorded input, with the date the original resolved to when it had none."""
    params = dict(record.input)
    ran_on = record.output.get("as_of")
    if record.action in ("check", "invest", "classify-chip") and not params.get("as_of") and ran_on:
        source = record.output.get("as_of_source")
        if record.action == "classify-chip" or source == "today":
            params["as_of"] = ran_on
            if ran_on != date.today().isoformat():
                notes.append(f"the original ran as of its day, {ran_on}; replayed as of that date")
    return params


def _comparable(action: str, output: dict[str, Any]) -> dict[str, Any]:
    """The part of an answer a replay must reproduce (not how the date was given)."""
    out = {k: v for k, v in output.items() if k not in ("versions", "as_of_source")}
    if action in ("check", "invest"):
        out["advisories"] = [
            a for a in out.get("advisories", []) if a.get("kind") != "missing-date"
        ]
    return out


def replay(store: Store, seq: int) -> ReplayReport:
    """Re-run audit record ``seq`` and compare the answers.

    Raises:
        InputError: no such record, or an action that cannot be replayed.
    """
    record = get_record(store, seq)
    action = ACTIONS.get(record.action)
    if action is None:
        raise InputError(f"audit record {seq} ({record.action}) is not a determination to replay")
    report = ReplayReport(id=seq, action=record.action)
    snaps = record.versions.get("snapshots") or []
    # a check or an investment screened parties in the engine's store
    ref = screening_store(store) if record.action in ("check", "invest") else store
    index = _index_for(ref, snaps, report.notes)
    _version_notes(record, report.notes)
    result = action(store, _pinned_params(record, report.notes), index)
    report.replayed = result.output
    report.differences = diff_values(
        _comparable(record.action, record.output), _comparable(record.action, result.output)
    )
    return report
