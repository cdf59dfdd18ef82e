"""Pages that ask a question: screen, check, classify, invest, batch upload."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from tradecheck.access.keys import ApiKey
from tradecheck.web.pages import (
    EXAMPLE_CASE,
    EXAMPLE_DEAL_FILE,
    _blank,
    _form,
    _guard,
    _render,
    pretty,
    run_action,
)

router = APIRouter(include_in_schema=False)


def _example_deal() -> str:
    root = Path(__file__).resolve().parents[3] / "examples" / "deals" / EXAMPLE_DEAL_FILE
    try:
        doc = json.loads(root.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # an installed package has no examples folder
        return "{}"
    return pretty({k: v for k, v in doc.items() if k != "expect"})


@router.get("/screen")
async def screen_page(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(req, "screen.html", form={})

    return await _guard(request, "analyst", page)


@router.post("/screen")
async def screen(request: Request) -> Response:
    async def page(req: Request, key: ApiKey) -> Response:
        form = await _form(req)
        params: dict[str, Any] = {"name": form.get("name", "")}
        for k in ("country", "type", "address", "identifier"):
            if _blank(form.get(k)):
                params[k] = _blank(form.get(k))
        if _blank(form.get("sources")):
            params["sources"] = [s.strip() for s in form["sources"].split(",") if s.strip()]
        out, seq, error = run_action(req, key, "screen", params)
        return _render(
            req,
            "screen.html",
            422 if error else 200,
            form=form,
            result=out,
            audit_id=seq,
            error=error,
        )

    return await _guard(request, "analyst", page)


def _json_field(text: str, what: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        return None, f"{what}: not valid JSON ({exc})"
    if not isinstance(doc, dict):
        return None, f"{what}: must be a JSON object"
    return doc, None


async def _determination(request: Request, key: ApiKey, action: str, field: str) -> Response:
    form = await _form(request)
    doc, error = _json_field(form.get(field, ""), field)
    out = seq = None
    if doc is not None:
        params: dict[str, Any] = {field: doc}
        if _blank(form.get("as_of")):
            params["as_of"] = _blank(form.get("as_of"))
        out, seq, error = run_action(request, key, action, params)
    return _render(
        request,
        "determination.html",
        422 if error else 200,
        action=action,
        field=field,
        text=form.get(field, ""),
        as_of=form.get("as_of", ""),
        result=out,
        audit_id=seq,
        error=error,
    )


@router.get("/check")
async def check_page(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(
            req, "determination.html", action="check", field="case", text=pretty(EXAMPLE_CASE)
        )

    return await _guard(request, "analyst", page)


@router.post("/check")
async def check(request: Request) -> Response:
    async def page(req: Request, key: ApiKey) -> Response:
        return await _determination(req, key, "check", "case")

    return await _guard(request, "analyst", page)


@router.get("/invest")
async def invest_page(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(
            req, "determination.html", action="invest", field="deal", text=_example_deal()
        )

    return await _guard(request, "analyst", page)


@router.post("/invest")
async def invest(request: Request) -> Response:
    async def page(req: Request, key: ApiKey) -> Response:
        return await _determination(req, key, "invest", "deal")

    return await _guard(request, "analyst", page)


@router.get("/classify")
async def classify_page(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(req, "classify.html", form={})

    return await _guard(request, "analyst", page)


@router.post("/classify")
async def classify(request: Request) -> Response:
    async def page(req: Request, key: ApiKey) -> Response:
        form = await _form(req)
        params: dict[str, Any] = {}
        error = None
        if _blank(form.get("model")):
            params["model"] = _blank(form.get("model"))
        for k in ("tpp", "die_area_mm2", "io_gbps"):
            v = _blank(form.get(k))
            if v is not None:
                try:
                    params[k] = float(v)
                except ValueError:
                    error = f"{k}: {v!r} is not a number"
        if form.get("datacenter") in ("yes", "no"):
            params["datacenter"] = form["datacenter"] == "yes"
        if _blank(form.get("as_of")):
            params["as_of"] = _blank(form.get("as_of"))
        out = seq = None
        if error is None:
            out, seq, error = run_action(req, key, "classify-chip", params)
        return _render(
            req,
            "classify.html",
            422 if error else 200,
            form=form,
            result=out,
            audit_id=seq,
            error=error,
        )

    return await _guard(request, "analyst", page)


@router.get("/batch")
async def batch_page(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(req, "batch.html")

    return await _guard(request, "analyst", page)


@router.post("/batch")
async def batch(request: Request) -> Response:
    async def page(req: Request, key: ApiKey) -> Response:
        from tradecheck.api.batch import rows_from_csv, start_job
        from tradecheck.errors import TradecheckError

        form = await req.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return _render(req, "batch.html", 422, error="choose a CSV file to upload")
        try:
            rows = rows_from_csv(await upload.read(), upload.filename)
            job = start_job(req, rows, {}, key)
        except TradecheckError as exc:
            return _render(req, "batch.html", 422, error=exc.one_line())
        return RedirectResponse(f"/batch/{job['id']}", status_code=303)

    return await _guard(request, "analyst", page)


@router.get("/batch/{job_id}")
async def batch_job(request: Request, job_id: str) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        from tradecheck.api.auth import store_of
        from tradecheck.api.jobs import job_status
        from tradecheck.errors import TradecheckError

        try:
            job = job_status(store_of(req), job_id).to_dict()
        except TradecheckError as exc:
            return _render(req, "error.html", 404, message=exc.one_line())
        return _render(req, "batch_job.html", job=job)

    return await _guard(request, "analyst", page)
