"""Faults: a server killed mid-batch, a list update that fails mid-way."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.api.conftest import Service
from tests.audit.sample import load_sample, sample_entities
from tests.web.conftest import free_port, start_server, stop_server
from tradecheck.access.keys import create_key
from tradecheck.audit.log import get_record, list_records
from tradecheck.audit.tables import batch_rows
from tradecheck.audit.verify import verify_chain
from tradecheck.errors import TradecheckError
from tradecheck.store import Store, open_store

ROWS = 4000


def _call(base: str, secret: str, method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {secret}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def _consistent(store: Store, job_id: str) -> int:
    """Every completed row has exactly its audit record, and no record lacks its row."""
    with store.engine.connect() as conn:
        rows = list(
            conn.execute(
                select(batch_rows.c.row_no, batch_rows.c.result, batch_rows.c.audit_seq).where(
                    batch_rows.c.job_id == job_id
                )
            )
        )
    done = [r for r in rows if r.result is not None]
    assert all(r.audit_seq is not None for r in done)
    assert all(r.audit_seq is None for r in rows if r.result is None)
    for r in done[:: max(1, len(done) // 50)]:
        rec = get_record(store, r.audit_seq)
        assert rec.input["batch"] == {"job": job_id, "row": r.row_no}
        assert rec.output == json.loads(r.result)
    records = list_records(store, action="screen-row", limit=1000, contains=job_id)
    n_records = len(records)
    offset = 1000
    while len(records) == 1000:
        records = list_records(
            store, action="screen-row", limit=1000, offset=offset, contains=job_id
        )
        n_records += len(records)
        offset += 1000
    assert n_records == len(done)
    rep = verify_chain(store)
    assert rep.ok, rep.problems
    return len(done)


@pytest.mark.slow
def test_killed_mid_batch_loses_nothing(store_url: str, tmp_path: Path) -> None:
    store = load_sample(store_url)
    _, secret = create_key(store, "analyst", "fault test")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(store_url, port, tmp_path / "server1.log")
    try:
        rows = [{"id": str(i), "name": f"Trading Company Number {i}"} for i in range(ROWS)]
        job = _call(base, secret, "POST", "/api/v1/screen/batch/rows", {"rows": rows})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            st = _call(base, secret, "GET", f"/api/v1/screen/batch/{job['id']}")
            if st["done"] >= 100:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        stop_server(proc)
    Store.close_all()
    store = open_store(store_url)
    done_at_kill = _consistent(store, job["id"])
    assert 100 <= done_at_kill < ROWS, "the server must be killed mid-batch"
    # a restarted server resumes the job from the first row without a result
    proc = start_server(store_url, port, tmp_path / "server2.log")
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            st = _call(base, secret, "GET", f"/api/v1/screen/batch/{job['id']}")
            if st["status"] == "done":
                break
            time.sleep(0.2)
        assert st["status"] == "done" and st["done"] == ROWS
    finally:
        stop_server(proc)
    Store.close_all()
    assert _consistent(open_store(store_url), job["id"]) == ROWS


def _screen(service: Service, name: str) -> list[str]:
    r = service.client.post("/api/v1/screen", json={"name": name}, headers=service.auth("analyst"))
    assert r.status_code == 200
    return [m["name"] for m in r.json()["matches"]]


def test_failed_list_update_keeps_the_previous_snapshot(service: Service, tmp_path: Path) -> None:
    before = service.store.current()
    assert _screen(service, "Mahan Air") == ["Mahan Air"]
    # a write that fails mid-way: the second of two entries with one id breaks the insert
    broken = [e for e in sample_entities() if e.name != "Mahan Air"]
    twin = sample_entities()[0]
    twin.name = "A different name with the same id"
    with pytest.raises(TradecheckError, match="previous snapshot kept"):
        service.store.write_snapshot(
            "us-csl", [*broken, twin], data_date="2026-03-01", file_hash="x", format="test"
        )
    # a malformed file: refused before anything is written
    bad = tmp_path / "csl.csv"
    bad.write_bytes(b"\xff\xfe not a list at all \x00\x01")
    from tradecheck.lists.bundle import update_dataset

    with pytest.raises(TradecheckError):
        update_dataset(service.store, "us-csl", str(bad), "csl-csv")
    assert service.store.current() == before
    assert _screen(service, "Mahan Air") == ["Mahan Air"]
    status = service.client.get("/api/v1/lists", headers=service.auth("viewer")).json()
    csl = next(d for d in status["datasets"] if d["dataset"] == "us-csl")
    assert csl["snapshot"]["id"] == before[0].id
