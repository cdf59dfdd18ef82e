"""The index's compiled inner loops answer as the plain-Python loops they replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.containers import Csr
from tradecheck.match.search import deletion_neighbours


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
