"""Batch screening as an asynchronous job: submit, follow progress, download the result."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.responses import StreamingResponse

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.api.jobs import JobRunner, job_results, job_status, submit_job
from tradecheck.api.models import BatchRequest
from tradecheck.errors import InputError, TradecheckError

router = APIRouter(prefix="/api/v1/screen/batch", tags=["screening"], responses=ERROR_RESPONSES)

ANALYST = Depends(require("analyst"))


class JobIncomplete(TradecheckError):
    """The job has not finished; ask with ``partial=true`` for the rows done so far."""

    exit_code = 2
    http_status = 409


def rows_from_csv(data: bytes, filename: str) -> list[dict[str, Any]]:
    """Read an uploaded CSV with the CLI's reader (``read_screen_rows``)."""
    from tradecheck.screening import read_screen_rows

    with tempfile.TemporaryDirectory(prefix="tradecheck-upload-") as tmp:
        path = Path(tmp) / (Path(filename or "upload.csv").name or "upload.csv")
        path.write_bytes(data)
        try:
            return read_screen_rows(path)
        except TradecheckError as exc:
            # name the upload, not the temporary path
            raise InputError(exc.one_line().replace(str(path), filename or "upload")) from None


def start_job(
    request: Request, rows: list[dict[str, Any]], options: dict[str, Any], key: ApiKey
) -> dict[str, Any]:
    """Store a job and queue it; return its status."""
    from tradecheck.match.checks import check_address, check_identifier
    from tradecheck.screening import check_query_name

    for i, row in enumerate(rows, start=1):
        where = f"row {i}"
        check_query_name(row.get("name"), where=where)
        try:
            check_address(row.get("address"))
            check_identifier(row.get("identifier"))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    store = store_of(request)
    job_id = submit_job(store, rows, options, key.id)
    runner: JobRunner = request.app.state.jobs
    runner.enqueue(job_id)
    return job_status(store, job_id).to_dict()


@router.post("", status_code=202, summary="Start a batch screening job (CSV upload)")
async def submit_csv(
    request: Request,
    file: UploadFile,
    key: ApiKey = ANALYST,
    min_score: float | None = Query(None, ge=0.0, le=1.0),
    limit: int = Query(10, ge=1, le=100),
) -> dict[str, Any]:
    """Upload a CSV with a header ``id,name[,country,type,address,identifier]`` (as
    ``tradecheck screen-batch``)."""
    data = await file.read()
    rows = rows_from_csv(data, file.filename or "upload.csv")
    options = {"min_score": min_score, "limit": limit}
    return start_job(request, rows, {k: v for k, v in options.items() if v is not None}, key)


@router.post("/rows", status_code=202, summary="Start a batch screening job (JSON rows)")
def submit_rows(body: BatchRequest, request: Request, key: ApiKey = ANALYST) -> dict[str, Any]:
    """The same job with rows given as JSON objects ``{"id", "name", "country"?, "type"?,
    "address"?, "identifier"?}``."""
    options = body.model_dump(exclude={"rows"}, exclude_none=True)
    return start_job(request, body.rows, options, key)


@router.get("/{job_id}", summary="A batch job's progress")
def status(job_id: str, request: Request, _key: ApiKey = ANALYST) -> dict[str, Any]:
    """Status (queued, running, done, failed), rows done and total."""
    return job_status(store_of(request), job_id).to_dict()


@router.get(
    "/{job_id}/result",
    summary="Download a batch job's result (JSON lines)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def result(
    job_id: str, request: Request, _key: ApiKey = ANALYST, partial: bool = False
) -> StreamingResponse:
    """One JSON object per row, ``{"id", "matches"}``, in input order (``screen-batch --out``)."""
    store = store_of(request)
    st = job_status(store, job_id)
    if st.status != "done" and not partial:
        raise JobIncomplete(
            f"batch job {job_id} is {st.status} ({st.done}/{st.total} rows); "
            "add partial=true for the rows done so far"
        )
    return StreamingResponse(
        job_results(store, job_id),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="screen-{job_id[:8]}.jsonl"'},
    )
