"""Group commit for the audit log: concurrent appends share one transaction.

Each record still gets its own chain position and hash, and no caller returns
before its record is committed; but under load one commit (one fsync) carries
many records, so the log is not what limits throughput. One writer thread per
store (per process) drains the queue; across processes, the head-row lock in
:func:`tradecheck.audit.log.append_in` keeps the chain from forking.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from tradecheck.audit import log
from tradecheck.errors import StoreError
from tradecheck.store import Store

#: Most records one transaction carries.
MAX_GROUP = 256


@dataclass(slots=True)
class _Pending:
    action: str
    input: dict[str, Any]
    output: dict[str, Any]
    versions: dict[str, Any]
    key_id: str | None
    done: threading.Event = field(default_factory=threading.Event)
    seq: int | None = None
    error: StoreError | None = None


class GroupWriter:
    """The one appender of a store in this process."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def append(
        self,
        action: str,
        input: dict[str, Any],
        output: dict[str, Any],
        versions: dict[str, Any],
        key_id: str | None,
    ) -> int:
        """Queue a record and wait until it is committed; return its id.

        Raises:
            StoreError: the transaction carrying it failed (nothing of it was written).
        """
        item = _Pending(action, input, output, versions, key_id)
        self._queue.put(item)
        item.done.wait()
        if item.error is not None:
            raise item.error
        assert item.seq is not None
        return item.seq

    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < MAX_GROUP:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(group)

    def _write(self, group: list[_Pending]) -> None:
        try:
            with log._APPEND_LOCK, self.store.engine.begin() as conn:
                seqs = log.append_many_in(
                    conn, [(p.action, p.input, p.output, p.versions, p.key_id) for p in group]
                )
        except SQLAlchemyError as exc:
            err = StoreError(f"audit record not written: {str(exc).splitlines()[0]}")
            for p in group:
                p.error = err
        except Exception as exc:  # a record that cannot be serialised, a bug: fail its callers
            err = StoreError(f"audit record not written: {exc.__class__.__name__}: {exc}")
            for p in group:
                p.error = err
        else:
            for p, seq in zip(group, seqs, strict=True):
                p.seq = seq
        finally:
            for p in group:
                p.done.set()


_WRITERS: dict[str, GroupWriter] = {}
_WRITERS_LOCK = threading.Lock()


def writer_for(store: Store) -> GroupWriter:
    """The process's writer for ``store``'s database (created on first use)."""
    with _WRITERS_LOCK:
        w = _WRITERS.get(store.url)
        if w is None or w.store.engine is not store.engine:
            w = _WRITERS[store.url] = GroupWriter(store)
        return w
