"""The service application: JSON API under ``/api/v1``, web pages, health checks."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tradecheck.api import admin, audit_routes, batch, catalog, determinations, health
from tradecheck.api.errors import install_error_handlers
from tradecheck.api.jobs import JobRunner
from tradecheck.api.limits import BodyLimit
from tradecheck.settings import database_url
from tradecheck.store import open_store

API_VERSION = "1"
DESCRIPTION = (
    "Export-control, sanctions and outbound-investment checks for critical technology. "
    "**Decision support, not legal advice.** Authenticate with an API key "
    "(`Authorization: Bearer <key>`); every determination is recorded in a hash-chained "
    'audit log. Errors share one shape: `{"error": {"status", "code", "message", '
    '"details"}}`.'
)


def create_app(db: str | None = None, *, jobs: bool = True) -> FastAPI:
    """Build the app over the store at ``db`` (default: the configured store).

    The engine's own party screening opens the default store, so the chosen URL is
    also made the process's ``TRADECHECK_DATABASE_URL``: every answer comes from one store.

    Args:
        db: database URL or SQLite file.
        jobs: run the batch worker (off in tests that only read the schema).
    """
    url = database_url(db)
    os.environ["TRADECHECK_DATABASE_URL"] = url
    store = open_store(url)
    runner = JobRunner(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if jobs:
            runner.start()
        yield

    app = FastAPI(
        title="tradecheck",
        version=API_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.jobs = runner
    install_error_handlers(app)
    app.add_middleware(BodyLimit)
    for module in (health, determinations, batch, catalog, audit_routes, admin):
        app.include_router(module.router)
    from tradecheck.web import pages

    pages.install(app)
    return app
