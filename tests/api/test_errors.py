"""Every error has one JSON shape and the right status code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.api.conftest import Service

Call = Callable[[Service], Any]

CASES: list[tuple[str, int, str, Call]] = [
    (
        "missing key",
        401,
        "auth_error",
        lambda s: s.client.post("/api/v1/screen", json={"name": "x"}),
    ),
    (
        "role too low",
        403,
        "forbidden_error",
        lambda s: s.client.post("/api/v1/screen", json={"name": "x"}, headers=s.auth("viewer")),
    ),
    (
        "schema violation",
        422,
        "validation_error",
        lambda s: s.client.post(
            "/api/v1/screen", json={"name": "x", "limit": 0}, headers=s.auth("analyst")
        ),
    ),
    (
        "unknown field",
        422,
        "validation_error",
        lambda s: s.client.post(
            "/api/v1/screen", json={"name": "x", "colour": "red"}, headers=s.auth("analyst")
        ),
    ),
    (
        "not JSON",
        422,
        "validation_error",
        lambda s: s.client.post(
            "/api/v1/screen",
            content=b"{not json",
            headers={**s.auth("analyst"), "Content-Type": "application/json"},
        ),
    ),
    (
        "bad input for the service",
        422,
        "input_error",
        lambda s: s.client.post(
            "/api/v1/screen", json={"name": "a\x07b"}, headers=s.auth("analyst")
        ),
    ),
    (
        "bad case",
        422,
        "input_error",
        lambda s: s.client.post(
            "/api/v1/check", json={"case": {"destination": 5}}, headers=s.auth("analyst")
        ),
    ),
    (
        "unknown route",
        404,
        "not_found",
        lambda s: s.client.get("/api/v1/nothing-here"),
    ),
    (
        "unknown audit record",
        404,
        "record_not_found",
        lambda s: s.client.get("/api/v1/audit/999", headers=s.auth("analyst")),
    ),
    (
        "unknown batch job",
        404,
        "job_not_found",
        lambda s: s.client.get("/api/v1/screen/batch/nope", headers=s.auth("analyst")),
    ),
    (
        "wrong method",
        405,
        "method_not_allowed",
        lambda s: s.client.put("/api/v1/screen", json={}),
    ),
    (
        "body too large",
        413,
        "payload_too_large",
        lambda s: s.client.post(
            "/api/v1/screen",
            content=b'{"name": "' + b"x" * 1_100_000 + b'"}',
            headers={**s.auth("analyst"), "Content-Type": "application/json"},
        ),
    ),
    (
        "unknown dataset",
        422,
        "input_error",
        lambda s: s.client.get("/api/v1/lists/nope/diff", headers=s.auth("viewer")),
    ),
    (
        "dates the wrong way round",
        422,
        "input_error",
        lambda s: s.client.get(
            "/api/v1/rules/diff",
            params={"from": "2024-01-01", "to": "2023-01-01"},
            headers=s.auth("viewer"),
        ),
    ),
]


@pytest.mark.parametrize(("what", "status", "code", "call"), CASES, ids=[c[0] for c in CASES])
def test_error_shape(
    sqlite_service: Service, what: str, status: int, code: str, call: Call
) -> None:
    r = call(sqlite_service)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and err["message"] and "\n" not in err["message"]
    assert "Traceback" not in r.text


def test_validation_details_name_the_field(sqlite_service: Service) -> None:
    r = sqlite_service.client.post(
        "/api/v1/screen",
        json={"name": "x", "limit": 0, "country": "CHN"},
        headers=sqlite_service.auth("analyst"),
    )
    fields = {d["field"] for d in r.json()["error"]["details"]}
    assert fields == {"limit", "country"}
    assert r.json()["error"]["message"].endswith("(and 1 more)")


def test_unexpected_errors_keep_the_shape(
    sqlite_service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.api.conftest import TestClient
    from tradecheck.audit import actions

    def boom(*_a: object) -> object:
        raise RuntimeError("bug")

    monkeypatch.setitem(actions.ACTIONS, "screen", boom)
    client = TestClient(sqlite_service.client.app, raise_server_exceptions=False)
    r = client.post("/api/v1/screen", json={"name": "x"}, headers=sqlite_service.auth("analyst"))
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal_error"
    assert "bug" not in r.text


def test_chunked_body_over_the_limit_is_refused(sqlite_service: Service) -> None:
    """No Content-Length to check up front: the limit holds while the body streams in."""

    def body() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(40):
            yield b"x" * 50_000
        yield b'"}'

    r = sqlite_service.client.post(
        "/api/v1/screen",
        content=body(),
        headers={**sqlite_service.auth("analyst"), "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
