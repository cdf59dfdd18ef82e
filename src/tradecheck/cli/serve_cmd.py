"""``tradecheck serve``: the HTTP API and web pages (FastAPI under uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[
        str, typer.Option(help="Interface to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL or SQLite file (env TRADECHECK_DATABASE_URL)."),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
) -> None:
    """Serve the JSON API (/api/v1, OpenAPI at /docs) and the web pages.

    Decision support, not legal advice.
    """
    import logging

    import uvicorn

    from tradecheck.api import create_app
    from tradecheck.settings import set_override

    if db:
        set_override("database_url", db)  # the engine's party screening reads the same store
    app = create_app(db)
    if access_log:
        # attribute every request to its key in the server log, next to uvicorn's access line
        logging.basicConfig(format="%(levelname)s:     %(name)s %(message)s")
        logging.getLogger("tradecheck.api.access").setLevel(logging.INFO)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=access_log)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)
