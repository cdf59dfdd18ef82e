"""The command line: a thin layer over the library's service functions.

Library errors (:class:`tradecheck.errors.TradecheckError`) become one line on
stderr and a non-zero exit; nothing a user types produces a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tradecheck.cli import (
    audit_cmd,
    demo_cmd,
    invest_cmd,
    keys_cmd,
    lists_cmd,
    rules_cmd,
    screen_cmd,
    serve_cmd,
)
from tradecheck.errors import TradecheckError
from tradecheck.settings import set_override

app = typer.Typer(
    name="tradecheck",
    help="Export-control, sanctions and outbound-investment checks for critical technology. "
    "Decision support, not legal advice.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite file for every command (env TRADECHECK_DATABASE_URL).",
        ),
    ] = None,
) -> None:
    """Export-control, sanctions and investment checks. Decision support, not legal advice."""
    if db:
        set_override("database_url", db)


for _module in (
    screen_cmd,
    rules_cmd,
    invest_cmd,
    lists_cmd,
    demo_cmd,
    serve_cmd,
    audit_cmd,
    keys_cmd,
):
    _module.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (usage errors exit through ``SystemExit``)."""
    try:
        app(args=argv, prog_name="tradecheck")
    except TradecheckError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
