"""Speed of party screening against the whole default bundle (prints its figures).

Screens 100,000 names — half variants of real listed names (typos, reordered or
dropped words, changed case and punctuation, legal forms dropped), half the
synthetic innocent persons of ../shared/data/eval/yente_negatives_global.csv —
and prints:

* index build time, index file size and load time;
* names per second on one worker (in process) and on all cores (``screen_batch``);
* p50 / p95 / p99 single-query latency in process;
* peak memory (resident set) of the process and of the workers;
* the naive baseline on a sample, in the same run: rapidfuzz ``token_sort_ratio``
  through ``process.cdist`` against every listed name and alias, one thread,
  cut-off 85; its names per second and the speed ratio; and the share of the
  sample's variants each finds and of its negatives each flags.

Usage::

    .venv/bin/python benchmarks/throughput.py [--names 100000] [--baseline-sample 1000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from tradecheck.entity import Entity
from tradecheck.lists.datasets import bundled_datasets
from tradecheck.match.index import Index
from tradecheck.match.native import native_status
from tradecheck.screening import build_index, screen_batch, screen_party

EVAL = Path(
    os.environ.get("TRADECHECK_EVAL_DIR")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "eval"
)
LEGAL = {
    "ltd",
    "ltd.",
    "co.,",
    "co.",
    "llc",
    "inc.",
    "inc",
    "limited",
    "corp.",
    "corporation",
    "gmbh",
    "jsc",
    "ooo",
    "co",
    "company",
}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if op == 0:
        return word[:i] + letter + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1 :]
    if op == 2:
        return word[:i] + letter + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def variant(name: str, rng: random.Random) -> str:
    """One realistic variant of a listed name."""
    words = name.replace(",", " ").split()
    op = rng.randrange(6)
    if op == 0 and len(words) > 1:
        rng.shuffle(words)
    elif op == 1:
        j = rng.randrange(len(words))
        words[j] = _typo(words[j], rng)
    elif op == 2:
        kept = [w for w in words if w.lower() not in LEGAL]
        words = kept or words
    elif op == 3:
        words = [w.lower() for w in words]
    elif op == 4 and len(words) > 3:
        del words[rng.randrange(1, len(words) - 1)]
    else:
        words = [w.replace(".", "").replace("-", " ") for w in words]
    return " ".join(words)


def workload(entities: list[Entity], n: int, seed: int = 7) -> list[tuple[str, str | None]]:
    """``n`` query names with the entity id each variant came from (None for negatives)."""
    rng = random.Random(seed)
    with open(EVAL / "yente_negatives_global.csv", encoding="utf-8", newline="") as fh:
        negatives = [r["full_name"] for r in csv.DictReader(fh)]
    out: list[tuple[str, str | None]] = []
    for i in range(n):
        if i % 2 == 0:
            e = rng.choice(entities)
            out.append((variant(rng.choice(e.names), rng), e.id))
        else:
            out.append((negatives[(i // 2) % len(negatives)], None))
    return out


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports kB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--names", type=int, default=100_000)
    ap.add_argument("--baseline-sample", type=int, default=1000)
    ap.add_argument("--latency-sample", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    t0 = time.perf_counter()
    entities: list[Entity] = []
    for d in bundled_datasets():
        entities.extend(d.load_bundled().entities)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = build_index(entities)
    t_build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.pkl"
        index.save(path)
        size_mb = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        index = Index.load(path)
        t_load = time.perf_counter() - t0
    n_names = index.meta["records"]
    print(
        f"Default bundle: {len(entities):,} entities, {n_names:,} indexed names "
        f"(parsed in {t_parse:.1f} s)"
    )
    print(f"Index: built in {t_build:.2f} s, file {size_mb:.0f} MB, loaded in {t_load:.2f} s")
    build = native_status()
    print(f"Matcher build: {'compiled' if build.compiled else 'pure Python'} ({build.reason})")

    queries = workload(entities, args.names)
    names = [q for q, _ in queries]

    # One worker, in process (CPU time too: the cores may be shared with other work).
    c0 = time.process_time()
    t0 = time.perf_counter()
    found = variants = flagged = negs = 0
    for q, eid in queries:
        res = screen_party(q, index=index)
        # A listing published in two datasets is one match naming the other in also_in.
        ids = {m.entity_id for m in res.matches}
        ids.update(a["entity_id"] for m in res.matches for a in m.also_in)
        if eid is None:
            negs += 1
            flagged += bool(ids)
        else:
            variants += 1
            found += eid in ids
    t_one = time.perf_counter() - t0
    cpu_one = time.process_time() - c0
    print(
        f"One worker: {len(names):,} names in {t_one:.1f} s = {len(names) / t_one:,.0f} names/s "
        f"wall, {len(names) / cpu_one:,.0f} names per CPU-second (variants found "
        f"{found / variants:.2%}, negatives flagged {flagged / negs:.2%})"
    )
    print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    # Single-query latency.
    lat = []
    for q in names[: args.latency_sample]:
        t = time.perf_counter()
        screen_party(q, index=index)
        lat.append((time.perf_counter() - t) * 1000)
    qs = statistics.quantiles(lat, n=100)
    print(
        f"Latency (ms, {len(lat):,} queries): p50 {qs[49]:.2f}  p95 {qs[94]:.2f}  "
        f"p99 {qs[98]:.2f}  max {max(lat):.2f}"
    )

    # All cores.
    rows = [{"id": str(i), "name": q} for i, q in enumerate(names)]
    t0 = time.perf_counter()
    n_out = sum(1 for _ in screen_batch(rows, args.workers, index=index))
    t_all = time.perf_counter() - t0
    print(
        f"{args.workers} workers (screen_batch): {n_out:,} names in {t_all:.1f} s = "
        f"{n_out / t_all:,.0f} names/s"
    )
    print(
        f"Peak memory: process {peak_mb():.0f} MB, largest worker "
        f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )

    # The naive baseline, on a sample of the same workload.
    choices = []
    owner = []
    for e in entities:
        for nm in e.names:
            choices.append(nm)
            owner.append(e.id)
    sample = queries[: args.baseline_sample]
    t0 = time.perf_counter()
    c0 = time.process_time()
    matrix = process.cdist(
        [q for q, _ in sample],
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=85,
        workers=1,
    )
    t_base = time.perf_counter() - t0
    cpu_base = time.process_time() - c0
    b_found = b_var = b_flag = b_neg = 0
    for (_q, eid), row in zip(sample, matrix, strict=True):
        hit_ids = {owner[j] for j in row.nonzero()[0]}
        if eid is None:
            b_neg += 1
            b_flag += bool(hit_ids)
        else:
            b_var += 1
            b_found += eid in hit_ids
    base_rate = len(sample) / t_base
    ours = len(names) / t_one
    print(
        f"Baseline (rapidfuzz token_sort_ratio cdist, 1 thread, cut-off 85, {len(choices):,} "
        f"names): {base_rate:,.0f} names/s; variants found {b_found / max(1, b_var):.2%}, "
        f"negatives flagged {b_flag / max(1, b_neg):.2%} (sample of {len(sample):,})"
    )
    print(
        f"Speed ratio, one worker vs baseline: {ours / base_rate:.1f}x wall, "
        f"{(len(names) / cpu_one) / (len(sample) / cpu_base):.1f}x per CPU-second"
    )


if __name__ == "__main__":
    main()
