"""An app over a small loaded store, with one key of each role."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

with warnings.catch_warnings():
    # starlette asks for httpx2 in future; httpx still works and is what we install.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.audit.sample import load_sample
from tradecheck.access.keys import create_key
from tradecheck.api import create_app
from tradecheck.store import Store


@dataclass
class Service:
    """A test client and the secrets of a viewer, an analyst and an admin key."""

    client: TestClient
    store: Store
    keys: dict[str, str]
    key_ids: dict[str, str]

    def auth(self, role: str) -> dict[str, str]:
        """Headers for a key of ``role``."""
        return {"Authorization": f"Bearer {self.keys[role]}"}


@pytest.fixture
def service(store_url: str) -> Iterator[Service]:
    """The app on SQLite and on PostgreSQL."""
    yield from _service(store_url)


@pytest.fixture
def sqlite_service(tmp_path: object) -> Iterator[Service]:
    """The app on SQLite only (tests of the HTTP layer, not of the store)."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    yield from _service(f"sqlite:///{tmp_path / 'api.sqlite'}")


def _service(url: str) -> Iterator[Service]:
    store = load_sample(url)
    keys, ids = {}, {}
    for role in ("viewer", "analyst", "admin"):
        key, secret = create_key(store, role, f"test {role}")
        keys[role], ids[role] = secret, key.id
    app = create_app(url)
    with TestClient(app) as client:
        yield Service(client, store, keys, ids)
