"""Accuracy of party screening on the shared evaluation data (prints its figures).

Three measures, at the default threshold (or ``--threshold``):

1. precision / recall / F1 on the 826 labelled name pairs of nomenklatura's
   name_bench (``compare`` on each pair, name2 taken as the listed name; the pair's
   schema gives person/org), overall and per case group;
2. recall of the 683 "treated" UN persons (typos, reordering) against the UN list:
   the share that gets at least one UN match;
3. false-positive rate of the 50,000 synthetic innocent persons (yente negatives)
   screened against the whole default bundle: the share with any match. Those
   whose match is an exact name equality (every token the same) are counted apart:
   no name-only screener can tell them from the listed person.

Usage::

    .venv/bin/python benchmarks/accuracy.py [--threshold 0.8] [--sweep] [--negatives N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity
from tradecheck.lists.datasets import bundled_datasets, get_dataset
from tradecheck.match.index import Index
from tradecheck.match.listing import compare_listed
from tradecheck.screening import (
    build_index,
    default_min_score,
    default_thresholds,
    screen_party,
)

EVAL = Path(
    os.environ.get("TRADECHECK_EVAL_DIR")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "eval"
)


def _rows(name: str) -> list[dict[str, str]]:
    with open(EVAL / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair_scores() -> list[tuple[float, bool, dict[str, str]]]:
    """Score every labelled pair: (score, is_match, row)."""
    out = []
    for r in _rows("nomenklatura_name_bench_cases.csv"):
        # name2 taken as the listed name, as `tradecheck compare` does (qualifiers).
        ps, pen, _ = compare_listed(r["name1"], r["name2"], person=r["schema"] == "Person")
        out.append((round(ps.score - pen, 4) if ps else 0.0, r["is_match"] == "true", r))
    return out


def pairs_report(
    scored: list[tuple[float, bool, dict[str, str]]], th: float | None
) -> dict[str, Any]:
    """Precision, recall, F1 overall and per case group at ``th`` (None: the defaults)."""
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for s, m, r in scored:
        kind = "person" if r["schema"] == "Person" else "organization"
        pred = s >= (default_min_score(kind) if th is None else th)
        k = 0 if pred and m else 1 if pred else 2 if m else 3
        groups[r["case_group"]][k] += 1
        groups["ALL"][k] += 1
    rep = {}
    for g, (tp, fp, fn, tn) in sorted(groups.items()):
        p, rc, f = _prf(tp, fp, fn)
        rep[g] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": rc, "f1": f}
    return rep


def load_bundle() -> list[Entity]:
    """Every entity of the bundled default snapshot."""
    ents: list[Entity] = []
    for d in bundled_datasets():
        ents.extend(d.load_bundled().entities)
    return ents


THRESHOLDS = (0.75, 0.8, 0.85, 0.88, 0.89, 0.9, 0.95)


def un_recall(th: float) -> dict[str, Any]:
    """Share of the treated UN persons that find a UN entry, at ``th`` and at other thresholds."""
    idx = build_index(get_dataset("un-sc").load_bundled().entities)
    rows = _rows("yente_positives_un_treated.csv")
    best: list[float] = []
    misses = []
    for r in rows:
        res = screen_party(
            r["full_name"],
            type="person",
            country=(r.get("nationality") or "").upper() or None,
            index=idx,
            min_score=0.5,
            limit=1,
        )
        top = res.matches[0].score if res.matches else 0.0
        best.append(top)
        if top < th:
            misses.append(r["full_name"])
    found = sum(1 for b in best if b >= th)
    return {
        "n": len(rows),
        "found": found,
        "recall": found / len(rows),
        "by_threshold": {t: sum(1 for b in best if b >= t) / len(rows) for t in THRESHOLDS},
        "misses": misses[:15],
    }


def _exact_equal(explain: dict[str, Any]) -> bool:
    return (
        not explain["unmatched_query"]
        and not explain["unmatched_candidate"]
        and all(t["how"] == "exact" for t in explain["tokens"])
    )


def false_positives(idx: Index, th: float, limit: int | None) -> dict[str, Any]:
    """Share of the synthetic innocent persons with any match, at ``th`` and other thresholds."""
    rows = _rows("yente_negatives_global.csv")[:limit]
    tops: list[float] = []
    exact = 0
    examples = []
    t0 = time.perf_counter()
    for r in rows:
        res = screen_party(r["full_name"], type="person", index=idx, min_score=0.5, limit=1)
        top = res.matches[0].score if res.matches else 0.0
        tops.append(top)
        if top >= th:
            m = res.matches[0]
            if _exact_equal(m.explain):
                exact += 1
            elif len(examples) < 15:
                examples.append(f"{r['full_name']} ~ {m.matched_name} ({m.score})")
    hits = sum(1 for t in tops if t >= th)
    return {
        "n": len(rows),
        "with_match": hits,
        "rate": hits / len(rows),
        "by_threshold": {t: sum(1 for x in tops if x >= t) / len(rows) for t in THRESHOLDS},
        "exact_name_equal": exact,
        "rate_excluding_exact_equal": (hits - exact) / len(rows),
        "seconds": time.perf_counter() - t0,
        "examples": examples,
    }


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--sweep", action="store_true", help="F1 on the pairs at 0.60..0.95")
    ap.add_argument("--negatives", type=int, default=None, help="only the first N negatives")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    # Persons (the UN positives and the negatives are persons) at the person threshold.
    th = default_min_score("person") if args.threshold is None else args.threshold
    out: dict[str, Any] = {"threshold": args.threshold, "thresholds": default_thresholds()}
    scored = pair_scores()
    if args.sweep:
        for t in [x / 100 for x in range(60, 96, 2)]:
            a = pairs_report(scored, t)["ALL"]
            print(
                f"  threshold {t:.2f}: P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f}"
            )
    out["pairs"] = pairs = pairs_report(scored, args.threshold)
    where = (
        f"threshold {args.threshold:.2f}"
        if args.threshold is not None
        else "the default thresholds " + str(default_thresholds())
    )
    print(f"Labelled pairs (n={len(scored)}) at {where}:")
    for g, v in pairs.items():
        print(
            f"  {g:16s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  "
            f"(tp {v['tp']} fp {v['fp']} fn {v['fn']} tn {v['tn']})"
        )
    out["un_recall"] = un = un_recall(th)
    print(f"UN treated persons at {th:.2f}: recall {un['recall']:.4f} ({un['found']}/{un['n']})")
    for m in un["misses"][:8]:
        print(f"    missed: {m}")
    t0 = time.perf_counter()
    idx = build_index(load_bundle())
    print(
        f"Default bundle index: {idx.meta['entities']} entities, {idx.meta['records']} names, "
        f"built in {time.perf_counter() - t0:.1f} s"
    )
    out["negatives"] = neg = false_positives(idx, th, args.negatives)
    print(
        f"Synthetic negatives at {th:.2f}: false-positive rate {neg['rate']:.4%} "
        f"({neg['with_match']}/{neg['n']}); exact name equalities {neg['exact_name_equal']}; "
        "rate without them "
        f"{neg['rate_excluding_exact_equal']:.4%}"
    )
    for e in neg["examples"][:8]:
        print(f"    {e}")
    print("Threshold trade-off (UN recall / negatives flagged):")
    for t in THRESHOLDS:
        print(
            f"  {t:.2f}: UN recall {un['by_threshold'][t]:.4f}  "
            f"false-positive rate {neg['by_threshold'][t]:.4%}"
        )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
