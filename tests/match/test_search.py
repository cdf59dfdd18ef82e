"""The index's compiled inner loops answer as the plain-Python loops they replaced."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.abjad import ABJAD_SIM, MARK, latin_key, spells
from tradecheck.match.containers import Csr
from tradecheck.match.index import Index
from tradecheck.match.search import (
    PREFIX,
    SUFFIX,
    by_use,
    deletion_neighbours,
    most_used,
    nearest,
    script_hits,
    token_entry,
)
from tradecheck.screening import build_index

from .conftest import ENTITIES, make


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


def test_a_token_entry_reads_kept_neighbours_or_finds_them() -> None:
    vocab = {"abc": 0, "abd": 1}
    joined = ({"abc": 0}, array("i", [0, 2]))
    flags = array("b", [PREFIX, SUFFIX])
    kept = (array("i", [0, 2, 3]), array("i", [0, 1, 1]), array("d", [1.0, 0.5, 1.0]))
    idf = [2.0, 3.0]
    asked: list[str] = []

    def hits(token: str) -> tuple[tuple[int, float], ...]:
        asked.append(token)
        return ((1, 0.25),)

    cache: dict[str, tuple[object, ...]] = {}

    def entry(token: str, with_kept: bool = True, cache_max: int = 10) -> tuple[object, ...]:
        held = kept if with_kept else None
        return token_entry(cache, cache_max, hits, vocab, joined, flags, held, idf, token)

    assert entry("abc") == (0, 2, PREFIX, 0, 2.0, 1, 1.5)  # (2.0 × 1.0, 3.0 × 0.5)
    assert entry("abd", with_kept=False) == (-1, -1, SUFFIX, 1, 0.75)
    assert entry("xyz") == (-1, -1, PREFIX | SUFFIX, 1, 0.75)
    assert asked == ["abd", "xyz"]
    assert list(cache) == ["abc", "abd", "xyz"]
    entry("abc", cache_max=2)
    assert list(cache) == ["abc"]  # (emptied when over its bound, then filled again)


def test_kept_entries_are_those_made_on_first_sight() -> None:
    idx = build_index([*ENTITIES, make("p1", "Mohammad Rezaei"), make("p2", "Muhammad Rezai")])
    assert idx._kept_hits
    tokens = [*idx.vocab, "mohamad", "rezay", "hikvisoin"]
    kept = {t: idx._token_entry(t) for t in tokens}
    idx._kept_hits = False
    idx._token_cache.clear()
    assert {t: idx._token_entry(t) for t in tokens} == kept


def test_the_arabic_script_key_map_is_kept_in_the_index_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (A name in Arabic script among the listed: the map is made when the index is.)
    ents = [make("p1", "Mohammad Rashid"), make("p2", "قاسم سلیمانی")]
    path = tmp_path / "index.pkl"
    build_index(ents).save(path)
    fresh = Index.load(path)
    want = fresh._token_hits(MARK + "رشيد")
    assert "script_keys" in fresh.__dict__
    assert fresh._vocab_list()[want[0][0]] == "rashid"
    # Loaded with the neighbours: the map is read from the file, not made again.
    loaded = Index.load(path)
    monkeypatch.setattr("tradecheck.match.index.latin_key", _not_called)
    assert loaded._token_hits(MARK + "رشيد") == want
    # Kept by other code: made again.
    loaded = Index.load(path)
    loaded._kept_hits = False
    with pytest.raises(AssertionError, match="made again"):
        loaded._token_hits(MARK + "رشيد")


def _not_called(token: str) -> str:
    raise AssertionError("made again")


def test_script_hits_rank_the_nearest_then_the_most_used_spellings() -> None:
    vocab_list = ["mohammad", "mohamad", "muhamad", "rashid", "mahmud"]
    postings = [array("i", range(n)) for n in (3, 5, 5, 9, 1)]
    order = by_use(postings)
    assert order == [3, 1, 2, 0, 4]
    by_key: dict[str, list[int]] = {}
    for place, v in enumerate(order):
        by_key.setdefault(latin_key(vocab_list[v]), []).append(place)
    keys = Csr(by_key)
    word = "محمد"
    out = {4: 1.0}  # (its exact match, found already)
    got = script_hits(
        word, out, (keys.keys, keys.offsets, keys.data), order, vocab_list, postings, 2
    )
    assert got == ((4, 1.0), (1, ABJAD_SIM))
    assert 1 in out and 2 in out and 0 not in out  # (tried by use: stopped at the 2nd found)
    out = {4: 1.0}
    got = script_hits(
        word, out, (keys.keys, keys.offsets, keys.data), order, vocab_list, postings, 5
    )
    assert got == ((4, 1.0), (1, ABJAD_SIM), (2, ABJAD_SIM), (0, ABJAD_SIM))


@given(
    st.lists(
        st.sampled_from(
            [
                "mohammad",
                "mohamad",
                "muhamad",
                "mahmud",
                "mhmd",
                "muhammed",
                "hamid",
                "ahmad",
                "mahmood",
            ]
        ),
        min_size=1,
        max_size=9,
        unique=True,
    ),
    st.lists(st.integers(0, 6), min_size=9, max_size=9),
    st.integers(0, 6),
    st.sampled_from(["محمد", "محمود", "احمد", "حامد"]),
)
def test_script_hits_are_the_spellings_all_found_then_ranked(
    vocab_list: list[str], uses: list[int], keep: int, word: str
) -> None:
    # Tried by use and cut at the last kept, as every spelling found then ranked.
    postings = [array("i", range(uses[v])) for v in range(len(vocab_list))]
    order = by_use(postings)
    by_key: dict[str, list[int]] = {}
    for place, v in enumerate(order):
        by_key.setdefault(latin_key(vocab_list[v]), []).append(place)
    keys = Csr(by_key)
    every = {v: ABJAD_SIM for v, t in enumerate(vocab_list) if spells(word, t)}
    want = most_used(every, postings, keep)
    got = script_hits(
        word, {}, (keys.keys, keys.offsets, keys.data), order, vocab_list, postings, keep
    )
    assert got == want


@given(
    st.dictionaries(st.integers(0, 11), st.sampled_from([0.5, 0.9, 1.0]), max_size=12),
    st.integers(0, 13),
)
def test_most_used_is_the_sorted_ranking_cut(out: dict[int, float], keep: int) -> None:
    postings = [array("i", range(n % 4)) for n in range(12)]
    want = sorted(out.items(), key=lambda vs: (-vs[1], -len(postings[vs[0]]), vs[0]))[:keep]
    assert most_used(out, postings, keep) == tuple(want)


@given(
    st.dictionaries(st.integers(0, 11), st.sampled_from([0.5, 0.75, 0.9, 1.0]), max_size=12),
    st.integers(0, 13),
)
def test_nearest_is_the_sorted_ranking_cut(out: dict[int, float], keep: int) -> None:
    want = sorted(out.items(), key=lambda vs: (-vs[1], vs[0]))[:keep]
    assert nearest(out, keep) == tuple(want)
