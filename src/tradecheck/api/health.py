"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from tradecheck.api.auth import store_of
from tradecheck.api.errors import error_response

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, Any]:
    """Always ``{"status": "ok"}`` while the process serves requests."""
    return {"status": "ok"}


@router.get("/readyz", summary="The service can answer", response_model=None)
def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    """Ready when the store opens at the latest schema, lists are loaded and rule packs load."""
    from tradecheck.errors import TradecheckError
    from tradecheck.rules.pack import load_packs
    from tradecheck.store.schema import MIGRATIONS

    store = store_of(request)
    try:
        version = store.schema_version()
        snapshots = len(store.current())
        packs = len(load_packs())
    except TradecheckError as exc:
        return error_response(503, "unavailable", exc.one_line())
    except Exception as exc:  # a database that went away mid-request
        return error_response(503, "unavailable", f"store unavailable: {exc.__class__.__name__}")
    latest = max(v for v, _, _ in MIGRATIONS)
    if version < latest:
        return error_response(503, "unavailable", f"schema version {version} < {latest}")
    if snapshots == 0:
        return error_response(503, "unavailable", "no list snapshots loaded")
    return {
        "status": "ready",
        "schema_version": version,
        "snapshots": snapshots,
        "rule_packs": packs,
    }
