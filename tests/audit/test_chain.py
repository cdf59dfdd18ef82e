"""The audit chain: appends, verify naming edits, deletions and reorderings, concurrency."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, select, update

from tradecheck.audit import log
from tradecheck.audit.tables import audit_log
from tradecheck.audit.verify import verify_chain
from tradecheck.store import Store, open_store


def _fill(store: Store, n: int) -> None:
    for i in range(n):
        log.append(store, "screen", {"name": f"party {i}"}, {"matches": [i]}, {"v": 1}, "kx")


def test_append_chains_and_verifies(store_url: str) -> None:
    store = open_store(store_url)
    assert verify_chain(store).ok
    _fill(store, 5)
    rep = verify_chain(store)
    assert rep.ok and rep.checked == 5 and rep.head_seq == 5
    recs = log.list_records(store)
    assert [r.seq for r in recs] == [5, 4, 3, 2, 1]
    assert recs[0].prev_hash == recs[1].hash
    assert recs[-1].input == {"name": "party 0"} and recs[-1].key_id == "kx"
    assert log.get_record(store, 3).output == {"matches": [2]}


def test_filters(store_url: str) -> None:
    store = open_store(store_url)
    _fill(store, 3)
    log.append(store, "check", {"case": {"id": "c1"}}, {"outcome": "allowed"}, {}, "ky")
    assert [r.seq for r in log.list_records(store, action="check")] == [4]
    assert [r.seq for r in log.list_records(store, key_id="kx")] == [3, 2, 1]
    assert [r.seq for r in log.list_records(store, contains="party 1")] == [2]
    assert [r.seq for r in log.list_records(store, limit=2, offset=1)] == [3, 2]
    today = recs_time = log.get_record(store, 1).time[:10]
    assert len(log.list_records(store, since=today, until=recs_time)) == 4
    assert log.list_records(store, until="2000-01-01") == []
    assert log.count_records(store, "screen") == 3


def _tamper(url: str, stmt: object) -> None:
    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(stmt)  # type: ignore[call-overload]


def test_edit_is_named(store_url: str) -> None:
    store = open_store(store_url)
    _fill(store, 5)
    _tamper(store_url, update(audit_log).where(audit_log.c.seq == 3).values(output='{"x":1}'))
    rep = verify_chain(store)
    assert [(p.seq, p.kind) for p in rep.problems] == [(3, "edited")]


def test_edit_with_recomputed_hash_is_named(store_url: str) -> None:
    from tradecheck.audit.chain import record_hash

    store = open_store(store_url)
    _fill(store, 5)
    with store.engine.begin() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.seq == 2)).one()
        fields = dict(row._mapping, output='{"forged":true}')
        conn.execute(
            update(audit_log)
            .where(audit_log.c.seq == 2)
            .values(output=fields["output"], hash=record_hash(fields))
        )
    rep = verify_chain(store)
    assert [(p.seq, p.kind) for p in rep.problems] == [(2, "edited")]
    assert "record 3 no longer links" in rep.problems[0].message


def test_deletion_is_named(store_url: str) -> None:
    store = open_store(store_url)
    _fill(store, 5)
    _tamper(store_url, delete(audit_log).where(audit_log.c.seq == 3))
    rep = verify_chain(store)
    assert [(p.seq, p.kind) for p in rep.problems] == [(3, "deleted")]
    assert "record(s) 3 deleted" in rep.problems[0].message


def test_tail_deletion_is_named(store_url: str) -> None:
    store = open_store(store_url)
    _fill(store, 5)
    _tamper(store_url, delete(audit_log).where(audit_log.c.seq >= 4))
    rep = verify_chain(store)
    assert [(p.seq, p.kind) for p in rep.problems] == [(4, "deleted")]
    assert "4..5" in rep.problems[0].message


def test_reordering_is_named(store_url: str) -> None:
    store = open_store(store_url)
    _fill(store, 5)
    # swap records 2 and 4 by renumbering them
    _tamper(store_url, update(audit_log).where(audit_log.c.seq == 2).values(seq=-2))
    _tamper(store_url, update(audit_log).where(audit_log.c.seq == 4).values(seq=2))
    _tamper(store_url, update(audit_log).where(audit_log.c.seq == -2).values(seq=4))
    rep = verify_chain(store)
    kinds = {(p.seq, p.kind) for p in rep.problems}
    assert (2, "reordered") in kinds and (4, "reordered") in kinds
    assert all(p.kind == "reordered" for p in rep.problems)


def test_concurrent_appends_never_fork(store_url: str) -> None:
    store = open_store(store_url)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            # each thread its own Store handle: the same engine, separate connections
            s = open_store(store_url)
            for i in range(15):
                log.append(s, "screen", {"t": k, "i": i}, {}, {}, None)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    rep = verify_chain(store)
    assert rep.ok and rep.checked == 60 and rep.head_seq == 60


def _append_many(url: str, n: int) -> None:
    from tradecheck.store.store import Store as S

    S._engines.clear()  # a fresh pool in the child process
    store = open_store(url)
    for i in range(n):
        log.append(store, "screen", {"i": i}, {}, {}, None)


def test_concurrent_processes_never_fork(store_url: str) -> None:
    """Separate processes bypass the in-process lock: the database's lock must hold."""
    import multiprocessing

    open_store(store_url)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(store_url, 20)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    rep = verify_chain(open_store(store_url))
    assert rep.ok and rep.checked == 60


def test_bad_filters() -> None:
    from tradecheck.errors import InputError

    store = open_store()
    with pytest.raises(InputError):
        log.list_records(store, limit=0)
    with pytest.raises(InputError, match="no audit record 9"):
        log.get_record(store, 9)
