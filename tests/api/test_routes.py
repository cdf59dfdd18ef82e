"""The JSON API answers like the CLI, records every determination and attributes it to its key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.api.conftest import Service
from tests.audit.sample import load_newer
from tradecheck.audit.log import get_record, list_records
from tradecheck.audit.tables import access_denials

ROOT = Path(__file__).resolve().parents[2]


def _example(kind: str, name: str) -> dict[str, object]:
    doc = json.loads((ROOT / "examples" / kind / name).read_text(encoding="utf-8"))
    doc.pop("expect", None)
    assert isinstance(doc, dict)
    return doc


def test_screen_is_answered_and_audited(service: Service) -> None:
    r = service.client.post(
        "/api/v1/screen",
        json={"name": "Huawei Technologies", "country": "CN"},
        headers=service.auth("analyst"),
    )
    assert r.status_code == 200
    body = r.json()
    assert body["matches"][0]["name"] == "Huawei Technologies Co., Ltd."
    assert body["matches"][0]["source"] == "EL"
    assert body["matches"][0]["explain"]
    rec = get_record(service.store, int(r.headers["X-Audit-Id"]))
    assert rec.action == "screen"
    assert rec.key_id == service.key_ids["analyst"]
    assert rec.input == {"name": "Huawei Technologies", "country": "CN", "limit": 10}
    assert rec.output["matches"][0]["entity_id"] == body["matches"][0]["entity_id"]
    assert rec.versions["snapshots"][0]["dataset"] == "us-csl"
    assert rec.versions["matcher"]


def test_check_classify_invest(service: Service) -> None:
    h = service.auth("analyst")
    r = service.client.post(
        "/api/v1/check", json={"case": _example("cases", "h100_china_2022.json")}, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "license-required"
    r = service.client.post(
        "/api/v1/classify/chip", json={"model": "H100 SXM5", "as_of": "2024-01-01"}, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["classification"] == "3A090.a"
    r = service.client.post(
        "/api/v1/invest",
        json={"deal": _example("deals", "ai_accelerator_designer_prohibited.json")},
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "prohibited"
    actions = [rec.action for rec in list_records(service.store)]
    assert actions == ["invest", "classify-chip", "check"]


def test_replay_reproduces_each_action(service: Service) -> None:
    h = service.auth("analyst")
    service.client.post("/api/v1/screen", json={"name": "SMIC"}, headers=h)
    service.client.post(
        "/api/v1/check", json={"case": _example("cases", "h100_china_2022.json")}, headers=h
    )
    for rec in list_records(service.store):
        r = service.client.post(f"/api/v1/audit/{rec.seq}/replay", headers=h)
        assert r.status_code == 200
        assert r.json()["same"] is True, r.json()


def test_replay_uses_the_recorded_snapshot(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradecheck.audit import actions

    # the server re-reads the current snapshots once a second; the test does not wait
    monkeypatch.setattr(actions, "INDEX_RECHECK_SECONDS", 0.0)
    h = service.auth("analyst")
    r = service.client.post("/api/v1/screen", json={"name": "Mahan Air"}, headers=h)
    assert r.json()["matches"][0]["name"] == "Mahan Air"
    seq = int(r.headers["X-Audit-Id"])
    load_newer(service.store)  # Mahan Air delisted
    now = service.client.post("/api/v1/screen", json={"name": "Mahan Air"}, headers=h)
    assert now.json()["matches"] == []
    rep = service.client.post(f"/api/v1/audit/{seq}/replay", headers=h).json()
    assert rep["same"] is True
    assert any("recorded list snapshots" in n for n in rep["notes"])


def test_audit_queries(service: Service) -> None:
    h = service.auth("analyst")
    for name in ("Huawei", "Rosoboronexport"):
        service.client.post("/api/v1/screen", json={"name": name}, headers=h)
    recs = service.client.get("/api/v1/audit", params={"contains": "Rosobor"}, headers=h).json()
    assert [r["input"]["name"] for r in recs["records"]] == ["Rosoboronexport"]
    recs = service.client.get("/api/v1/audit", params={"action": "check"}, headers=h).json()
    assert recs["records"] == []
    ver = service.client.get("/api/v1/audit/verify", headers=h).json()
    assert ver["ok"] is True and ver["checked"] == 2
    one = service.client.get("/api/v1/audit/1", headers=h).json()
    assert one["input"]["name"] == "Huawei" and one["key_id"] == service.key_ids["analyst"]


def test_auth_failures_are_refused_and_logged(service: Service) -> None:
    c = service.client
    assert c.post("/api/v1/screen", json={"name": "x"}).status_code == 401
    bad = {"Authorization": "Bearer tc_kdeadbeef00_nope"}
    assert c.post("/api/v1/screen", json={"name": "x"}, headers=bad).status_code == 401
    r = c.post("/api/v1/screen", json={"name": "x"}, headers=service.auth("viewer"))
    assert r.status_code == 403
    assert c.get("/api/v1/keys", headers=service.auth("analyst")).status_code == 403
    r = c.post("/api/v1/lists/us-csl/update", headers=service.auth("analyst"))
    assert r.status_code == 403  # list updates need admin
    assert c.get("/api/v1/lists", headers=service.auth("viewer")).status_code == 200
    with service.store.engine.connect() as conn:
        rows = list(conn.execute(select(access_denials).order_by(access_denials.c.id)))
    assert [r.status for r in rows] == [401, 401, 403, 403, 403]
    assert rows[2].key_id == service.key_ids["viewer"] and rows[2].path == "/api/v1/screen"
    # nothing refused reaches the audit log
    assert list_records(service.store) == []


def test_keys_api_and_revocation(service: Service) -> None:
    c, admin = service.client, service.auth("admin")
    r = c.post("/api/v1/keys", json={"name": "ci", "role": "analyst"}, headers=admin)
    assert r.status_code == 201
    new = r.json()
    hdr = {"X-API-Key": new["secret"]}
    assert c.post("/api/v1/screen", json={"name": "SMIC"}, headers=hdr).status_code == 200
    assert c.delete(f"/api/v1/keys/{new['id']}", headers=admin).json()["revoked_at"]
    r = c.post("/api/v1/screen", json={"name": "SMIC"}, headers=hdr)
    assert r.status_code == 401 and "revoked" in r.json()["error"]["message"]
    listed = c.get("/api/v1/keys", headers=admin).json()
    assert all("secret" not in k and "secret_hash" not in k for k in listed)
    assert [r.action for r in list_records(service.store, key_id=service.key_ids["admin"])] == [
        "keys.revoke",
        "keys.create",
    ]


def test_lists_and_rules(service: Service) -> None:
    c, h = service.client, service.auth("viewer")
    status = c.get("/api/v1/lists", headers=h).json()
    csl = next(d for d in status["datasets"] if d["dataset"] == "us-csl")
    assert csl["snapshot"]["entry_count"] == 5
    r = c.get("/api/v1/lists/us-csl/diff", headers=h)
    assert r.status_code == 422 and "only one snapshot" in r.json()["error"]["message"]
    load_newer(service.store)
    d = c.get("/api/v1/lists/us-csl/diff", headers=h).json()
    assert [e["name"] for e in d["added"]] == ["Beijing Sophgo Technologies Co., Ltd."]
    assert [e["name"] for e in d["removed"]] == ["Mahan Air"]
    r = c.get("/api/v1/rules/diff", params={"from": "2023-01-01", "to": "2024-01-01"}, headers=h)
    assert r.status_code == 200 and any(ch["date"] == "2023-11-17" for ch in r.json())


def test_health_and_readiness(service: Service) -> None:
    assert service.client.get("/healthz").json() == {"status": "ok"}
    ready = service.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["schema_version"] == 2


def test_readiness_without_lists(tmp_path: Path) -> None:
    from tests.api.conftest import TestClient
    from tradecheck.api import create_app

    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.sqlite'}")) as client:
        r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["error"]["message"] == "no list snapshots loaded"


def test_denials_count_is_exact(sqlite_service: Service) -> None:
    for _ in range(3):
        sqlite_service.client.get("/api/v1/audit")
    with sqlite_service.store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(access_denials)).scalar()
    assert n == 3
