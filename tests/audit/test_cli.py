"""``tradecheck keys`` and ``tradecheck audit``: secrets shown once and stored as hashes,
verify naming a tampered record, replay reporting a difference."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from tests.audit.sample import load_sample
from tradecheck.access.keys import authenticate
from tradecheck.audit.actions import run_audited
from tradecheck.audit.tables import api_keys, audit_log
from tradecheck.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_lifecycle(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = load_sample(store_url)
    code, out, _ = run(
        ["keys", "create", "--role", "analyst", "--name", "ops", "--db", store_url, "--json"],
        capsys,
    )
    assert code == 0
    made = json.loads(out)
    secret = made["secret"]
    assert authenticate(store, secret).role == "analyst"
    with store.engine.connect() as conn:
        stored = conn.execute(select(api_keys)).one()
    assert secret not in json.dumps([str(v) for v in stored])  # only its hash is kept
    code, out, _ = run(["keys", "list", "--db", store_url, "--json"], capsys)
    assert [k["id"] for k in json.loads(out)] == [made["id"]]
    assert "secret" not in out
    code, out, _ = run(["keys", "revoke", made["id"], "--db", store_url], capsys)
    assert code == 0 and "revoked" in out
    from tradecheck.access.keys import AuthError

    with pytest.raises(AuthError, match="revoked"):
        authenticate(store, secret)
    code, _, err = run(
        ["keys", "create", "--role", "boss", "--name", "x", "--db", store_url], capsys
    )
    assert code == 2 and err.strip() == "error: role 'boss' is not one of viewer, analyst, admin"


def test_verify_and_replay(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = load_sample(store_url)
    for name in ("Huawei", "Mahan Air", "Acme"):
        run_audited(store, "screen", {"name": name}, "k1")
    code, out, _ = run(["audit", "verify", "--db", store_url], capsys)
    assert code == 0 and out.startswith("OK: 3 records")
    code, out, _ = run(["audit", "replay", "2", "--db", store_url], capsys)
    assert code == 0 and "same answer" in out
    code, out, _ = run(
        ["audit", "list", "--db", store_url, "--json", "--contains", "Mahan"], capsys
    )
    assert [r["id"] for r in json.loads(out)] == [2]
    # an auditor's copy says Mahan Air had no match: verify names the record, replay disagrees
    rec = json.loads(run(["audit", "show", "2", "--db", store_url], capsys)[1])
    forged = dict(rec["output"], matches=[])
    with store.engine.begin() as conn:
        conn.execute(
            update(audit_log)
            .where(audit_log.c.seq == 2)
            .values(output=json.dumps(forged, sort_keys=True, separators=(",", ":")))
        )
    code, _, err = run(["audit", "verify", "--db", store_url], capsys)
    assert code == 1 and "record 2: edited" in err
    code, out, _ = run(["audit", "replay", "2", "--db", store_url, "--json"], capsys)
    rep = json.loads(out)
    assert code == 1 and rep["same"] is False
    assert rep["differences"][0]["path"].startswith("$.matches")
    code, _, err = run(["audit", "replay", "99", "--db", store_url], capsys)
    assert code == 2 and err.strip() == "error: no audit record 99"
