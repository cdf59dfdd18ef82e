"""The screening index of a store's current list snapshots: kept in memory and in a file.

The file lies next to the SQLite database (``tradecheck.sqlite.index-<key>.pkl``);
its key hashes the current snapshots' content, the normalisation version, the
index format and the neighbour code (:func:`~tradecheck.match.neighbours.neighbour_version`),
so a list update or a new matcher version builds a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity
from tradecheck.errors import IndexMismatchError, InputError, StoreError
from tradecheck.match.index import INDEX_FORMAT, Index
from tradecheck.match.neighbours import neighbour_version
from tradecheck.match.normalize import normalization_version
from tradecheck.store import Store

_CACHE: dict[str, tuple[str, Index]] = {}


def snapshot_key(store: Store) -> tuple[str, list[dict[str, Any]]]:
    """The index key of the store's current snapshots, and the snapshots."""
    snaps = [
        {"dataset": s.dataset, "content_hash": s.content_hash, "data_date": s.data_date}
        for s in store.current()
    ]
    raw = "|".join(f"{s['dataset']}:{s['content_hash']}" for s in snaps)
    # (The neighbour code too: an index built by other code would find its tokens'
    # neighbours again on first sight, as an index without them does: rebuilt instead.)
    raw += f"|{normalization_version()}|{INDEX_FORMAT}|{neighbour_version()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16], snaps


def _index_path(store: Store, key: str) -> Path | None:
    if store.is_sqlite:
        db = store.url.removeprefix("sqlite:///")
        if db and db != ":memory:":
            return Path(f"{db}.index-{key}.pkl")
    return None


def _entities_with_dataset(store: Store) -> Iterator[Entity]:
    """The current entities, each naming the dataset whose snapshot holds it.

    (A parser may leave ``dataset`` empty; screening needs it to tell which of two
    datasets publishing the same listing is the newer.)
    """
    for info in store.current():
        for e in store.entities(info.id):
            if not e.dataset:
                e.dataset = info.dataset
            yield e


def index_for_store(store: Store) -> Index:
    """The index over the store's current snapshots: from memory, a file, or built now.

    Raises:
        InputError: the store holds no list snapshot (run ``tradecheck lists update``).
    """
    key, snaps = snapshot_key(store)
    if not snaps:
        raise InputError(
            f"no list snapshots in {store.safe_url}: run `tradecheck lists update all` "
            "(or `make demo`) to load the bundled lists"
        )
    cached = _CACHE.get(store.url)
    if cached and cached[0] == key:
        return cached[1]
    path = _index_path(store, key)
    idx: Index | None = None
    if path is not None and path.exists():
        try:
            idx = Index.load(path)
        except (IndexMismatchError, StoreError):
            idx = None
    if idx is None:
        idx = Index.build(_entities_with_dataset(store), {"snapshots": snaps, "key": key})
        if path is not None:
            try:
                for old in path.parent.glob(
                    Path(store.url.removeprefix("sqlite:///")).name + ".index-*.pkl"
                ):
                    old.unlink(missing_ok=True)
                idx.save(path)
            except OSError:
                pass  # a read-only directory: the index is rebuilt next time
    _CACHE[store.url] = (key, idx)
    return idx
