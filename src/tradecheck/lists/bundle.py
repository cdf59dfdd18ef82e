"""Loading list snapshots into the store: the bundled default, a file or a URL.

An update parses the whole source first, then writes the snapshot in one
transaction; only a complete snapshot becomes current, and a failure at any
point leaves the previous snapshot current and intact.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradecheck.errors import InputError
from tradecheck.lists.base import ParseResult, file_hash
from tradecheck.lists.datasets import Dataset, bundled_datasets, get_dataset
from tradecheck.lists.formats import detect_format, get_parser
from tradecheck.store import SnapshotInfo, Store

#: The largest list file fetched from a URL (the full SDN XML is ~100 MB).
MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024
DOWNLOAD_TIMEOUT_S = 120


@dataclass(slots=True)
class LoadReport:
    """What one load did: the snapshot now current, whether it was new, and timings."""

    dataset: str
    snapshot: SnapshotInfo
    changed: bool
    parse_seconds: float
    write_seconds: float
    counts_by_source: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "dataset": self.dataset,
            "changed": self.changed,
            "parse_seconds": round(self.parse_seconds, 3),
            "write_seconds": round(self.write_seconds, 3),
            "counts_by_source": self.counts_by_source,
            "snapshot": self.snapshot.to_dict(),
        }


def _hash_paths(paths: list[Path]) -> str:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    return file_hash(*files)


def _store_result(
    store: Store,
    dataset: Dataset,
    result: ParseResult,
    paths: list[Path],
    t_parse: float,
    source_file: str,
) -> LoadReport:
    for e in result.entities:
        e.dataset = dataset.id
    t0 = time.perf_counter()
    meta = dict(result.meta)
    meta["parser_format"] = result.format
    info, changed = store.write_snapshot(
        dataset.id,
        result.entities,
        data_date=result.data_date,
        file_hash=_hash_paths(paths),
        format=result.format,
        source_file=source_file,
        meta=meta,
    )
    return LoadReport(
        dataset=dataset.id,
        snapshot=info,
        changed=changed,
        parse_seconds=t_parse,
        write_seconds=time.perf_counter() - t0,
        counts_by_source=dict(Counter(e.source for e in result.entities)),
    )


def load_bundled(store: Store, dataset_id: str) -> LoadReport:
    """Load the bundled snapshot of one dataset."""
    dataset = get_dataset(dataset_id)
    t0 = time.perf_counter()
    result = dataset.load_bundled()
    paths = dataset.bundled_paths()
    return _store_result(
        store,
        dataset,
        result,
        paths,
        time.perf_counter() - t0,
        "bundled:" + ",".join(dataset.bundled),
    )


def load_default_bundle(
    store: Store, progress: Callable[[str], None] | None = None
) -> list[LoadReport]:
    """Load every bundled dataset (the offline default snapshot) into the store."""
    reports = []
    for dataset in bundled_datasets():
        if progress:
            progress(dataset.id)
        reports.append(load_bundled(store, dataset.id))
    return reports


def _fetch(url: str, dest_dir: Path) -> Path:
    name = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "download"
    dest = dest_dir / name
    try:
        with (
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as resp,
            open(dest, "wb") as out,
        ):
            total = 0
            while chunk := resp.read(1 << 20):
                total += len(chunk)
                if total > MAX_DOWNLOAD_BYTES:
                    raise InputError(f"{url}: larger than {MAX_DOWNLOAD_BYTES} bytes; refused")
                out.write(chunk)
    except OSError as exc:
        raise InputError(
            f"cannot fetch {url}: {exc}; download it yourself and use --from FILE"
        ) from exc
    return dest


def update_dataset(
    store: Store, dataset_id: str, source: str | None = None, fmt: str | None = None
) -> LoadReport:
    """Load a new snapshot of a dataset from a file, a folder or a URL (or the bundle).

    Raises:
        InputError: unknown dataset, unreadable source, or a format the dataset does not take.
        DataFileError: a malformed file (nothing is written).
    """
    dataset = get_dataset(dataset_id)
    if source is None:
        return load_bundled(store, dataset_id)
    tmp: Path | None = None
    try:
        if source.startswith(("http://", "https://")):
            tmp = Path(tempfile.mkdtemp(prefix="tradecheck-"))
            path = _fetch(source, tmp)
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise InputError(f"{source}: no such file or folder")
        fmt = fmt or detect_format(path)
        if fmt not in dataset.formats:
            raise InputError(
                f"{source}: format {fmt} does not fit dataset {dataset.id} "
                f"(takes {', '.join(dataset.formats)}); pass --format or another dataset"
            )
        t0 = time.perf_counter()
        result = get_parser(fmt)(path)
        if not result.entities:
            raise InputError(f"{source}: no entries found; the previous snapshot is kept")
        return _store_result(store, dataset, result, [path], time.perf_counter() - t0, source)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
