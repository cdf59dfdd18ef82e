"""How two tokens' spellings compare: spelling.c answers as spelling.py, and the edit
distance as rapidfuzz counts it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from tradecheck.match import spelling
from tradecheck.match.native import ext_suffix


def _source_module() -> ModuleType:
    """spelling.py itself, whichever build this process runs."""
    path = Path(spelling.__file__).with_name("spelling.py")
    spec = importlib.util.spec_from_file_location("spelling_source", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PY = _source_module()
COMPILED = str(spelling.__file__).endswith(ext_suffix())
BUILDS = [spelling.osa_distance, PY.osa_distance]


def _textbook(a: str, b: str) -> int:
    """The optimal string alignment distance by its recurrence, in full."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


# Few letters, so that tokens share many (transpositions, repeats); some beyond Latin-1
# (a table of their own in C) and beyond the Basic Multilingual Plane.
LETTERS = st.sampled_from([*"abcdeyz", "\u00e4", "\u0634", "\u4e2d", "\U0001f600"])
TOKENS = st.text(alphabet=LETTERS, max_size=12)


@pytest.mark.skipif(not COMPILED, reason="the C extension is not built")
def test_the_c_extension_is_in_use() -> None:
    assert spelling.osa_distance is not PY.osa_distance
    assert spelling.translit_fold is not PY.translit_fold


@given(TOKENS, TOKENS, st.integers(min_value=0, max_value=14))
@settings(max_examples=3000, deadline=None)
def test_as_rapidfuzz_counts(a: str, b: str, cutoff: int) -> None:
    want = OSA.distance(a, b, score_cutoff=cutoff)
    full = _textbook(a, b)
    assert want == (full if full <= cutoff else cutoff + 1)
    for fn in BUILDS:
        assert fn(a, b, cutoff) == want
        assert fn(b, a, cutoff) == want


@given(
    st.text(alphabet=LETTERS, min_size=50, max_size=90),
    st.text(alphabet=LETTERS, min_size=50, max_size=90),
    st.integers(min_value=0, max_value=100),
)
@settings(max_examples=300, deadline=None)
def test_long_tokens(a: str, b: str, cutoff: int) -> None:
    # Past 64 letters on both sides the C code counts by the recurrence, not by bits.
    want = OSA.distance(a, b, score_cutoff=cutoff)
    for fn in BUILDS:
        assert fn(a, b, cutoff) == want


@pytest.mark.parametrize("fn", BUILDS)
def test_examples(fn) -> None:  # type: ignore[no-untyped-def]
    assert fn("", "", 0) == 0
    assert fn("", "abc", 5) == 3
    assert fn("abc", "", 1) == 2  # capped at cutoff + 1
    assert fn("ab", "ba", 1) == 1  # one transposition
    assert fn("ca", "abc", 5) == 3  # no letter edited twice (Damerau would say 2)
    assert fn("zelenskyy", "zelenskiy", 2) == 1
    assert fn("x" * 64, "x" * 63 + "y", 3) == 1  # the 64th letter, the last bit
    assert fn("a" * 70, "a" * 69 + "b", 3) == 1


@pytest.mark.parametrize("fn", BUILDS)
def test_a_negative_cutoff_is_refused(fn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        fn("ab", "cd", -1)


# --- the transliteration fold


def _fold_reference(token: str) -> str:
    """The fold spelt out from spelling.py's tables: each rule over the whole token, in
    order, by regular expressions (the diphthong on every word of five letters or more)."""
    t = PY._ONSETS.get(token[0], token[0]) + token[1:] if token else token
    if len(t) >= 5:
        t = PY._DIPHTHONG.sub(PY._DIPHTHONG_SIGN, t)
    t = t[:1] + t[1:].replace("j", "y")
    for a, b in PY._FOLDS:
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t, flags=re.DOTALL)


# The letters the fold reads, others beside them (the diphthong's own sign among them).
FOLD_LETTERS = st.sampled_from([*"aeiouyjgkhpcwqxsbdtz", "\u00e4", "\u00f6", "\u0634", "\n"])


@given(st.text(alphabet=FOLD_LETTERS, max_size=16))
@settings(max_examples=5000, deadline=None)
def test_fold_as_spelt_out(token: str) -> None:
    want = _fold_reference(token)
    assert PY.translit_fold(token) == want
    assert spelling.translit_fold(token) == want


@given(st.text(alphabet=FOLD_LETTERS, min_size=60, max_size=200))
@settings(max_examples=300, deadline=None)
def test_fold_of_long_tokens(token: str) -> None:
    # (Past 64 letters the C code works in a buffer of its own.)
    assert spelling.translit_fold(token) == PY.translit_fold(token) == _fold_reference(token)


@pytest.mark.parametrize("fold", [spelling.translit_fold, PY.translit_fold])
def test_fold_examples(fold) -> None:  # type: ignore[no-untyped-def]
    assert fold("") == ""
    assert fold("husayn") == fold("hussein") == fold("husain") == "hus\u00e4n"
    assert fold("andreyev") == "andriv"  # before a vowel: no diphthong
    assert fold("gim") == fold("kim") == "kim"
    assert fold("sergej") == fold("sergey") == fold("sergei") == "sirgi"
    assert fold("jong") == "jung" and fold("yong") == "iung"
    assert fold("maxx") == "maksks" and fold("ggg") == "kg"
