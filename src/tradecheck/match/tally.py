"""Counting a query's candidates: the reference in Python for the C extension of this name.

:meth:`tradecheck.match.index.Index.candidates` counts, for every record holding one
of the query's keys, the rarity weight of the keys it holds, and keeps the best few
entities. ``setup.py`` compiles ``tally.c``, the same functions in C over a reusable
accumulator (no per-query dictionaries or numpy arrays), into a binary that
Python imports in preference to this file (its :func:`candidates` gathers the
keys too, reading the index's containers in place); :mod:`tradecheck.match.native`
uses it only while it was built from the sources in place (else this file runs:
with dictionaries for a few postings, numpy for many). Both give the same
answers, to the last bit and tie: ``tests/match/test_tally.py``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from tradecheck.match.search import Entry, gather


def _holds(postings: Sequence[int], r: int) -> bool:
    i = bisect_left(postings, r)
    return i < len(postings) and postings[i] == r


def rank(
    lists: Sequence[Any],
    weights: Sequence[float],
    common: Sequence[tuple[Any, float]],
    rec_idf: Sequence[float],
    rec_entity: Sequence[int],
    rec_len: Sequence[int],
    n_tokens: int,
    q_idf: float,
    k: int,
    share: float,
    by_record: bool,
) -> list[tuple[float, int]]:
    """The ``k`` best entities by rarity-weighted key overlap, their best record each,
    followed by the entity's runner-up when the best has fewer tokens than the query.

    ``lists[i]`` are the records holding a key of weight ``weights[i]``; ``common``
    are very common keys (their records, ascending, and their weight), which add to
    the records found otherwise but bring none in. A record's overlap is the sum of
    its weights in that order (lists, then common keys), from 0.0; its score a Dice
    coefficient: twice the overlap over the query's (``q_idf``) and the record's key
    weights. The overlap favours short names: an entity's short alias (``rec_len``:
    tokens per record) can outrank its full name that matches the query
    (``n_tokens`` tokens) better, so the runner-up of such an entity follows it
    when its score is at least ``share`` of the best's.

    Ties: with ``by_record`` an entity's best (and runner-up) is the first of equals
    in record order, and entities of equal score come in record order; without it
    the first of equals in the order the records were first found, and entities of
    equal score from the highest record down. (Both orders are kept: each is the
    one the index has always used for its query size.) The lists and the common
    keys' records are buffers of C ints (the index's arrays and slices of them).
    """
    if by_record:
        return _rank_by_record(
            lists, weights, common, rec_idf, rec_entity, rec_len, n_tokens, q_idf, k, share
        )
    acc: dict[int, float] = {}
    for i in range(len(lists)):
        w = weights[i]
        for r in lists[i]:
            acc[r] = acc.get(r, 0.0) + w
    for members, w in common:
        for r in acc:
            if _holds(members, r):
                acc[r] += w
    order = list(acc)
    scores = {r: 2.0 * acc[r] / (q_idf + rec_idf[r]) for r in order}
    per_entity: dict[int, int] = {}
    for r in order:
        e = rec_entity[r]
        cur = per_entity.get(e)
        if cur is None or scores[r] > scores[cur]:
            per_entity[e] = r
    best = sorted(per_entity.values(), key=lambda r: (scores[r], r), reverse=True)[:k]
    short = {rec_entity[r]: r for r in best if rec_len[r] < n_tokens}
    runner_up: dict[int, int] = {}
    for r in order:
        e = rec_entity[r]
        first = short.get(e, -1)
        if first < 0 or r == first:
            continue
        cur = runner_up.get(e)
        if cur is None or scores[r] > scores[cur]:
            runner_up[e] = r
    out: list[tuple[float, int]] = []
    for r in best:
        out.append((scores[r], r))
        second = runner_up.get(rec_entity[r])
        if second is not None and scores[second] >= share * scores[r]:
            out.append((scores[second], second))
    return out


def _rank_by_record(
    lists: Sequence[Any],
    weights: Sequence[float],
    common: Sequence[tuple[Any, float]],
    rec_idf: Any,
    rec_entity: Any,
    rec_len: Sequence[int],
    n_tokens: int,
    q_idf: float,
    k: int,
    share: float,
) -> list[tuple[float, int]]:
    """:func:`rank` with ties in record order, counted with numpy (many postings).

    (``rec_idf`` and ``rec_entity`` are the index's arrays of C floats and ints.)
    """
    ids = np.frombuffer(b"".join(lists), dtype=np.int32)
    ws = np.repeat(np.asarray(weights, dtype=np.float64), [len(p) for p in lists])
    recs, inv = np.unique(ids, return_inverse=True)
    sums = np.bincount(inv, weights=ws) if len(ids) else np.zeros(0)
    for members, w in common:
        p = np.frombuffer(members, dtype=np.int32)
        if len(p):
            at = np.minimum(np.searchsorted(p, recs), len(p) - 1)
            sums = sums + w * (p[at] == recs)
    idf = np.frombuffer(rec_idf, dtype=np.float32)[recs].astype(np.float64)
    scores = 2.0 * sums / (q_idf + idf)
    ents = np.frombuffer(rec_entity, dtype=np.int32)[recs]
    best: dict[int, int] = {}  # entity -> position of its best record, best first
    for o in np.argsort(-scores, kind="stable").tolist():
        best.setdefault(int(ents[o]), o)
        if len(best) == k:
            break
    out: list[tuple[float, int]] = []
    for e, o in best.items():
        out.append((float(scores[o]), int(recs[o])))
        if rec_len[int(recs[o])] >= n_tokens:
            continue
        # Its runner-up: the best of its other records (the first of equals).
        others = np.flatnonzero(ents == e)
        others = others[others != o]
        if len(others):
            second = int(others[np.argmax(scores[others])])
            if scores[second] >= share * scores[o]:
                out.append((float(scores[second]), int(recs[second])))
    return out


def candidates(
    cache: dict[str, Entry],
    miss: Callable[[str], Entry],
    postings: list[Any],
    joined_data: Sequence[int],
    vocab: dict[str, int],
    idf: list[float],
    idf_max: float,
    common_df: int,
    weak_classes: frozenset[str],
    rec_idf: Sequence[float],
    rec_entity: Sequence[int],
    rec_len: Sequence[int],
    share: float,
    by_record_min: int,
    tokens: tuple[str, ...],
    classes: tuple[str, ...],
    k: int,
) -> list[tuple[float, int]] | None:
    """:func:`rank` of the keys of a query form (:func:`tradecheck.match.search.gather`);
    None when it has only very common keys (the caller then seeds the count).

    The index's containers come first (the index binds them once, with
    :func:`functools.partial`), the query form's ``tokens`` and ``classes`` and the
    number of entities wanted last.

    Each token's entry (:data:`tradecheck.match.search.Entry`) is read from ``cache``,
    or made by ``miss(token)`` (which may empty the cache) when not there. Records of
    equal overlap rank in record order from ``by_record_min`` postings on.
    ``postings`` are the index's (buffers of C ints, ascending).
    """
    entries = [cache.get(t) or miss(t) for t in tokens]
    g = gather(
        tokens,
        classes,
        entries,
        postings,
        joined_data,
        vocab,
        idf,
        idf_max,
        common_df,
        weak_classes,
    )
    if g.total == 0:
        return None if g.common else []
    return rank(
        g.lists,
        g.weights,
        [(postings[vid], w) for vid, w in g.common],
        rec_idf,
        rec_entity,
        rec_len,
        len(tokens),
        g.q_idf,
        k,
        share,
        g.total >= by_record_min,
    )


__all__ = ["candidates", "rank"]
