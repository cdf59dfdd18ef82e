"""``tradecheck keys create|list|revoke``: API keys for the service."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradecheck.cli._common import console, err_console, print_json

keys_app = typer.Typer(
    help="API keys: create (the secret is shown once), list, revoke.", no_args_is_help=True
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (env TRADECHECK_DATABASE_URL)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@keys_app.command("create")
def create(
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")],
    name: Annotated[str, typer.Option("--name", help="Who or what uses the key.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a key; print its secret once (only its hash is stored)."""
    from tradecheck.access.keys import create_key
    from tradecheck.audit import log
    from tradecheck.store import open_store

    store = open_store(db)
    key, secret = create_key(store, role, name)
    log.append(store, "keys.create", {"name": key.name, "role": key.role}, key.to_dict(), {}, None)
    if as_json:
        print_json({**key.to_dict(), "secret": secret})
        return
    console.print(f"key {key.id} ({key.role}, {key.name}); the secret, shown this once:")
    typer.echo(secret)


@keys_app.command("list")
def list_cmd(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every key: id, name, role, created, revoked."""
    from tradecheck.access.keys import list_keys
    from tradecheck.store import open_store

    keys = list_keys(open_store(db))
    if as_json:
        print_json([k.to_dict() for k in keys])
        return
    table = Table(title="API keys")
    for col in ("id", "name", "role", "created", "revoked"):
        table.add_column(col)
    for k in keys:
        table.add_row(k.id, k.name, k.role, k.created_at, k.revoked_at or "")
    console.print(table)
    if not keys:
        err_console.print(
            "No keys: create one with `tradecheck keys create --role admin --name NAME`."
        )


@keys_app.command("revoke")
def revoke(
    key_id: Annotated[str, typer.Argument(help="The key id (from `keys list`).")],
    db: DbOption = None,
) -> None:
    """Revoke a key: requests with it get 401 from now on."""
    from tradecheck.access.keys import revoke_key
    from tradecheck.audit import log
    from tradecheck.store import open_store

    store = open_store(db)
    key = revoke_key(store, key_id)
    log.append(store, "keys.revoke", {"id": key_id}, key.to_dict(), {}, None)
    console.print(f"key {key.id} revoked at {key.revoked_at}")


def register(app: typer.Typer) -> None:
    """Add the ``keys`` group to ``app``."""
    app.add_typer(keys_app, name="keys")
