"""The store: list snapshots (and later screening results and the audit log).

SQLite by default (one file, no server); PostgreSQL through a URL.
"""

from tradecheck.store.store import SnapshotInfo, Store, open_store

__all__ = ["SnapshotInfo", "Store", "open_store"]
