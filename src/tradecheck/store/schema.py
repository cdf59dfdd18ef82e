"""Tables and versioned migrations.

Each migration is a numbered step; the store applies the ones it has not yet
applied, in order, each in its own transaction, and records them in
``schema_version``. Never edit a published step: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tradecheck.audit.tables import create_v2

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(40), nullable=False),
    Column("description", Text, nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False),
    Column("data_date", String(32)),
    Column("file_hash", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("format", String(32), nullable=False),
    Column("source_file", Text),
    Column("loaded_at", String(40), nullable=False),
    Column("entry_count", Integer, nullable=False),
    Column("alias_count", Integer, nullable=False),
    Column("meta", Text, nullable=False, default="{}"),
    UniqueConstraint("dataset", "content_hash", name="uq_snapshot_content"),
)

current_snapshots = Table(
    "current_snapshots",
    metadata,
    Column("dataset", String(64), primary_key=True),
    Column("snapshot_id", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("snapshot_id", Integer, primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("source", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("doc", Text, nullable=False),
    Index("ix_entities_source", "snapshot_id", "source"),
)


def _v1(conn: Connection) -> None:
    for table in (snapshots, current_snapshots, entities):
        table.create(conn, checkfirst=True)


#: (version, description, step) — append only.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "list snapshots, current pointers and entities", _v1),
    (2, "audit log, API keys, access denials, batch jobs", create_v2),
]
