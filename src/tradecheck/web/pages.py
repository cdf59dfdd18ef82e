"""The pages: screen, check, classify, invest, batch upload, lists, audit log, sign-in."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tradecheck.access.keys import ApiKey, AuthError, ForbiddenError, authenticate
from tradecheck.api.auth import COOKIE, check_key, store_of
from tradecheck.errors import TradecheckError

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)

#: The example case and deal the forms start from.
EXAMPLE_CASE = {
    "date": "2025-03-01",
    "origin": "US",
    "destination": "CN",
    "parties": [{"role": "end-user", "name": "Example AI Lab", "country": "CN"}],
    "items": [{"chip": {"model": "H100"}}],
}
EXAMPLE_DEAL_FILE = "ai_accelerator_designer_prohibited.json"

Handler = Callable[[Request, ApiKey], Awaitable[Response]]


def _render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    key = getattr(request.state, "key", None)
    return templates.TemplateResponse(request, name, {"key": key, **ctx}, status_code=status)


async def _guard(request: Request, role: str, handler: Handler) -> Response:
    """Sign-in for pages: redirect to the sign-in page instead of a JSON 401."""
    try:
        key = check_key(request, role)
    except AuthError:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    except ForbiddenError as exc:
        return _render(request, "error.html", 403, message=exc.one_line())
    return await handler(request, key)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _blank(v: str | None) -> str | None:
    return v.strip() if v and v.strip() else None


@router.get("/login")
async def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", next=next)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    secret = form.get("key", "").strip()
    target = form.get("next") or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    try:
        authenticate(store_of(request), secret)
    except AuthError as exc:
        return _render(request, "login.html", 401, next=target, error=exc.one_line())
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(COOKIE, secret, httponly=True, samesite="strict", max_age=12 * 3600)
    return resp


@router.post("/logout")
async def logout() -> Response:
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp


@router.get("/")
async def index(request: Request) -> Response:
    async def page(req: Request, _key: ApiKey) -> Response:
        return _render(req, "index.html")

    return await _guard(request, "viewer", page)


def install(app: FastAPI) -> None:
    """Mount the pages and the static files on ``app``."""
    from tradecheck.web import forms, records

    app.include_router(router)
    app.include_router(forms.router)
    app.include_router(records.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


def pretty(value: Any) -> str:
    """JSON for a <pre> block."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


templates.env.filters["pretty"] = pretty
templates.env.globals["DISCLAIMER"] = (
    "Answers are decision support, not legal advice: a qualified person must review them."
)


def run_action(
    request: Request, key: ApiKey, action: str, params: dict[str, Any]
) -> tuple[dict[str, Any] | None, int | None, str | None]:
    """Run an audited action for a page: (output, audit id, error message)."""
    from tradecheck.audit.actions import run_audited

    try:
        out, seq = run_audited(store_of(request), action, params, key.id)
    except TradecheckError as exc:
        return None, None, exc.one_line()
    return out, seq, None
