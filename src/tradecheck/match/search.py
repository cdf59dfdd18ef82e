"""The candidate index's inner loops, as plain functions compiled with mypyc.

:class:`tradecheck.match.index.Index` stays a Python class (it is weakly referenced,
which a compiled class cannot be), so the loops that run for every query live here,
over the index's containers passed in: counting the candidates of a query with few
postings, and finding a new token's typo neighbours in the deletion map. Same
answers as the loops they replace (``tests/match/test_search.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: An entity's runner-up record is scored only when its overlap is at least this
#: share of the entity's best (those further behind were never found to score higher
#: on a sample of 20,000 benchmark queries; each costs a full scoring).
RUNNER_UP_SHARE: Final = 0.75


def rank_small(
    lists: list[Sequence[int]],
    weights: list[float],
    common: list[tuple[frozenset[int], float]],
    rec_idf: Sequence[float],
    rec_entity: Sequence[int],
    rec_len: Sequence[int],
    n_tokens: int,
    q_idf: float,
    k: int,
) -> list[tuple[float, int]]:
    """The ``k`` best entities by rarity-weighted key overlap, their best record each,
    followed by the entity's runner-up when the best has fewer tokens than the query.

    ``lists[i]`` are the records holding a key of weight ``weights[i]``; ``common``
    are very common keys (their records as a set, their weight), which add to the
    records found otherwise but bring none in. The score of a record is a Dice
    coefficient: twice the overlap over the query's and the record's key weights.
    The overlap favours short names: an entity's short alias (``rec_len``: tokens per
    record) can outrank its full name that matches the query (``n_tokens`` tokens)
    better, so the runner-up of such an entity is returned too (when its overlap is
    at least ``RUNNER_UP_SHARE`` of the best's).
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
    # (``heapq.nlargest`` gives the same, slower: its heap is Python code.)
    best = sorted(per_entity.values(), reverse=True)[:k]
    short: dict[int, int] = {}
    for _, r in best:
        if rec_len[r] < n_tokens:
            short[rec_entity[r]] = r
    if not short:
        return best
    runner_up: dict[int, tuple[float, int]] = {}
    for r, a in acc.items():  # (in the order first found: the first of equals wins)
        e = rec_entity[r]
        first = short.get(e, -1)
        if first < 0 or r == first:
            continue
        sc = 2.0 * a / (q_idf + rec_idf[r])
        cur = runner_up.get(e)
        if cur is None or sc > cur[0]:
            runner_up[e] = (sc, r)
    out: list[tuple[float, int]] = []
    for item in best:
        out.append(item)
        second = runner_up.get(rec_entity[item[1]])
        if second is not None and second[0] >= RUNNER_UP_SHARE * item[0]:
            out.append(second)
    return out


class Gathered:
    """The keys of one query form: postings to count and their weights, common keys."""

    def __init__(self) -> None:
        self.lists: list[Sequence[int]] = []
        self.weights: list[float] = []
        self.common: list[tuple[int, float]] = []
        self.q_idf = 0.0
        self.total = 0


def gather(
    tokens: Sequence[str],
    classes: Sequence[str],
    hits: list[tuple[tuple[int, float], ...]],
    idf: Sequence[float],
    postings: Sequence[Sequence[int]],
    joined_keys: dict[str, int],
    joined_offsets: Sequence[int],
    joined_data: Sequence[int],
    vocab: dict[str, int],
    idf_max: float,
    common_df: int,
    weak_classes: frozenset[str],
) -> Gathered:
    """The keys of a query form (its tokens' ``hits``) and what each brings in.

    Legal forms and generic words (``weak_classes``) and very common tokens (in more
    than ``common_df`` names) only add to candidates found otherwise; adjacent tokens
    joined are keys too, both ways ("hua wei" ~ "huawei").
    """
    g = Gathered()
    has_strong = False
    for c in classes:
        if c not in weak_classes:
            has_strong = True
            break
    for i in range(len(tokens)):
        t = tokens[i]
        th = hits[i]
        best = 0.0
        weak = has_strong and classes[i] in weak_classes
        for vid, sim in th:
            w = idf[vid] * sim
            if w > best:
                best = w
            p = postings[vid]
            if weak or len(p) > common_df:
                g.common.append((vid, w))
            else:
                g.lists.append(p)
                g.weights.append(w)
        slot = joined_keys.get(t)
        if slot is not None:
            start = joined_offsets[slot]
            end = joined_offsets[slot + 1]
            if end - start <= common_df:
                g.lists.append(joined_data[start:end])
                g.weights.append(idf_max * 0.8)
                best = max(best, idf_max * 0.8)
        g.q_idf += best if th or slot is not None else idf_max
    n_tok = len(tokens)
    for i in range(n_tok - 1):
        for n in (2, 3):
            if i + n <= n_tok:
                vid_j = vocab.get("".join(tokens[i : i + n]))
                if vid_j is not None and len(postings[vid_j]) <= common_df:
                    g.lists.append(postings[vid_j])
                    g.weights.append(idf[vid_j])
    for p in g.lists:
        g.total += len(p)
    return g


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


__all__ = ["Gathered", "deletion_neighbours", "gather", "rank_small"]
