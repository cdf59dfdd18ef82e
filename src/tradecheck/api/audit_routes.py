"""Audit queries: list with filters, one record, verify the chain, replay a record."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.audit import log
from tradecheck.audit.replay import replay
from tradecheck.audit.verify import verify_chain

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=ERROR_RESPONSES)

ANALYST = Depends(require("analyst"))

#: A record id: the sequence number (bounded so that every database can compare it).
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The record's id (sequence).")]


@router.get("", summary="Audit records, newest first (tradecheck audit list)")
def list_records(
    request: Request,
    _key: ApiKey = ANALYST,
    action: str | None = Query(None, max_length=40),
    key_id: str | None = Query(None, max_length=40),
    since: str | None = Query(None, max_length=40, description="ISO date or time."),
    until: str | None = Query(None, max_length=40, description="ISO date or time."),
    contains: str | None = Query(None, max_length=200, description="Text in the input."),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10**9),
) -> dict[str, Any]:
    """Records matching every filter given."""
    recs = log.list_records(
        store_of(request),
        action=action,
        key_id=key_id,
        since=since,
        until=until,
        contains=contains,
        limit=limit,
        offset=offset,
    )
    return {"records": [r.to_dict() for r in recs]}


@router.get("/verify", summary="Verify the hash chain (tradecheck audit verify)")
def verify(request: Request, _key: ApiKey = ANALYST) -> dict[str, Any]:
    """``ok`` and every edited, deleted or reordered record."""
    return verify_chain(store_of(request)).to_dict()


@router.get("/{record_id}", summary="One audit record")
def get_record(record_id: RecordId, request: Request, _key: ApiKey = ANALYST) -> dict[str, Any]:
    """The record with its input, output, key, time and versions."""
    return log.get_record(store_of(request), record_id).to_dict()


@router.post("/{record_id}/replay", summary="Replay a record (tradecheck audit replay)")
def replay_record(record_id: RecordId, request: Request, _key: ApiKey = ANALYST) -> dict[str, Any]:
    """Re-run the determination with the versions it used; list any difference."""
    return replay(store_of(request), record_id).to_dict()
