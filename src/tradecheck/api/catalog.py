"""Read-only routes: list snapshots and what changed, rule changes between dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.errors import InputError
from tradecheck.store import Store

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

VIEWER = Depends(require("viewer"))


def lists_status(store: Store) -> dict[str, Any]:
    """The ``tradecheck lists status --json`` shape."""
    from tradecheck.lists.datasets import DATASETS

    current = {i.dataset: i for i in store.current()}
    return {
        "database": store.safe_url,
        "schema_version": store.schema_version(),
        "datasets": [
            {
                "dataset": d.id,
                "title": d.title,
                "snapshot": current[d.id].to_dict() if d.id in current else None,
            }
            for d in DATASETS.values()
        ],
    }


def lists_diff(store: Store, dataset: str, old: int | None, new: int | None) -> dict[str, Any]:
    """The ``tradecheck lists diff DATASET [OLD NEW] --json`` shape (same defaults)."""
    from tradecheck.lists.datasets import get_dataset
    from tradecheck.lists.diff import diff_entities

    get_dataset(dataset)
    snaps = store.snapshots(dataset)
    if not snaps:
        raise InputError(f"no snapshots of {dataset}; run `tradecheck lists update {dataset}`")
    by_id = {s.id: s for s in snaps}
    if new is None:
        new = next((s for s in snaps if s.is_current), snaps[-1]).id
    if old is None:
        others = [s.id for s in snaps if s.id != new]
        if not others:
            raise InputError(f"only one snapshot of {dataset} (id {new}); nothing to compare")
        old = others[-1]
    for sid in (old, new):
        if sid not in by_id:
            raise InputError(
                f"snapshot {sid} is not a snapshot of {dataset}; "
                f"known: {', '.join(str(s.id) for s in snaps)}"
            )
    d = diff_entities(store.entities(old), store.entities(new))
    return {
        "dataset": dataset,
        "old": by_id[old].to_dict(),
        "new": by_id[new].to_dict(),
        **d.to_dict(),
    }


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
