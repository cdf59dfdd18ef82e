"""The candidate index's inner loops, as plain functions compiled with mypyc.

:class:`tradecheck.match.index.Index` stays a Python class (it is weakly referenced,
which a compiled class cannot be), so the loops that run for every query live here,
over the index's containers passed in: counting the candidates of a query with few
postings, and finding a new token's typo neighbours in the deletion map. Same
answers as the loops they replace (``tests/match/test_search.py``).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def rank_small(
    lists: list[Sequence[int]],
    weights: list[float],
    common: list[tuple[frozenset[int], float]],
    rec_idf: Sequence[float],
    rec_entity: Sequence[int],
    q_idf: float,
    k: int,
) -> list[tuple[float, int]]:
    """The ``k`` best entities (best record each) by rarity-weighted key overlap.

    ``lists[i]`` are the records holding a key of weight ``weights[i]``; ``common``
    are very common keys (their records as a set, their weight), which add to the
    records found otherwise but bring none in. The score of a record is a Dice
    coefficient: twice the overlap over the query's and the record's key weights.
    """
    acc: dict[int, float] = {}
    for i in range(len(lists)):
        w = weights[i]
        for r in lists[i]:
            acc[r] = acc.get(r, 0.0) + w
    for members, w in common:
        for r in list(acc):
            if r in members:
                acc[r] += w
    per_entity: dict[int, tuple[float, int]] = {}
    for r, a in acc.items():
        sc = 2.0 * a / (q_idf + rec_idf[r])
        e = rec_entity[r]
        cur = per_entity.get(e)
        if cur is None or sc > cur[0]:
            per_entity[e] = (sc, r)
    return heapq.nlargest(k, per_entity.values())


def deletion_neighbours(
    token: str,
    vocab: dict[str, int],
    dkeys: dict[str, int],
    doffs: Sequence[int],
    ddata: Sequence[int],
) -> set[int]:
    """Vocabulary ids within two edits of ``token`` by the symmetric-deletion method.

    Every listed token of four letters or more is filed under its one-letter
    deletions (``dkeys`` → slice of ``ddata``): the token itself and each of its own
    deletions are looked up there and in the vocabulary.
    """
    near: set[int] = set()
    slot = dkeys.get(token)
    if slot is not None:
        for i in range(doffs[slot], doffs[slot + 1]):
            near.add(ddata[i])
    for j in range(len(token)):
        d = token[:j] + token[j + 1 :]
        v = vocab.get(d)
        if v is not None:
            near.add(v)
        slot = dkeys.get(d)
        if slot is not None:
            for i in range(doffs[slot], doffs[slot + 1]):
                near.add(ddata[i])
    return near


__all__ = ["deletion_neighbours", "rank_small"]
