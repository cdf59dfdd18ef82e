"""Counting candidates: tally.py ranks as the index always has; tally.c answers as tally.py."""

from __future__ import annotations

import heapq
import importlib.util
import math
from array import array
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.match import tally
from tradecheck.match.index import _WEAK, COMMON_DF, Index
from tradecheck.match.native import ext_suffix
from tradecheck.match.normalize import NameForm, normalize_name
from tradecheck.match.search import PREFIX, RUNNER_UP_SHARE, SUFFIX, gather, may_join
from tradecheck.screening import build_index

from .conftest import ENTITIES, make


def _source_module() -> ModuleType:
    """tally.py itself, whichever build this process runs."""
    path = Path(tally.__file__).with_name("tally.py")
    spec = importlib.util.spec_from_file_location("tally_source", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PY = _source_module()
COMPILED = str(tally.__file__).endswith(ext_suffix())
REC_IDF = array("f", [1.0 + (r % 5) / 3 for r in range(30)])
REC_ENTITY = array("i", [r // 3 for r in range(30)])
REC_LEN = array("i", [1 + r % 4 for r in range(30)])


def _first_found_reference(lists, weights, common, n, q_idf, k):  # type: ignore[no-untyped-def]
    """The index's ranking for few postings, as it was (dictionaries, a heap)."""
    acc: dict[int, float] = {}
    for p, w in zip(lists, weights, strict=True):
        for r in p:
            acc[r] = acc.get(r, 0.0) + w
    for members, w in common:
        for r in acc:
            if r in set(members):
                acc[r] += w
    per: dict[int, list[tuple[float, int]]] = {}
    for r, a in acc.items():  # records in the order first found
        per.setdefault(REC_ENTITY[r], []).append((2.0 * a / (q_idf + REC_IDF[r]), r))
    out = []
    ranked = [sorted(v, key=lambda x: -x[0]) for v in per.values()]  # stable: first of equals
    for recs in heapq.nlargest(k, ranked, key=lambda v: v[0]):
        out.append(recs[0])
        if REC_LEN[recs[0][1]] < n and len(recs) > 1 and recs[1][0] >= 0.75 * recs[0][0]:
            out.append(recs[1])
    return out


def _record_order_reference(lists, weights, common, n, q_idf, k):  # type: ignore[no-untyped-def]
    """The index's ranking for many postings, as it was (numpy, a stable argsort)."""
    ids = np.array([r for p in lists for r in p], dtype=np.int32)
    ws = np.repeat(np.asarray(weights, dtype=np.float64), [len(p) for p in lists])
    recs, inv = np.unique(ids, return_inverse=True)
    sums = np.bincount(inv, weights=ws) if len(ids) else np.zeros(0)
    for members, w in common:
        sums = sums + w * np.isin(recs, np.asarray(members, dtype=np.int32))
    scores = 2.0 * sums / (q_idf + np.asarray(REC_IDF, dtype=np.float64)[recs])
    best: dict[int, int] = {}
    for o in np.argsort(-scores, kind="stable").tolist():
        best.setdefault(REC_ENTITY[int(recs[o])], o)
        if len(best) == k:
            break
    out = []
    for e, o in best.items():
        out.append((float(scores[o]), int(recs[o])))
        if REC_LEN[int(recs[o])] >= n:
            continue
        others = [p for p in range(len(recs)) if p != o and REC_ENTITY[int(recs[p])] == e]
        if others:
            p = max(others, key=lambda p: (scores[p], -p))
            if scores[p] >= 0.75 * scores[o]:
                out.append((float(scores[p]), int(recs[p])))
    return out


_case = st.tuples(
    st.lists(st.lists(st.integers(0, 29), max_size=8), max_size=6),
    st.lists(st.lists(st.integers(0, 29), max_size=12, unique=True), max_size=2),
    st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.25, 2.0]), min_size=6, max_size=6),
    st.integers(1, 12),
    st.integers(1, 5),
)


def _args(case: Any, by_record: bool) -> tuple[Any, ...]:
    posting_lists, commons, ws, k, n = case
    lists = [array("i", p) for p in posting_lists]
    weights = ws[: len(lists)]
    common = [(array("i", sorted(c)), 0.3 + i / 11) for i, c in enumerate(commons)]
    return (lists, weights, common, REC_IDF, REC_ENTITY, REC_LEN, n, 4.2, k, 0.75, by_record)


@settings(max_examples=300, deadline=None)
@given(_case)
def test_the_python_ranking_is_the_index_s_ranking_for_both_sizes(case: Any) -> None:
    posting_lists, commons, ws, k, n = case
    lists = [array("i", p) for p in posting_lists]
    weights = ws[: len(lists)]
    common = [(sorted(c), 0.3 + i / 11) for i, c in enumerate(commons)]
    small = _first_found_reference(lists, weights, common, n, 4.2, k)
    large = _record_order_reference(lists, weights, common, n, 4.2, k)
    assert PY.rank(*_args(case, False)) == small
    assert PY.rank(*_args(case, True)) == large


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
@settings(max_examples=500, deadline=None)
@given(_case, st.booleans())
def test_the_c_ranking_is_the_python_ranking(case: Any, by_record: bool) -> None:
    args = _args(case, by_record)
    assert tally.rank(*args) == PY.rank(*args)


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 29), min_size=1, max_size=3), min_size=1, max_size=2),
    st.lists(st.lists(st.integers(0, 29), min_size=9, max_size=30, unique=True), max_size=2),
    st.booleans(),
)
def test_the_c_ranking_of_long_common_keys_is_the_python_ranking(
    posting_lists: list[list[int]], commons: list[list[int]], by_record: bool
) -> None:
    # Few records found and long common keys: each record looked for in them (a search,
    # not a walk of the key's records).
    lists = [array("i", p) for p in posting_lists]
    common = [(array("i", sorted(c)), 0.3 + i / 11) for i, c in enumerate(commons)]
    args = (lists, [1.0, 0.5][: len(lists)], common, REC_IDF, REC_ENTITY, REC_LEN, 3, 4.2, 5)
    assert tally.rank(*args, 0.75, by_record) == PY.rank(*args, 0.75, by_record)


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
@given(st.lists(st.integers(0, 29), min_size=1, max_size=30), st.integers(1, 1 << 20))
def test_the_c_ranking_meets_entities_beyond_any_seen_before(
    records: list[int], spread: int
) -> None:
    # (The entities' state grows as they are met, in the scoring pass.)
    rec_entity = array("i", [(r * spread) % (1 << 18) for r in range(30)])
    args = ([array("i", records)], [1.0], [], REC_IDF, rec_entity, REC_LEN, 2, 4.2, 4, 0.75)
    assert tally.rank(*args, True) == PY.rank(*args, True)
    assert tally.rank(*args, False) == PY.rank(*args, False)


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
def test_the_c_ranking_refuses_bad_input_and_still_answers_after() -> None:
    good = _args(([[1, 2, 4], [4, 7]], [[4, 5, 6]], [1.0] * 6, 5, 3), True)

    def call(i: int, value: object) -> Callable[[], object]:
        args = list(good)
        args[i] = value
        return lambda: tally.rank(*args)

    with pytest.raises(IndexError):
        call(0, [array("i", [3, 30]), array("i", [1])])()
    with pytest.raises(TypeError):
        call(0, [array("q", [3]), array("i", [1])])()  # (not C ints)
    with pytest.raises(TypeError):
        call(3, array("d", REC_IDF))()
    with pytest.raises(TypeError):
        call(1, ["x", 1.0])()
    with pytest.raises(ValueError):
        call(1, [1.0])()
    with pytest.raises(ValueError):
        call(4, array("i", [0]))()
    assert tally.rank(*good) == PY.rank(*good)
    # Records of the good call counted before the bad one: the state is reset.
    with pytest.raises(IndexError):
        call(0, [array("i", [4, 1]), array("i", [2, 7, 30])])()
    assert tally.rank(*good) == PY.rank(*good)
    with pytest.raises(IndexError):
        call(4, array("i", [-1 if r == 7 else r // 3 for r in range(30)]))()
    assert tally.rank(*good) == PY.rank(*good)


def _index_and_forms() -> tuple[Index, list[NameForm]]:
    """An index with rare, frequent (100+ postings) and very common (600+) tokens."""
    ents = [
        *ENTITIES,
        *(make(f"h{i}", f"Hammami Najib Trading {i % 7} Ltd") for i in range(650)),
        *(make(f"m{i}", f"Mohammad Rezaei {i}") for i in range(120)),
        make("hw", "Hua Wei Ji Shu"),
    ]
    idx = build_index(ents)
    queries = [
        "Najib Hammami",  # only very common tokens: the count is seeded
        "Hammami Trading 3",
        "Mohammad Rezaei",  # 100+ postings: ties in record order
        "Mohamad Rezayi",  # typo neighbours
        "Huawei Technologies Co Ltd",
        "Hua Wei",  # joined both ways
        "HuaWei JiShu",
        "Trading Ltd",
        "Ltd",
        "Zzyzx Qwv",  # no key at all
        "Kim Jong-un",
        "محمد",
    ]
    queries += [n for e in ENTITIES for n in e.names]
    return idx, [f for q in queries for f in normalize_name(q)]


def test_the_index_ranks_as_the_python_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    idx, forms = _index_and_forms()
    got = [idx.candidates(f, k) for f in forms for k in (1, 10)]
    monkeypatch.setattr("tradecheck.match.index.count", PY.candidates)
    monkeypatch.setattr("tradecheck.match.index.rank", PY.rank)
    assert [idx.candidates(f, k) for f in forms for k in (1, 10)] == got
    assert any(len(g) > 5 for g in got)


def _count_args(idx: Index, form: NameForm, k: int) -> tuple[Any, ...]:
    return (
        *(idx._token_cache, idx._token_entry, idx.postings, idx.joined.data, idx.vocab, idx.idf),
        *(math.log(1 + len(idx.rec_raw)), COMMON_DF, _WEAK, idx.rec_idf, idx.rec_entity),
        *(idx._rec_len(), RUNNER_UP_SHARE, 100, form.tokens, form.classes, k),
    )


def _gather(args: tuple[Any, ...]) -> Any:
    tokens, classes = args[14], args[15]
    entries = [args[0].get(t) or args[1](t) for t in tokens]
    return gather(tokens, classes, entries, *args[2:9])


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
def test_the_c_count_of_a_query_form_is_the_python_count() -> None:
    idx, forms = _index_and_forms()
    kinds = set()
    for f in forms:
        args = _count_args(idx, f, 10)
        got = tally.candidates(*args)
        assert got == PY.candidates(*args), f.tokens
        assert tally.candidates(*_count_args(idx, f, 1)) == PY.candidates(*_count_args(idx, f, 1))
        total = _gather(args).total
        kinds.add("seeded" if got is None else "none" if not got else total >= 100)
    assert kinds == {"seeded", "none", True, False}


@pytest.mark.skipif(not COMPILED, reason="tally.c is not built (or not in use)")
def test_the_c_count_refuses_bad_input() -> None:
    idx, forms = _index_and_forms()
    args = list(_count_args(idx, forms[2], 10))
    token = args[14][0]

    def entry(value: object) -> Callable[[str], object]:
        return lambda t: value if t == token else idx._token_entry(t)

    for i, value, error in [
        (15, args[15][:-1], ValueError),  # (classes shorter than tokens)
        (0, [], TypeError),
        (1, entry((-1, -1, 0, len(idx.idf), 1.0)), IndexError),  # (no such vocabulary id)
        (1, entry((-1, -1, 0, 0)), TypeError),  # (an id without its weight)
        (1, entry([-1, -1, 0]), TypeError),
        (1, entry((0, len(idx.joined.data) + 1, 0)), IndexError),  # (past the joined data)
        (5, args[5][:-1], ValueError),
        (3, array("q", args[3]), TypeError),
        (6, "x", TypeError),
    ]:
        bad = list(args)
        bad[i] = value
        if i == 1:
            bad[0] = {}
        with pytest.raises(error):
            tally.candidates(*bad)
    with pytest.raises(TypeError):
        tally.candidates(*args[:-1])
    assert tally.candidates(*args) == PY.candidates(*args)


def test_a_token_s_entry_admits_every_join_it_may_be_part_of() -> None:
    # Adjacent query tokens joined are looked up only when the first begins a longer
    # listed token and the last ends one: every listed token, split anywhere in two
    # or three, is still looked up.
    idx, _ = _index_and_forms()
    for v in idx.vocab:
        for i in range(1, len(v)):
            for j in range(i, len(v)):
                parts = [v[:i], v[j:]] if i == j else [v[:i], v[i:j], v[j:]]
                first, last = idx._token_entry(parts[0]), idx._token_entry(parts[-1])
                assert may_join(parts[0], parts[-1], first[2], last[2]), parts
    vocab = idx._vocab_list()
    for v, flags in zip(vocab, idx.join_flags, strict=True):
        assert bool(flags & PREFIX) == any(len(t) > len(v) and t.startswith(v) for t in vocab)
        assert bool(flags & SUFFIX) == any(len(t) > len(v) and t.endswith(v) for t in vocab)
    assert idx._token_entry("hua")[2] == PREFIX and idx._token_entry("shu")[2] == 0
    assert not may_join("hua", "shu", PREFIX, 0)
    assert may_join("", "qwv", 0, 0) and may_join("zzyzx", "qwv", 3, 3)  # (not listed)
