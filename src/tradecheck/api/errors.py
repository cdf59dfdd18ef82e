"""One JSON error shape for every error the API returns.

::

    {"error": {"status": 422, "code": "input_error", "message": "...", "details": [...]}}

``code`` is the snake-case name of the error class (``input_error``,
``data_file_error``, ``store_error``, ``auth_error``, ``forbidden_error`` …) or,
for errors the web framework raises, ``validation_error``, ``not_found``,
``method_not_allowed``, ``payload_too_large``; ``details`` lists the fields of a
validation error. The status comes from the class (``TradecheckError.http_status``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from tradecheck.errors import TradecheckError

logger = logging.getLogger("tradecheck.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "auth_error",
    403: "forbidden_error",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    """The body of an error."""

    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorResponse(BaseModel):
    """Every error response: ``{"error": {...}}``."""

    error: ErrorBody


def error_response(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JSONResponse:
    """The one error shape."""
    body = {"error": {"status": status, "code": code, "message": message, "details": details or []}}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def code_of(exc: TradecheckError) -> str:
    """``InputError`` → ``input_error``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


async def _tradecheck(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TradecheckError)
    return error_response(exc.http_status, code_of(exc), exc.one_line())


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": _loc(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()]
    first = details[0] if details else {"field": "body", "message": "invalid request"}
    message = f"{first['field']}: {first['message']}"
    if len(details) > 1:
        message += f" (and {len(details) - 1} more)"
    return error_response(422, "validation_error", message, details)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error; the server log has details")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`."""
    app.add_exception_handler(TradecheckError, _tradecheck)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


#: The error responses documented on every route.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse, "description": d}
    for s, d in (
        (401, "Missing or invalid API key"),
        (403, "The key's role may not do this"),
        (413, "Request body too large"),
        (422, "Invalid input"),
        (503, "Store unavailable"),
    )
}
