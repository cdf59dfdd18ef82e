"""Schemathesis: generated requests for every operation never get a 5xx or a stray error shape."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Service

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis

#: Examples per operation: bounded so that the suite stays quick on two cores.
EXAMPLES = 12


def _check(response: Any, method: str, path: str) -> None:
    status = response.status_code
    assert status < 500, f"{method} {path} -> {status}: {response.text[:300]}"
    if status >= 400:
        body = response.json()
        assert set(body) == {"error"}, f"{method} {path}: {body}"
        assert body["error"]["status"] == status


def _exercise(op: Any, headers: dict[str, str]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy(), auth=st.booleans())
    def run(case: Any, auth: bool) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            response = case.call(headers=headers if auth else None)
        _check(response, op.method.upper(), op.path)

    run()


def test_generated_requests(sqlite_service: Service) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", sqlite_service.client.app)
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 20
    for op in operations:
        _exercise(op, sqlite_service.auth("admin"))


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json"])
def test_open_paths(sqlite_service: Service, path: str) -> None:
    assert sqlite_service.client.get(path).status_code == 200
