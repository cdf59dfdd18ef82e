"""The list-lifecycle service functions that every edge (CLI, API, web) calls."""

from __future__ import annotations

from typing import Any

from tradecheck.errors import InputError
from tradecheck.lists.datasets import DATASETS, get_dataset
from tradecheck.lists.diff import SnapshotDiff, diff_entities
from tradecheck.store import SnapshotInfo, Store


def lists_status(store: Store) -> dict[str, Any]:
    """Each known dataset with its current snapshot (``None`` when not loaded).

    This is the ``tradecheck lists status --json`` shape.
    """
    current = {i.dataset: i for i in store.current()}
    return {
        "database": store.safe_url,
        "schema_version": store.schema_version(),
        "datasets": [
            {
                "dataset": d.id,
                "title": d.title,
                "snapshot": current[d.id].to_dict() if d.id in current else None,
            }
            for d in DATASETS.values()
        ],
    }


def diff_snapshots(
    store: Store, dataset: str, old: int | None = None, new: int | None = None
) -> tuple[SnapshotInfo, SnapshotInfo, SnapshotDiff]:
    """Compare two snapshots of a dataset.

    Defaults: ``new`` is the current snapshot, ``old`` the most recently stored other one.

    Raises:
        InputError: unknown dataset, no or one snapshot, or ids of another dataset.
    """
    get_dataset(dataset)
    snaps = store.snapshots(dataset)
    if not snaps:
        raise InputError(f"no snapshots of {dataset}; run `tradecheck lists update {dataset}`")
    by_id = {s.id: s for s in snaps}
    if new is None:
        new = next((s for s in snaps if s.is_current), snaps[-1]).id
    if old is None:
        others = [s.id for s in snaps if s.id != new]
        if not others:
            raise InputError(f"only one snapshot of {dataset} (id {new}); nothing to compare")
        old = others[-1]
    for sid in (old, new):
        if sid not in by_id:
            raise InputError(
                f"snapshot {sid} is not a snapshot of {dataset}; "
                f"known: {', '.join(str(s.id) for s in snaps)}"
            )
    return by_id[old], by_id[new], diff_entities(store.entities(old), store.entities(new))


def lists_diff(
    store: Store, dataset: str, old: int | None = None, new: int | None = None
) -> dict[str, Any]:
    """The ``tradecheck lists diff DATASET [OLD NEW] --json`` shape."""
    a, b, d = diff_snapshots(store, dataset, old, new)
    return {"dataset": dataset, "old": a.to_dict(), "new": b.to_dict(), **d.to_dict()}
