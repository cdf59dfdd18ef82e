"""The index's compiled inner loops answer as the plain-Python loops they replaced."""

from __future__ import annotations

import heapq
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.match.containers import Csr
from tradecheck.match.search import deletion_neighbours, rank_small


def _reference_rank(lists, weights, common, rec_idf, rec_entity, rec_len, n, q_idf, k):  # type: ignore[no-untyped-def]
    acc: dict[int, float] = {}
    for p, w in zip(lists, weights, strict=True):
        for r in p:
            acc[r] = acc.get(r, 0.0) + w
    for members, w in common:
        for r in acc:
            if r in members:
                acc[r] += w
    per: dict[int, list[tuple[float, int]]] = {}
    for r, a in acc.items():  # records in the order first found
        per.setdefault(rec_entity[r], []).append((2.0 * a / (q_idf + rec_idf[r]), r))
    out = []
    ranked = [sorted(v, key=lambda x: -x[0]) for v in per.values()]  # stable: first of equals
    for recs in heapq.nlargest(k, ranked, key=lambda v: v[0]):
        # The best record, and the runner-up when the best is shorter than the query.
        out.append(recs[0])
        if rec_len[recs[0][1]] < n and len(recs) > 1 and recs[1][0] >= 0.75 * recs[0][0]:
            out.append(recs[1])
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 29), max_size=8), max_size=6),
    st.lists(st.lists(st.integers(0, 29), max_size=10), max_size=2),
    st.integers(1, 12),
    st.integers(1, 5),
)
def test_rank_small_matches_the_reference(
    posting_lists: list[list[int]], commons: list[list[int]], k: int, n: int
) -> None:
    lists = [array("i", p) for p in posting_lists]
    weights = [1.0 + i / 7 for i in range(len(lists))]
    common = [(frozenset(c), 0.3 + i / 11) for i, c in enumerate(commons)]
    rec_idf = array("f", [1.0 + (r % 5) / 3 for r in range(30)])
    rec_entity = array("i", [r // 3 for r in range(30)])
    rec_len = array("i", [1 + r % 4 for r in range(30)])
    got = rank_small(lists, weights, common, rec_idf, rec_entity, rec_len, n, 4.2, k)
    want = _reference_rank(lists, weights, common, rec_idf, rec_entity, rec_len, n, 4.2, k)
    assert got == want


@given(st.text(alphabet="abcdef", min_size=4, max_size=8))
def test_deletion_neighbours_find_tokens_within_two_edits(token: str) -> None:
    vocab_tokens = ["abcd", "abce", "bcde", "abcdef", "fedcba", "aabb", token]
    vocab = {t: i for i, t in enumerate(dict.fromkeys(vocab_tokens))}
    deletes: dict[str, list[int]] = {}
    for t, v in vocab.items():
        for j in range(len(t)):
            deletes.setdefault(t[:j] + t[j + 1 :], []).append(v)
    csr = Csr(deletes)
    near = deletion_neighbours(token, vocab, csr.keys, csr.offsets, csr.data)
    want = set()
    dels = {token[:j] + token[j + 1 :] for j in range(len(token))}
    for t, v in vocab.items():
        t_dels = {t[:j] + t[j + 1 :] for j in range(len(t))}
        if t in dels or token in t_dels or dels & t_dels:
            want.add(v)
    assert near == want
