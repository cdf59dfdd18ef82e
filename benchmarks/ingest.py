"""Ingestion benchmark: load the whole default bundle into an empty SQLite store.

Prints per-dataset parse and write times, the total, entities per second and
peak memory (max RSS), and — as the baseline in the same run — the write time
of one dataset inserted row by row in separate transactions, the naive way.

    .venv/bin/python benchmarks/ingest.py [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import insert

from tradecheck.lists.bundle import load_default_bundle
from tradecheck.lists.datasets import get_dataset
from tradecheck.store import open_store
from tradecheck.store import schema as s


def naive_insert_rate(url: str, dataset: str, limit: int) -> float:
    """Entities per second when each row is its own transaction (the baseline)."""
    store = open_store(url)
    entities = get_dataset(dataset).load_bundled().entities[:limit]
    t0 = time.perf_counter()
    for e in entities:
        with store.engine.begin() as conn:
            conn.execute(
                insert(s.entities).values(
                    snapshot_id=-1,
                    entity_id=e.id,
                    source=e.source,
                    type=e.type.value,
                    name=e.name,
                    content_hash=e.content_hash(),
                    doc=json.dumps(e.to_dict(), ensure_ascii=False),
                )
            )
    return len(entities) / (time.perf_counter() - t0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="also run against this PostgreSQL URL (a fresh DB)")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        targets = [("sqlite", url)] + ([("postgres", args.postgres)] if args.postgres else [])
        for label, target in targets:
            store = open_store(target)
            t0 = time.perf_counter()
            reports = load_default_bundle(store)
            total = time.perf_counter() - t0
            n = sum(r.snapshot.entry_count for r in reports)
            table = Table(title=f"Ingest of the default bundle into an empty {label} store")
            for col in ("dataset", "entries", "aliases", "parse s", "write s"):
                table.add_column(col, justify="right")
            for r in reports:
                table.add_row(
                    r.dataset,
                    f"{r.snapshot.entry_count:,}",
                    f"{r.snapshot.alias_count:,}",
                    f"{r.parse_seconds:.2f}",
                    f"{r.write_seconds:.2f}",
                )
            console.print(table)
            console.print(
                f"{label}: total {total:.2f} s for {n:,} entities "
                f"({n / total:,.0f} entities/s; target < 20 s)"
            )
        rate = naive_insert_rate(url, "us-bis-dpl", 500)
        console.print(
            f"baseline (row-per-transaction insert, 500 DPL rows, sqlite): {rate:,.0f} entities/s"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"peak memory (max RSS): {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
