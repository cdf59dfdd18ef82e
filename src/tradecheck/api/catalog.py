"""Read-only routes: list snapshots and what changed, rule changes between dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.lists.service import lists_diff, lists_status

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

VIEWER = Depends(require("viewer"))


@router.get("/lists", tags=["lists"], summary="List snapshots (tradecheck lists status)")
def status(request: Request, _key: ApiKey = VIEWER) -> dict[str, Any]:
    """Each dataset's current snapshot: data date, entries, aliases, hash, when loaded."""
    return lists_status(store_of(request))


@router.get("/lists/{dataset}/snapshots", tags=["lists"], summary="Every stored snapshot")
def snapshots(dataset: str, request: Request, _key: ApiKey = VIEWER) -> list[dict[str, Any]]:
    """Every stored snapshot of a dataset, oldest first."""
    from tradecheck.lists.datasets import get_dataset

    get_dataset(dataset)
    return [s.to_dict() for s in store_of(request).snapshots(dataset)]


@router.get("/lists/{dataset}/diff", tags=["lists"], summary="What changed (tradecheck lists diff)")
def diff(
    dataset: str,
    request: Request,
    _key: ApiKey = VIEWER,
    old: int | None = Query(
        None, ge=1, le=2**31 - 1, description="Old snapshot id (default: the previous one)."
    ),
    new: int | None = Query(
        None, ge=1, le=2**31 - 1, description="New snapshot id (default: current)."
    ),
) -> dict[str, Any]:
    """Entries added, removed and changed between two snapshots of a dataset."""
    return lists_diff(store_of(request), dataset, old, new)


@router.get("/rules/diff", tags=["rules"], summary="Rule changes (tradecheck rules diff)")
def rules_diff(
    _key: ApiKey = VIEWER,
    from_: date = Query(alias="from", description="Start date (exclusive)."),
    to: date = Query(description="End date (inclusive)."),
    regime: str | None = Query(None, max_length=64),
) -> list[dict[str, Any]]:
    """What changed between two dates: in force, ended, suspended, revived, not enforced."""
    from tradecheck.rules import diff_rules

    return [c.to_dict() for c in diff_rules(from_, to, regime)]
