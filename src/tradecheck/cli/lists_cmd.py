"""``tradecheck lists``: status, update and diff of list snapshots."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradecheck.cli._common import console, err_console, print_json
from tradecheck.errors import InputError
from tradecheck.lists.bundle import load_default_bundle, update_dataset
from tradecheck.lists.datasets import DATASETS, get_dataset
from tradecheck.lists.service import diff_snapshots, lists_diff, lists_status
from tradecheck.store import open_store

lists_app = typer.Typer(
    help="List snapshots: what is loaded, load a new one, what changed.", no_args_is_help=True
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (env TRADECHECK_DATABASE_URL)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@lists_app.command("status")
def status(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show each dataset's current snapshot: data date, entries, aliases, hash, when loaded."""
    store = open_store(db)
    current = {i.dataset: i for i in store.current()}
    if as_json:
        print_json(lists_status(store))
        return
    table = Table(title=f"List snapshots in {store.safe_url}")
    for col in ("dataset", "data date", "entries", "aliases", "snapshot hash", "loaded"):
        table.add_column(col)
    for d in DATASETS.values():
        info = current.get(d.id)
        if info is None:
            table.add_row(d.id, "[dim]not loaded[/dim]", "", "", "", "")
        else:
            table.add_row(
                d.id,
                info.data_date or "?",
                f"{info.entry_count:,}",
                f"{info.alias_count:,}",
                info.content_hash[:12],
                info.loaded_at,
            )
    console.print(table)
    if not current:
        err_console.print("No lists loaded: run `tradecheck lists update all`.")


@lists_app.command("update")
def update(
    source: Annotated[
        str,
        typer.Argument(help="Dataset id (see `lists status`), or `all` for every bundled dataset."),
    ],
    from_: Annotated[
        str | None,
        typer.Option("--from", help="File, folder or URL to load; default: the bundled snapshot."),
    ] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force the file format.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load a new snapshot; it becomes current only when complete."""
    store = open_store(db)
    if source == "all":
        if from_:
            raise InputError("--from takes one dataset, not `all`")
        with console.status("loading bundled lists…") as st:
            reports = load_default_bundle(store, progress=lambda d: st.update(f"loading {d}…"))
    else:
        get_dataset(source)
        with console.status(f"loading {source}…"):
            reports = [update_dataset(store, source, from_, fmt)]
    if as_json:
        print_json([r.to_dict() for r in reports])
        return
    table = Table(title="Loaded")
    for col in ("dataset", "result", "data date", "entries", "by list", "seconds"):
        table.add_column(col)
    for r in reports:
        table.add_row(
            r.dataset,
            "new snapshot" if r.changed else "unchanged",
            r.snapshot.data_date or "?",
            f"{r.snapshot.entry_count:,}",
            ", ".join(f"{k} {v:,}" for k, v in sorted(r.counts_by_source.items())),
            f"{r.parse_seconds + r.write_seconds:.1f}",
        )
    console.print(table)


@lists_app.command("diff")
def diff(
    source: Annotated[str, typer.Argument(help="Dataset id.")],
    old: Annotated[
        int | None,
        typer.Argument(help="Old snapshot id (default: the most recently stored other one)."),
    ] = None,
    new: Annotated[int | None, typer.Argument(help="New snapshot id (default: current).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option(help="Rows shown per section in the table.")] = 20,
) -> None:
    """Entries added, removed and changed between two snapshots of a dataset."""
    store = open_store(db)
    if as_json:
        print_json(lists_diff(store, source, old, new))
        return
    a, b, d = diff_snapshots(store, source, old, new)
    console.print(
        f"[bold]{source}[/bold]: snapshot {a.id} ({a.data_date}) → "
        f"{b.id} ({b.data_date}): {len(d.added)} added, {len(d.removed)} "
        f"removed, {len(d.changed)} changed, {d.unchanged} unchanged"
    )
    for title, rows in (("added", d.added), ("removed", d.removed)):
        if rows:
            t = Table(title=title)
            t.add_column("list")
            t.add_column("name")
            t.add_column("countries")
            for e in rows[:limit]:
                t.add_row(e.source, e.name, ", ".join(e.countries))
            console.print(t)
    if d.changed:
        t = Table(title="changed")
        t.add_column("list")
        t.add_column("name")
        t.add_column("fields")
        for c in d.changed[:limit]:
            t.add_row(c.source, c.name, ", ".join(c.fields))
        console.print(t)


def register(app: typer.Typer) -> None:
    """Add ``lists`` to the app."""
    app.add_typer(lists_app, name="lists")
