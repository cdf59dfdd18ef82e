"""Pages that show what is stored: list snapshots and what changed, the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import store_of
from tradecheck.errors import TradecheckError
from tradecheck.web.pages import _blank, _guard, _render

router = APIRouter(include_in_schema=False)


@router.get("/lists")
async def lists(request: Request, dataset: str | None = None) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        from tradecheck.lists.service import lists_diff, lists_status

        store = store_of(req)
        status = lists_status(store)
        diff: dict[str, Any] | None = None
        error = None
        if dataset:
            try:
                diff = lists_diff(store, dataset, None, None)
            except TradecheckError as exc:
                error = exc.one_line()
        return _render(req, "lists.html", overview=status, dataset=dataset, diff=diff, error=error)

    return await _guard(request, "viewer", page)


@router.get("/audit")
async def audit(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        from tradecheck.audit.log import list_records

        q = req.query_params
        filters = {k: _blank(q.get(k)) for k in ("action", "key_id", "since", "until", "contains")}
        error = None
        records: list[Any] = []
        try:
            records = list_records(store_of(req), limit=100, **filters)  # type: ignore[arg-type]
        except TradecheckError as exc:
            error = exc.one_line()
        return _render(req, "audit.html", records=records, filters=filters, error=error)

    return await _guard(request, "analyst", page)


@router.get("/audit/{record_id}")
async def audit_record(request: Request, record_id: int) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        from tradecheck.audit.log import get_record

        try:
            rec = get_record(store_of(req), record_id)
        except TradecheckError as exc:
            return _render(req, "error.html", 404, message=exc.one_line())
        return _render(req, "audit_record.html", rec=rec)

    return await _guard(request, "analyst", page)
