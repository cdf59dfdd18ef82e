"""The index's heap settling and what it makes before it (qualifier words, vocabulary list)."""

from __future__ import annotations

import gc
import pickle
import weakref
from pathlib import Path

import pytest

from tradecheck.match import index as index_mod
from tradecheck.match.index import Index
from tradecheck.match.listing import qualifier_tokens, qualifier_words
from tradecheck.match.normalize import normalize_name
from tradecheck.screening import build_index, screen_party

from .conftest import make


def test_qualifier_words_are_found_when_the_index_is_built() -> None:
    idx = build_index(
        [make("el-sub", "Huawei Technologies (Ruritania) Co., Ltd."), make("el-x", "Acme")]
    )
    short = [r for r, raw in enumerate(idx.rec_raw) if raw.startswith("Huawei")]
    got = {r: qualifier_tokens(idx, r) for r in short}
    assert ("ruritania",) in got.values()
    assert set(idx.rec_qualifiers) == {r for r, w in got.items() if w}
    for r, w in got.items():
        assert w == qualifier_words(idx.rec_raw[r], set(idx.rec_tokens[r]))


def test_an_index_file_without_them_has_them_found_on_load(tmp_path: Path) -> None:
    idx = build_index([make("el-sub", "Huawei Technologies (Ruritania) Co., Ltd.")])
    path = tmp_path / "index.pkl"
    idx.save(path)
    state = pickle.loads(path.read_bytes())
    del state["rec_qualifiers"]  # (as a file of format 7 holds it)
    path.write_bytes(pickle.dumps(state))
    assert Index.load(path).rec_qualifiers == idx.rec_qualifiers != {}


def test_the_index_settles_the_heap_again_after_its_first_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    idx = build_index([make("el-x", "Acme Rocket Works")])
    assert "_vl" in idx.__dict__  # (the vocabulary list is made before the first settling)
    monkeypatch.setattr(index_mod, "SETTLE_AGAIN_AT", 3)
    form = normalize_name("Acme Rockets")[0]
    idx.candidates(form)
    idx.candidates(form)
    late = [object()]  # made after the first settling: tracked
    assert gc.is_tracked(late)
    before = gc.get_freeze_count()
    idx.candidates(form)
    assert gc.get_freeze_count() > before  # settled: `late` is frozen now
    idx.candidates(form)
    assert idx._searches == 4


def test_settling_sets_the_collector_thresholds_unless_the_process_set_its_own() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(*index_mod.PYTHON_GC_THRESHOLDS)
        build_index([make("el-x", "Acme Rocket Works")])
        assert gc.get_threshold() == index_mod.SETTLED_GC_THRESHOLDS
        gc.set_threshold(1234, 5, 6)
        build_index([make("el-x", "Acme Rocket Works")])
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*before)


def _let_go(loaded: bool, search: bool, tmp_path: Path) -> weakref.ref[Index]:
    """A weak reference to an index built (or built, saved and loaded), perhaps
    searched, once the last reference to it has gone (the collector kept off)."""
    idx = build_index([make("el-h", "Huawei Technologies Co., Ltd."), make("sdn-a", "Ali Hassan")])
    if loaded:
        path = tmp_path / "index.pkl"
        idx.save(path)
        idx = Index.load(path)
    if search:
        # Tokens seen for the first time, Latin and in Arabic script; then the
        # index's bound containers made again (kept neighbours switched off).
        for q in ("Huawey Technologys", "علي حسن", "Hasan Aly"):
            screen_party(q, index=idx)
        idx._kept_hits = not idx._kept_hits
        screen_party("Hasen Ali", index=idx)
    ref = weakref.ref(idx)
    del idx
    return ref


@pytest.mark.parametrize("loaded", [False, True])
@pytest.mark.parametrize("search", [False, True])
def test_an_index_let_go_is_freed_without_the_collector(
    loaded: bool, search: bool, tmp_path: Path
) -> None:
    """A settled index is frozen: a reference cycle through it (a bound method of its
    own among its containers) would keep it in memory for the process's life."""
    gc.disable()
    try:
        assert _let_go(loaded, search, tmp_path)() is None
    finally:
        gc.enable()
