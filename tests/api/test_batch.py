"""Batch screening jobs: progress, results in input order, one audit record a row."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from tests.api.conftest import Service
from tradecheck.audit.log import get_record, list_records
from tradecheck.audit.tables import batch_rows
from tradecheck.audit.verify import verify_chain
from tradecheck.screening import screen_batch

CSV = (
    "id,name,country\n"
    "1,Huawei Technologies Co Ltd,CN\n"
    "2,Acme Widgets Inc,US\n"
    "3,Semiconductor Manufacturing International Corp,CN\n"
    "4,Rosoboronexport,RU\n"
)


def _wait(service: Service, job_id: str) -> dict[str, object]:
    for _ in range(200):
        st = service.client.get(
            f"/api/v1/screen/batch/{job_id}", headers=service.auth("analyst")
        ).json()
        if st["status"] in ("done", "failed"):
            return dict(st)
        time.sleep(0.05)
    raise AssertionError("batch job did not finish")


def test_csv_batch_job(service: Service) -> None:
    h = service.auth("analyst")
    r = service.client.post(
        "/api/v1/screen/batch", files={"file": ("parties.csv", CSV, "text/csv")}, headers=h
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["total"] == 4 and job["status"] in ("queued", "running", "done")
    st = _wait(service, job["id"])
    assert st["status"] == "done" and st["done"] == 4 and st["progress"] == 1.0
    res = service.client.get(f"/api/v1/screen/batch/{job['id']}/result", headers=h)
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in res.text.splitlines()]
    assert [x["id"] for x in lines] == ["1", "2", "3", "4"]
    rows = [
        {"id": "1", "name": "Huawei Technologies Co Ltd", "country": "CN"},
        {"id": "2", "name": "Acme Widgets Inc", "country": "US"},
        {"id": "3", "name": "Semiconductor Manufacturing International Corp", "country": "CN"},
        {"id": "4", "name": "Rosoboronexport", "country": "RU"},
    ]
    expected = list(screen_batch(rows, 1, store=service.store))
    assert lines == json.loads(json.dumps(expected))
    assert lines[0]["matches"][0]["source"] == "EL" and lines[1]["matches"] == []
    # one audit record a row, linked from the row, attributed to the key
    recs = list_records(service.store, action="screen-row")
    assert len(recs) == 4 and {r.key_id for r in recs} == {service.key_ids["analyst"]}
    with service.store.engine.connect() as conn:
        links = list(conn.execute(select(batch_rows.c.row_no, batch_rows.c.audit_seq)))
    for row_no, seq in links:
        assert get_record(service.store, seq).input["batch"]["row"] == row_no
    assert verify_chain(service.store).ok
    rep = service.client.post(f"/api/v1/audit/{recs[0].seq}/replay", headers=h).json()
    assert rep["same"] is True


def test_json_rows_batch_and_partial_download(sqlite_service: Service) -> None:
    s = sqlite_service
    h = s.auth("analyst")
    r = s.client.post(
        "/api/v1/screen/batch/rows",
        json={"rows": [{"id": "a", "name": "SMIC"}], "limit": 3},
        headers=h,
    )
    assert r.status_code == 202
    job_id = r.json()["id"]
    assert _wait(s, job_id)["status"] == "done"
    text = s.client.get(f"/api/v1/screen/batch/{job_id}/result", headers=h).text
    assert json.loads(text)["id"] == "a"


def test_bad_csv_is_refused_before_any_work(sqlite_service: Service) -> None:
    s = sqlite_service
    r = s.client.post(
        "/api/v1/screen/batch",
        files={"file": ("bad.csv", "name,country\nHuawei,CN\n", "text/csv")},
        headers=s.auth("analyst"),
    )
    assert r.status_code == 422
    assert "bad.csv" in r.json()["error"]["message"] and "'id'" in r.json()["error"]["message"]
    r = s.client.post(
        "/api/v1/screen/batch",
        files={"file": ("empty-name.csv", "id,name\n1,\n", "text/csv")},
        headers=s.auth("analyst"),
    )
    assert r.status_code == 422 and "row 1" in r.json()["error"]["message"]
    assert list_records(s.store) == []


def test_result_of_unfinished_job_is_409(sqlite_service: Service) -> None:
    from tradecheck.api.jobs import submit_job

    s = sqlite_service
    job_id = submit_job(s.store, [{"id": "1", "name": "x"}], {}, None)  # never queued
    r = s.client.get(f"/api/v1/screen/batch/{job_id}/result", headers=s.auth("analyst"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "job_incomplete"
    r = s.client.get(
        f"/api/v1/screen/batch/{job_id}/result", params={"partial": True}, headers=s.auth("analyst")
    )
    assert r.status_code == 200 and r.text == ""
