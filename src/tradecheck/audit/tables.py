"""Tables of the service: the audit log and its head, API keys, denied requests, batch jobs.

Created by migration step 2 (:data:`tradecheck.store.schema.MIGRATIONS`). Kept
in their own metadata so that the store's schema module only imports this one.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
)

metadata = MetaData()

#: The hash the first record chains to.
GENESIS = "0" * 64

audit_log = Table(
    "audit_log",
    metadata,
    # The position in the chain (and the public record id); not covered by the hash,
    # so that a reordering shows as a broken link, not as an edit.
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("uid", String(32), nullable=False, unique=True),
    Column("time", String(40), nullable=False),
    Column("action", String(40), nullable=False),
    Column("key_id", String(40)),
    Column("input", Text, nullable=False),
    Column("output", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_action_time", "action", "time"),
    Index("ix_audit_key", "key_id"),
)

#: One row (id 1): the last record's seq and hash. Appenders lock it first, which
#: serialises appends on SQLite and PostgreSQL alike, so the chain never forks.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("updated_at", String(40)),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

#: Requests refused with 401 or 403 (not chained: anyone can cause one).
access_denials = Table(
    "access_denials",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("time", String(40), nullable=False),
    Column("status", Integer, nullable=False),
    Column("method", String(10), nullable=False),
    Column("path", Text, nullable=False),
    Column("key_id", String(24)),
    Column("reason", Text, nullable=False),
    Column("client", String(64)),
)

batch_jobs = Table(
    "batch_jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("key_id", String(24)),
    Column("status", String(16), nullable=False),
    Column("total", Integer, nullable=False),
    Column("options", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("error", Text),
)

#: One row per input row; ``result`` is written with the row's audit record, in one
#: transaction, so a killed server keeps every completed row and no half record.
batch_rows = Table(
    "batch_rows",
    metadata,
    Column("job_id", String(32), primary_key=True),
    Column("row_no", Integer, primary_key=True, autoincrement=False),
    Column("input", Text, nullable=False),
    Column("result", Text),
    Column("audit_seq", Integer),
)


def create_v2(conn: Connection) -> None:
    """Migration step 2: the service tables and the chain's genesis head."""
    metadata.create_all(conn, checkfirst=True)
    conn.execute(insert(audit_head).values(id=1, seq=0, hash=GENESIS, updated_at=None))
