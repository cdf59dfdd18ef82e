"""Batch screening jobs: persisted row by row, resumed after a restart.

A job's input rows are stored when it is submitted. One worker thread screens
them through :func:`tradecheck.screening.screen_batch` (the function behind
``tradecheck screen-batch``) and writes each row's result together with its
audit record in one transaction: a killed server keeps every completed row, and
never a result without its audit record or the reverse. On start-up, unfinished
jobs continue from their first row without a result.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update

from tradecheck.audit import log
from tradecheck.audit.tables import batch_jobs, batch_rows
from tradecheck.errors import InputError, TradecheckError
from tradecheck.store import Store

logger = logging.getLogger("tradecheck.api.jobs")

#: Most rows one job may hold.
MAX_ROWS = 20_000


@dataclass(frozen=True, slots=True)
class JobStatus:
    """A job's progress."""

    id: str
    status: str  # queued | running | done | failed
    total: int
    done: int
    created_at: str
    updated_at: str
    key_id: str | None
    error: str | None
    options: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "status": self.status,
            "total": self.total,
            "done": self.done,
            "progress": round(self.done / self.total, 4) if self.total else 1.0,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "key_id": self.key_id,
            "error": self.error,
            "options": self.options,
        }


def submit_job(
    store: Store, rows: list[dict[str, Any]], options: dict[str, Any], key_id: str | None
) -> str:
    """Store a job and its rows (queued); return its id.

    Raises:
        InputError: no rows, or more than :data:`MAX_ROWS`.
    """
    if not rows:
        raise InputError("the batch has no rows")
    if len(rows) > MAX_ROWS:
        raise InputError(f"the batch has {len(rows)} rows; at most {MAX_ROWS} per job")
    job_id = uuid.uuid4().hex
    now = log.now_iso()
    with store.engine.begin() as conn:
        conn.execute(
            insert(batch_jobs).values(
                id=job_id,
                key_id=key_id,
                status="queued",
                total=len(rows),
                options=json.dumps(options, sort_keys=True),
                created_at=now,
                updated_at=now,
            )
        )
        payload = [
            {"job_id": job_id, "row_no": i, "input": json.dumps(r, ensure_ascii=False)}
            for i, r in enumerate(rows, start=1)
        ]
        for i in range(0, len(payload), 2000):
            conn.execute(insert(batch_rows), payload[i : i + 2000])
    return job_id


def job_status(store: Store, job_id: str) -> JobStatus:
    """A job's progress.

    Raises:
        InputError: no such job (404 at the API).
    """
    with store.engine.connect() as conn:
        row = conn.execute(select(batch_jobs).where(batch_jobs.c.id == job_id)).first()
        if row is None:
            raise JobNotFound(f"no batch job {job_id!r}")
        done = conn.execute(
            select(func.count())
            .select_from(batch_rows)
            .where(batch_rows.c.job_id == job_id, batch_rows.c.result.is_not(None))
        ).scalar()
    return JobStatus(
        id=row.id,
        status=row.status,
        total=row.total,
        done=int(done or 0),
        created_at=row.created_at,
        updated_at=row.updated_at,
        key_id=row.key_id,
        error=row.error,
        options=json.loads(row.options),
    )


class JobNotFound(InputError):
    """No batch job with that id."""

    http_status = 404


def job_results(store: Store, job_id: str) -> Iterator[str]:
    """The completed rows' results as JSON lines, in input order."""
    job_status(store, job_id)
    last = 0
    while True:
        q = (
            select(batch_rows.c.row_no, batch_rows.c.result)
            .where(
                batch_rows.c.job_id == job_id,
                batch_rows.c.result.is_not(None),
                batch_rows.c.row_no > last,
            )
            .order_by(batch_rows.c.row_no)
            .limit(1000)
        )
        with store.engine.connect() as conn:
            rows = list(conn.execute(q))
        if not rows:
            return
        for r in rows:
            yield r.result + "\n"
        last = rows[-1].row_no


def _set_status(store: Store, job_id: str, status: str, error: str | None = None) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            update(batch_jobs)
            .where(batch_jobs.c.id == job_id)
            .values(status=status, error=error, updated_at=log.now_iso())
        )


def _pending(store: Store, job_id: str) -> list[tuple[int, dict[str, Any]]]:
    q = (
        select(batch_rows.c.row_no, batch_rows.c.input)
        .where(batch_rows.c.job_id == job_id, batch_rows.c.result.is_(None))
        .order_by(batch_rows.c.row_no)
    )
    with store.engine.connect() as conn:
        return [(r.row_no, json.loads(r.input)) for r in conn.execute(q)]


def run_job(store: Store, job_id: str) -> None:
    """Screen a job's remaining rows, persisting each with its audit record."""
    from tradecheck.screening import index_for_store, screen_batch, screening_versions

    status = job_status(store, job_id)
    opts = status.options
    pending = _pending(store, job_id)
    _set_status(store, job_id, "running")
    try:
        index = index_for_store(store)
        versions = screening_versions(index=index)
        results = screen_batch(
            [row for _, row in pending],
            1,  # one process: the server's other requests keep the second core
            index=index,
            min_score=opts.get("min_score"),
            limit=int(opts.get("limit") or 10),
            sources=opts.get("sources"),
        )
        for (row_no, row), result in zip(pending, results, strict=True):
            params = {**opts, **row, "batch": {"job": job_id, "row": row_no}}
            with log._APPEND_LOCK, store.engine.begin() as conn:
                seq = log.append_in(conn, "screen-row", params, result, versions, status.key_id)
                conn.execute(
                    update(batch_rows)
                    .where(batch_rows.c.job_id == job_id, batch_rows.c.row_no == row_no)
                    .values(result=json.dumps(result, ensure_ascii=False), audit_seq=seq)
                )
    except TradecheckError as exc:
        _set_status(store, job_id, "failed", exc.one_line())
        return
    except Exception as exc:  # the worker thread must survive a bug in one job
        logger.exception("batch job %s failed", job_id)
        _set_status(store, job_id, "failed", f"internal error: {exc.__class__.__name__}")
        return
    _set_status(store, job_id, "done")


class JobRunner:
    """One worker thread taking jobs in order (screen_batch keeps per-call module state)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="batch-jobs", daemon=True)

    def start(self) -> None:
        """Start the worker and queue every unfinished job (oldest first); once per runner.

        The worker is a daemon thread that lives as long as the process: a server
        stopped or killed mid-row loses only that row's open transaction.
        """
        if self._thread.is_alive():
            return
        q = (
            select(batch_jobs.c.id)
            .where(batch_jobs.c.status.in_(("queued", "running")))
            .order_by(batch_jobs.c.created_at)
        )
        with self.store.engine.connect() as conn:
            for (job_id,) in conn.execute(q):
                self._queue.put(job_id)
        self._thread.start()

    def enqueue(self, job_id: str) -> None:
        """Queue a submitted job."""
        self._queue.put(job_id)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            run_job(self.store, job_id)
