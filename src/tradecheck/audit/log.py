"""Append to, read and verify the hash-chained audit log.

Appends are serialised: the transaction first updates the single head row, which
takes SQLite's write lock or a PostgreSQL row lock, then reads the head, inserts
the record at ``seq + 1`` chained to the head's hash and moves the head. A
crashed append leaves nothing (one transaction); a second chain link at the same
position is impossible (``seq`` is the primary key).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tradecheck.audit import tables as t
from tradecheck.audit.chain import canonical_json, record_hash
from tradecheck.errors import InputError
from tradecheck.store import Store

#: In-process appenders wait here rather than spin on the database's lock.
_APPEND_LOCK = threading.Lock()


def now_iso() -> str:
    """The current UTC time, to the microsecond (records made in one second stay ordered)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class RecordNotFound(InputError):
    """No audit record with that id."""

    http_status = 404


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One record of the audit log."""

    seq: int
    uid: str
    time: str
    action: str
    key_id: str | None
    input: dict[str, Any]
    output: dict[str, Any]
    versions: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``id`` is the sequence number)."""
        return {
            "id": self.seq,
            "uid": self.uid,
            "time": self.time,
            "action": self.action,
            "key_id": self.key_id,
            "input": self.input,
            "output": self.output,
            "versions": self.versions,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def _record(row: Any) -> AuditRecord:
    return AuditRecord(
        seq=row.seq,
        uid=row.uid,
        time=row.time,
        action=row.action,
        key_id=row.key_id,
        input=json.loads(row.input),
        output=json.loads(row.output),
        versions=json.loads(row.versions),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


#: One record to append: action, input, output, versions, key id.
Entry = tuple[str, dict[str, Any], dict[str, Any], dict[str, Any], str | None]


def append_many_in(conn: Connection, entries: list[Entry]) -> list[int]:
    """Append records, in order, inside the caller's transaction; return their ids.

    The caller commits (with whatever else belongs to the same unit of work, such as
    a batch row's result) and holds :data:`_APPEND_LOCK` if it runs threads.
    """
    time = now_iso()
    # Lock first: the head row update takes the write lock before anything is read.
    conn.execute(update(t.audit_head).where(t.audit_head.c.id == 1).values(updated_at=time))
    head = conn.execute(
        select(t.audit_head.c.seq, t.audit_head.c.hash).where(t.audit_head.c.id == 1)
    ).one()
    seq, prev = int(head.seq), str(head.hash)
    rows: list[dict[str, Any]] = []
    for action, input_, output, versions, key_id in entries:
        fields: dict[str, Any] = {
            "uid": uuid.uuid4().hex,
            "time": time,
            "action": action,
            "key_id": key_id,
            "input": canonical_json(input_),
            "output": canonical_json(output),
            "versions": canonical_json(versions),
            "prev_hash": prev,
        }
        fields["hash"] = prev = record_hash(fields)
        seq += 1
        rows.append({"seq": seq, **fields})
    conn.execute(insert(t.audit_log), rows)
    conn.execute(update(t.audit_head).where(t.audit_head.c.id == 1).values(seq=seq, hash=prev))
    return [r["seq"] for r in rows]


def append_in(
    conn: Connection,
    action: str,
    input: dict[str, Any],
    output: dict[str, Any],
    versions: dict[str, Any],
    key_id: str | None,
) -> int:
    """Append one record inside the caller's transaction (see :func:`append_many_in`)."""
    return append_many_in(conn, [(action, input, output, versions, key_id)])[0]


def append(
    store: Store,
    action: str,
    input: dict[str, Any],
    output: dict[str, Any],
    versions: dict[str, Any],
    key_id: str | None = None,
) -> int:
    """Append one record and wait until it is committed; return its sequence number (its id).

    Concurrent appends in one process share a transaction (group commit, see
    :mod:`tradecheck.audit.writer`); each still returns only once its record is durable.

    Raises:
        StoreError: when the record cannot be written (nothing of it is written then).
    """
    from tradecheck.audit.writer import writer_for

    return writer_for(store).append(action, input, output, versions, key_id)


def get_record(store: Store, seq: int) -> AuditRecord:
    """One record by id.

    Raises:
        InputError: when there is no such record.
    """
    if not 1 <= seq < 2**63:  # beyond any stored id, and beyond what SQLite can bind
        raise RecordNotFound(f"no audit record {seq}")
    with store.engine.connect() as conn:
        row = conn.execute(select(t.audit_log).where(t.audit_log.c.seq == seq)).first()
    if row is None:
        raise RecordNotFound(f"no audit record {seq}")
    return _record(row)


def list_records(
    store: Store,
    *,
    action: str | None = None,
    key_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    contains: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditRecord]:
    """Records matching every filter given, newest first.

    Args:
        action: ``screen``, ``classify-chip``, ``check``, ``invest`` …
        key_id: the API key that asked.
        since: records at or after this ISO time or date.
        until: records before this ISO time, or on or before this date.
        contains: text the record's input contains (case-sensitive).
        limit: at most this many (1..1000).
        offset: skip this many.
    """
    if not 1 <= limit <= 1000:
        raise InputError(f"limit {limit} must be between 1 and 1000")
    if offset < 0:
        raise InputError(f"offset {offset} must not be negative")
    c = t.audit_log.c
    q = select(t.audit_log).order_by(c.seq.desc()).limit(limit).offset(offset)
    if action:
        q = q.where(c.action == action)
    if key_id:
        q = q.where(c.key_id == key_id)
    if since:
        q = q.where(c.time >= since)
    if until:
        # A bare date means the whole day.
        q = q.where(c.time < (until + "T99" if len(until) == 10 else until))
    if contains:
        q = q.where(c.input.contains(contains, autoescape=True))
    with store.engine.connect() as conn:
        return [_record(r) for r in conn.execute(q)]


def count_records(store: Store, action: str | None = None) -> int:
    """How many records (of one action) the log holds."""
    q = select(func.count()).select_from(t.audit_log)
    if action:
        q = q.where(t.audit_log.c.action == action)
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar() or 0)


def iter_chain(store: Store, batch: int = 2000) -> Iterator[Any]:
    """Every record row in chain order, read in batches (the log can be large)."""
    last = 0
    while True:
        q = (
            select(t.audit_log)
            .where(t.audit_log.c.seq > last)
            .order_by(t.audit_log.c.seq)
            .limit(batch)
        )
        with store.engine.connect() as conn:
            rows = list(conn.execute(q))
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def head(store: Store) -> tuple[int, str]:
    """The head's sequence number and hash."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.audit_head.c.seq, t.audit_head.c.hash).where(t.audit_head.c.id == 1)
        ).one()
    return int(row.seq), str(row.hash)
