"""Shared fixtures: a fresh store on SQLite and, where a server is given, on PostgreSQL.

``TRADECHECK_TEST_POSTGRES_URL`` names a PostgreSQL server; each test gets a
database of its own there. Without it the PostgreSQL cases are skipped with a
visible reason — unless ``TRADECHECK_REQUIRE_POSTGRES=1`` (CI sets it), when a
missing server fails the run instead of skipping silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("TRADECHECK_TEST_POSTGRES_URL")
REQUIRE_PG = os.environ.get("TRADECHECK_REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _isolated_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the user's real store: the default database is a per-test file."""
    from tradecheck.settings import _OVERRIDES

    monkeypatch.setenv("TRADECHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'default.sqlite'}")
    yield
    _OVERRIDES.clear()


def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    name = f"tc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required but not reachable at {PG_URL}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from tradecheck.store.store import Store

        Store.close_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        from tradecheck.store.store import Store

        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        Store.close_all()
        return
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("TRADECHECK_REQUIRE_POSTGRES=1 but TRADECHECK_TEST_POSTGRES_URL is unset")
        pytest.skip(
            "PostgreSQL store tests need TRADECHECK_TEST_POSTGRES_URL "
            "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    yield from _pg_database()
