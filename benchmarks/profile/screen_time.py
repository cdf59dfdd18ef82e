"""CPU time of screening the first N names of the throughput workload (for paired runs).

Run from a checkout's root with that checkout's interpreter::

    .venv/bin/python benchmarks/profile/screen_time.py 30000

Prints the CPU seconds and the wall seconds of the screening loop alone. The
workload's 100,000 names (``benchmarks/throughput.py``) are written once to the cache
folder (``TRADECHECK_PROF_DIR``, else ``tradecheck-prof`` in the temporary folder)
so that every checkout screens the same names; the index is built once per checkout
and kept there too, named by the checkout's path. Delete a checkout's index file after
changing its index, search, similarity or normalisation code: an index made by other
code would be timed (its kept neighbours then go unused, and every token's are found
on first sight).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from tradecheck.entity import Entity
from tradecheck.match.index import Index
from tradecheck.screening import build_index, screen_party

CACHE = Path(
    os.environ.get("TRADECHECK_PROF_DIR") or Path(tempfile.gettempdir()) / "tradecheck-prof"
)


def _entities() -> list[Entity]:
    from tradecheck.lists.datasets import bundled_datasets

    out: list[Entity] = []
    for d in bundled_datasets():
        out.extend(d.load_bundled().entities)
    return out


def main() -> None:
    """Screen the names and print the CPU and wall seconds."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    CACHE.mkdir(parents=True, exist_ok=True)
    queries = CACHE / "queries.json"
    if not queries.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from throughput import workload

        queries.write_text(json.dumps([q for q, _ in workload(_entities(), 100_000)]))
    key = hashlib.md5(str(Path.cwd().resolve()).encode()).hexdigest()
    path = CACHE / f"idx-{key}.pkl"
    if not path.exists():
        build_index(_entities()).save(path)
    index = Index.load(path)
    names = json.loads(queries.read_text())[:n]
    c0, t0 = time.process_time(), time.perf_counter()
    for q in names:
        screen_party(q, index=index)
    print(f"{time.process_time() - c0:.3f} {time.perf_counter() - t0:.3f}")


if __name__ == "__main__":
    main()
