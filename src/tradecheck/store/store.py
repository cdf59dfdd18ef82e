"""One store interface over SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from tradecheck.entity import Entity
from tradecheck.errors import StoreError
from tradecheck.settings import database_url
from tradecheck.store import schema as s


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A stored snapshot of one dataset."""

    id: int
    dataset: str
    data_date: str | None
    file_hash: str
    content_hash: str
    format: str
    source_file: str | None
    loaded_at: str
    entry_count: int
    alias_count: int
    meta: dict[str, Any]
    is_current: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "dataset": self.dataset,
            "data_date": self.data_date,
            "file_hash": self.file_hash,
            "content_hash": self.content_hash,
            "format": self.format,
            "source_file": self.source_file,
            "loaded_at": self.loaded_at,
            "entry_count": self.entry_count,
            "alias_count": self.alias_count,
            "meta": self.meta,
            "is_current": self.is_current,
        }


def _serialise(e: Entity) -> tuple[str, str]:
    """The stored JSON document of an entity and its content hash (one serialisation)."""
    doc = json.dumps(e.to_dict(), sort_keys=True, ensure_ascii=False)
    return doc, hashlib.sha256(doc.encode("utf-8")).hexdigest()


def snapshot_content_hash(pairs: Iterable[tuple[str, str]]) -> str:
    """Hash of a snapshot's content from (entity id, entity hash) pairs.

    Independent of file bytes and entry order.
    """
    h = hashlib.sha256()
    for eid, chash in sorted(pairs):
        h.update(f"{eid}:{chash}\n".encode())
    return h.hexdigest()


class Store:
    """List snapshots in a relational database.

    Args:
        url: SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://…``).
    """

    #: One engine (connection pool) per URL per process, migrated once.
    _engines: ClassVar[dict[str, Engine]] = {}

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if str(path) not in ("", ":memory:"):
                path.parent.mkdir(parents=True, exist_ok=True)
        engine = Store._engines.get(url)
        if engine is not None:
            self.engine: Engine = engine
            return
        try:
            self.engine = create_engine(url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {self.safe_url}: {exc}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()
        Store._engines[url] = self.engine

    @property
    def is_sqlite(self) -> bool:
        """True for an embedded SQLite store."""
        return self.engine.dialect.name == "sqlite"

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden."""
        if "@" in self.url and ":" in self.url.split("@")[0].split("//")[-1]:
            scheme, rest = self.url.split("//", 1)
            user = rest.split(":")[0]
            return f"{scheme}//{user}:***@{rest.split('@', 1)[1]}"
        return self.url

    def migrate(self) -> int:
        """Apply pending migrations; return the schema version."""
        try:
            with self.engine.begin() as conn:
                s.schema_version.create(conn, checkfirst=True)
                done = {r[0] for r in conn.execute(select(s.schema_version.c.version))}
            for version, description, step in s.MIGRATIONS:
                if version in done:
                    continue
                with self.engine.begin() as conn:
                    step(conn)
                    conn.execute(
                        insert(s.schema_version).values(
                            version=version, applied_at=_now(), description=description
                        )
                    )
            return self.schema_version()
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot migrate database {self.safe_url}: {exc.__class__.__name__}: "
                f"{str(exc).splitlines()[0]}"
            ) from exc

    def schema_version(self) -> int:
        """The highest applied migration."""
        with self.engine.connect() as conn:
            v = conn.execute(select(func.max(s.schema_version.c.version))).scalar()
        return int(v or 0)

    def write_snapshot(
        self,
        dataset: str,
        entities: list[Entity],
        *,
        data_date: str | None,
        file_hash: str,
        format: str,
        source_file: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> tuple[SnapshotInfo, bool]:
        """Store a snapshot and make it current, in one transaction.

        A snapshot whose content equals one already stored is not written again:
        that one becomes current. A failure anywhere leaves the previous snapshot
        current and intact.

        Returns:
            The snapshot now current, and whether anything new was written.
        """
        docs = [_serialise(e) for e in entities]
        content_hash = snapshot_content_hash(
            (e.id, chash) for e, (_, chash) in zip(entities, docs, strict=True)
        )
        now = _now()
        try:
            with self.engine.begin() as conn:
                existing = conn.execute(
                    select(s.snapshots.c.id).where(
                        s.snapshots.c.dataset == dataset,
                        s.snapshots.c.content_hash == content_hash,
                    )
                ).scalar()
                changed = existing is None
                if existing is None:
                    res = conn.execute(
                        insert(s.snapshots).values(
                            dataset=dataset,
                            data_date=data_date,
                            file_hash=file_hash,
                            content_hash=content_hash,
                            format=format,
                            source_file=source_file,
                            loaded_at=now,
                            entry_count=len(entities),
                            alias_count=sum(len(e.aliases) for e in entities),
                            meta=json.dumps(meta or {}, sort_keys=True),
                        )
                    )
                    pk = res.inserted_primary_key
                    assert pk is not None
                    snap_id = int(pk[0])
                    rows = [
                        {
                            "snapshot_id": snap_id,
                            "entity_id": e.id,
                            "source": e.source,
                            "type": e.type.value,
                            "name": e.name,
                            "content_hash": chash,
                            "doc": doc,
                        }
                        for e, (doc, chash) in zip(entities, docs, strict=True)
                    ]
                    for i in range(0, len(rows), 5000):
                        conn.execute(insert(s.entities), rows[i : i + 5000])
                else:
                    snap_id = int(existing)
                    changed = self._current_id(conn, dataset) != snap_id
                cur = conn.execute(
                    update(s.current_snapshots)
                    .where(s.current_snapshots.c.dataset == dataset)
                    .values(snapshot_id=snap_id, updated_at=now)
                )
                if cur.rowcount == 0:
                    conn.execute(
                        insert(s.current_snapshots).values(
                            dataset=dataset, snapshot_id=snap_id, updated_at=now
                        )
                    )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"snapshot of {dataset} not written (previous snapshot kept): "
                f"{str(exc).splitlines()[0]}"
            ) from exc
        info = self.snapshot(snap_id)
        assert info is not None
        return info, changed

    @staticmethod
    def _current_id(conn: Any, dataset: str) -> int | None:
        v = conn.execute(
            select(s.current_snapshots.c.snapshot_id).where(
                s.current_snapshots.c.dataset == dataset
            )
        ).scalar()
        return int(v) if v is not None else None

    def _info(self, row: Any, current_ids: set[int]) -> SnapshotInfo:
        return SnapshotInfo(
            id=row.id,
            dataset=row.dataset,
            data_date=row.data_date,
            file_hash=row.file_hash,
            content_hash=row.content_hash,
            format=row.format,
            source_file=row.source_file,
            loaded_at=row.loaded_at,
            entry_count=row.entry_count,
            alias_count=row.alias_count,
            meta=json.loads(row.meta or "{}"),
            is_current=row.id in current_ids,
        )

    def _current_ids(self, conn: Any) -> set[int]:
        return {int(r[0]) for r in conn.execute(select(s.current_snapshots.c.snapshot_id))}

    def snapshot(self, snapshot_id: int) -> SnapshotInfo | None:
        """One snapshot by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.snapshots).where(s.snapshots.c.id == snapshot_id)).first()
            return self._info(row, self._current_ids(conn)) if row else None

    def snapshots(self, dataset: str | None = None) -> list[SnapshotInfo]:
        """Every stored snapshot (of one dataset), oldest first."""
        q = select(s.snapshots).order_by(s.snapshots.c.id)
        if dataset:
            q = q.where(s.snapshots.c.dataset == dataset)
        with self.engine.connect() as conn:
            cur = self._current_ids(conn)
            return [self._info(r, cur) for r in conn.execute(q)]

    def current(self) -> list[SnapshotInfo]:
        """The current snapshot of every dataset, by dataset name."""
        return sorted((i for i in self.snapshots() if i.is_current), key=lambda i: i.dataset)

    def current_snapshot(self, dataset: str) -> SnapshotInfo | None:
        """The current snapshot of one dataset, if any."""
        return next((i for i in self.current() if i.dataset == dataset), None)

    def entities(self, snapshot_id: int) -> list[Entity]:
        """All entities of one snapshot, in id order."""
        q = (
            select(s.entities.c.doc)
            .where(s.entities.c.snapshot_id == snapshot_id)
            .order_by(s.entities.c.entity_id)
        )
        with self.engine.connect() as conn:
            return [Entity.from_dict(json.loads(r[0])) for r in conn.execute(q)]

    def current_entities(self, datasets: Iterable[str] | None = None) -> Iterator[Entity]:
        """Entities of the current snapshot of each (chosen) dataset."""
        wanted = set(datasets) if datasets is not None else None
        for info in self.current():
            if wanted is None or info.dataset in wanted:
                yield from self.entities(info.id)

    def close(self) -> None:
        """Release this URL's pooled connections."""
        Store._engines.pop(self.url, None)
        self.engine.dispose()

    @classmethod
    def close_all(cls) -> None:
        """Release the connections of every open store (tests, shutdown)."""
        for engine in cls._engines.values():
            engine.dispose()
        cls._engines.clear()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at ``url``, the environment's, or the default SQLite file."""
    return Store(database_url(url))
