"""Screening answers of a fixed sample, to show a speed change left them unchanged.

Screens a fixed sample of the throughput benchmark's mix (half variants of listed
names, half synthetic innocent persons) against the whole default bundle, at the
default thresholds and at ``--min-score 0.5`` (more matches to compare), and
writes for each query the top-10 matches: entity id, score, matched name, the
other datasets of a collapsed listing, and a hash of the full explanation.

Usage::

    .venv/bin/python benchmarks/fingerprint.py --out before.json [--names 5000]
    .venv/bin/python benchmarks/fingerprint.py --out after.json
    .venv/bin/python benchmarks/fingerprint.py --compare before.json after.json

With ``--time`` it also times the benchmark's one-worker loop on ``--time-names``
names of the same mix (index loaded from its file, as in ``throughput.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from throughput import workload

from tradecheck.entity import Entity
from tradecheck.lists.datasets import bundled_datasets
from tradecheck.match.index import Index
from tradecheck.screening import build_index, screen_party


def _answers(index: Index, names: list[str], min_score: float | None) -> list[list[Any]]:
    out: list[list[Any]] = []
    for q in names:
        res = screen_party(q, index=index, min_score=min_score, limit=10)
        rows: list[Any] = []
        for m in res.matches:
            explain = json.dumps(m.explain, sort_keys=True, ensure_ascii=False, default=str)
            rows.append(
                [
                    m.entity_id,
                    m.score,
                    m.matched_name,
                    sorted(a["entity_id"] for a in m.also_in),
                    hashlib.sha256(explain.encode()).hexdigest()[:16],
                ]
            )
        out.append(rows)
    return out


def _compare(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    bad = 0
    for mode in ("default", "min_score_0.5"):
        for q, x, y in zip(a["names"], a[mode], b[mode], strict=True):
            if x != y:
                bad += 1
                if bad <= 10:
                    print(f"DIFF [{mode}] {q!r}\n  {x}\n  {y}")
    n = len(a["names"])
    matches = sum(len(r) for r in a["default"]) + sum(len(r) for r in a["min_score_0.5"])
    print(
        f"{n:,} names, {matches:,} matches compared (two thresholds): "
        + ("identical" if not bad else f"{bad} queries differ")
    )
    return 1 if bad else 0


def main() -> None:
    """Write the sample's answers, compare two such files, or time the one-worker loop."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out")
    ap.add_argument("--names", type=int, default=5000)
    ap.add_argument("--compare", nargs=2)
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--time-names", type=int, default=30_000)
    args = ap.parse_args()
    if args.compare:
        sys.exit(_compare(*args.compare))
    entities: list[Entity] = []
    for d in bundled_datasets():
        entities.extend(d.load_bundled().entities)
    index = build_index(entities)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.pkl"
        index.save(path)
        index = Index.load(path)
    if args.out:
        names = [q for q, _ in workload(entities, args.names, seed=11)]
        doc = {
            "names": names,
            "default": _answers(index, names, None),
            "min_score_0.5": _answers(index, names, 0.5),
        }
        Path(args.out).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {args.out}: {len(names):,} names")
    if args.time:
        queries = [q for q, _ in workload(entities, args.time_names)]
        c0 = time.process_time()
        t0 = time.perf_counter()
        for q in queries:
            screen_party(q, index=index)
        dt = time.perf_counter() - t0
        cpu = time.process_time() - c0
        print(
            f"one worker: {len(queries):,} names in {dt:.2f} s = {len(queries) / dt:,.0f} "
            f"names/s wall, {len(queries) / cpu:,.0f} per CPU-second"
        )


if __name__ == "__main__":
    main()
