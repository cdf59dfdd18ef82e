"""Admin routes: API keys and list updates (role admin), each recorded in the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from tradecheck.access.keys import ApiKey, create_key, list_keys, revoke_key
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.api.models import KeyRequest
from tradecheck.audit import log
from tradecheck.audit.actions import forget_indexes

router = APIRouter(prefix="/api/v1", tags=["admin"], responses=ERROR_RESPONSES)

ADMIN = Depends(require("admin"))


@router.get("/keys", summary="API keys (tradecheck keys list)")
def keys(request: Request, _key: ApiKey = ADMIN) -> list[dict[str, Any]]:
    """Every key, revoked ones included; never a secret."""
    return [k.to_dict() for k in list_keys(store_of(request))]


@router.post("/keys", status_code=201, summary="Create a key (tradecheck keys create)")
def create(body: KeyRequest, request: Request, key: ApiKey = ADMIN) -> dict[str, Any]:
    """The new key and its secret, shown this once."""
    store = store_of(request)
    new, secret = create_key(store, body.role, body.name)
    log.append(
        store, "keys.create", {"name": new.name, "role": new.role}, new.to_dict(), {}, key.id
    )
    return {**new.to_dict(), "secret": secret}


@router.delete("/keys/{key_id}", summary="Revoke a key (tradecheck keys revoke)")
def revoke(key_id: str, request: Request, key: ApiKey = ADMIN) -> dict[str, Any]:
    """The key, now revoked."""
    store = store_of(request)
    revoked = revoke_key(store, key_id)
    log.append(store, "keys.revoke", {"id": key_id}, revoked.to_dict(), {}, key.id)
    return revoked.to_dict()


@router.post("/lists/{dataset}/update", summary="Reload a dataset from the bundle")
def update_list(dataset: str, request: Request, key: ApiKey = ADMIN) -> dict[str, Any]:
    """Load the bundled snapshot of a dataset (``tradecheck lists update DATASET``).

    A load that fails leaves the previous snapshot current: the service keeps answering
    from it.
    """
    from tradecheck.lists.bundle import update_dataset

    store = store_of(request)
    report = update_dataset(store, dataset)
    forget_indexes()  # answer from the new snapshot at once
    out = report.to_dict()
    log.append(store, "lists.update", {"dataset": dataset}, out, {}, key.id)
    return out
