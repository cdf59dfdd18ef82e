"""The API's screen and batch routes take an address and an identifier."""

from __future__ import annotations

import json
import time

from tests.api.conftest import Service
from tradecheck.audit.log import get_record


def test_screen_with_address_and_identifier(sqlite_service: Service) -> None:
    s = sqlite_service
    body = {"name": "Mahan Air", "address": "Tehran, Iran", "identifier": "IMO 1234567"}
    r = s.client.post("/api/v1/screen", json=body, headers=s.auth("analyst"))
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["query"]["address"] == "Tehran, Iran"
    assert doc["query"]["identifier"] == "IMO 1234567"
    reasons = [e["reason"] for e in doc["matches"][0]["explain"]["evidence"]]
    assert reasons == [
        "identifier given; the listing gives none",
        "address given; the listing gives none",
    ]
    rec = get_record(s.store, int(r.headers["X-Audit-Id"]))
    assert rec.input["address"] == "Tehran, Iran" and rec.input["identifier"] == "IMO 1234567"


def test_screen_refuses_a_bad_address(sqlite_service: Service) -> None:
    s = sqlite_service
    for bad in ("", "x" * 501):
        r = s.client.post(
            "/api/v1/screen", json={"name": "Mahan Air", "address": bad}, headers=s.auth("analyst")
        )
        assert r.status_code == 422
        assert "address" in r.json()["error"]["message"]


def test_batch_rows_carry_address(sqlite_service: Service) -> None:
    s = sqlite_service
    h = s.auth("analyst")
    rows = [{"id": "a", "name": "Mahan Air", "address": "Tehran"}]
    r = s.client.post("/api/v1/screen/batch/rows", json={"rows": rows}, headers=h)
    assert r.status_code == 202, r.text
    job = r.json()["id"]
    for _ in range(200):
        if s.client.get(f"/api/v1/screen/batch/{job}", headers=h).json()["status"] == "done":
            break
        time.sleep(0.05)
    text = s.client.get(f"/api/v1/screen/batch/{job}/result", headers=h).text
    evidence = json.loads(text)["matches"][0]["explain"]["evidence"]
    assert evidence[-1]["reason"] == "address given; the listing gives none"


def test_batch_csv_with_a_bad_address_is_refused_naming_the_row(sqlite_service: Service) -> None:
    s = sqlite_service
    csv = "id,name,address\n1,Mahan Air,Tehran\n2,SMIC,\x07\n"
    r = s.client.post(
        "/api/v1/screen/batch",
        files={"file": ("p.csv", csv, "text/csv")},
        headers=s.auth("analyst"),
    )
    assert r.status_code == 422
    assert r.json()["error"]["message"] == "row 2: address: control character U+0007"
