"""``tradecheck audit list|show|verify|replay``: the hash-chained audit log."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from tradecheck.cli._common import console, err_console, print_json

audit_app = typer.Typer(
    help="The audit log: list, show, verify the chain, replay.", no_args_is_help=True
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (env TRADECHECK_DATABASE_URL)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@audit_app.command("list")
def list_cmd(
    action: Annotated[
        str | None, typer.Option(help="screen, screen-row, classify-chip, check, invest …")
    ] = None,
    key: Annotated[str | None, typer.Option("--key", help="API key id.")] = None,
    since: Annotated[str | None, typer.Option(help="ISO date or time (inclusive).")] = None,
    until: Annotated[str | None, typer.Option(help="ISO date (inclusive) or time.")] = None,
    contains: Annotated[str | None, typer.Option(help="Text the input contains.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Records matching every filter, newest first."""
    from tradecheck.audit.log import list_records
    from tradecheck.store import open_store

    recs = list_records(
        open_store(db),
        action=action,
        key_id=key,
        since=since,
        until=until,
        contains=contains,
        limit=limit,
    )
    if as_json:
        print_json([r.to_dict() for r in recs])
        return
    table = Table(title=f"Audit records ({len(recs)})")
    for col in ("id", "time", "action", "key", "input"):
        table.add_column(col, overflow="fold")
    for r in recs:
        table.add_row(
            str(r.seq),
            r.time[:19],
            r.action,
            r.key_id or "",
            json.dumps(r.input, ensure_ascii=False)[:80],
        )
    console.print(table)


@audit_app.command("show")
def show(
    record_id: Annotated[int, typer.Argument(help="The record id.")], db: DbOption = None
) -> None:
    """One record as JSON: input, output, key, time, versions, hashes."""
    from tradecheck.audit.log import get_record
    from tradecheck.store import open_store

    print_json(get_record(open_store(db), record_id).to_dict())


@audit_app.command("verify")
def verify(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Recompute the chain; name every edited, deleted or reordered record (exit 1 if any)."""
    from tradecheck.audit.verify import verify_chain
    from tradecheck.store import open_store

    report = verify_chain(open_store(db))
    if as_json:
        print_json(report.to_dict())
    elif report.ok:
        console.print(
            f"OK: {report.checked} records, chain intact; head {report.head_seq} {report.head_hash}"
        )
    else:
        for p in report.problems:
            err_console.print(f"record {p.seq}: {p.kind}: {p.message}")
        err_console.print(f"{len(report.problems)} problem(s) in {report.checked} records")
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("replay")
def replay(
    record_id: Annotated[int, typer.Argument(help="The record id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-run a recorded determination with the versions it used; report any difference (exit 1)."""
    from tradecheck.audit.replay import replay as run_replay
    from tradecheck.settings import set_override
    from tradecheck.store import open_store

    if db:
        set_override("database_url", db)  # the engine's party screening reads the same store
    report = run_replay(open_store(db), record_id)
    if as_json:
        print_json(report.to_dict())
    else:
        for note in report.notes:
            console.print(f"note: {note}")
        if report.same:
            console.print(f"record {record_id} ({report.action}): same answer on replay")
        else:
            for d in report.differences:
                console.print(
                    f"{d['path']}: recorded {json.dumps(d['recorded'], ensure_ascii=False)[:120]}"
                    f" → replayed {json.dumps(d['replayed'], ensure_ascii=False)[:120]}"
                )
            console.print(f"record {record_id}: {len(report.differences)} difference(s)")
    if not report.same:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``audit`` group to ``app``."""
    app.add_typer(audit_app, name="audit")
