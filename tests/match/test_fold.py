"""Tokens and folding (match/fold.py): the paths that skip work give the same tokens."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.fold import basic_tokens, fold, nfkc_tokens
from tradecheck.match.normalize import normalize_text


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Alpha limited liabillity company", "alpha llc"),  # a letter added
        ("Alpha limited lability company", "alpha llc"),  # a letter left out
        ("Alpha limited liablity company", "alpha llc"),  # two letters swapped
        ("Alpha limited liebility company", "alpha llc"),  # a letter changed
        ("Alpha joint stokc company", "alpha ao"),
        # The misspelt word is another phrase's word as it stands ("limitada").
        ("Alpha Societatea cu Raspundere Limitada", "alpha sa"),
        ("Alpha limited liability company", "alpha llc"),  # no typo
        ("Alpha Trading and Sons", "alpha trading and sons"),  # phrase words, no phrase
    ],
)
def test_phrase_with_one_typo_folds(name: str, folded: str) -> None:
    # Twice: the second time every token's reading is remembered.
    assert normalize_text(name) == folded
    assert normalize_text(name) == folded


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Alpha 1st & co", ["alpha", "1", "and", "co"]),
        ("O'Neil & Sons 3rd", ["oneil", "and", "sons", "3"]),
        ("Ig0r Sech1n", ["igor", "sechin"]),
        ("Ａｌｐｈａ　٣rd", ["alpha", "3"]),  # full-width letters, an Arabic-Indic digit
        ("Plain Name, Ltd.", ["plain", "name", "ltd"]),
    ],
)
def test_rewriting_passes(name: str, tokens: list[str]) -> None:
    assert basic_tokens(name) == tokens


@given(st.text(max_size=30))
def test_tokens_of_nfkc_text(text: str) -> None:
    nfkc = unicodedata.normalize("NFKC", text)
    assert nfkc_tokens(nfkc) == basic_tokens(text)
    assert fold(nfkc_tokens(nfkc)) == fold(basic_tokens(text))


def _tokens_reference(text: str) -> list[str]:
    """:func:`nfkc_tokens` as written before its words were read one by one (the
    whole text at once, every pass over it)."""
    from tradecheck.match.fold import (
        _APOSTROPHES,
        _LEET,
        _LEET_HINT,
        _LEET_MAP,
        _ORDINAL,
        _REWRITTEN,
        _TOKEN,
    )
    from tradecheck.match.translit import transliterate

    t = text.casefold()
    if not t.isascii():
        t = transliterate(_APOSTROPHES.sub("", t)).lower()
    if _REWRITTEN.search(t) is not None:
        t = t.replace("&", " and ")
        t = _APOSTROPHES.sub("", t)
        t = _ORDINAL.sub(r"\1", t)
        if _LEET_HINT.search(t):
            t = _LEET.sub(lambda m: _LEET_MAP[m.group(0)], t)
    return _TOKEN.findall(t)


# Letters of several scripts, digits, the rewritten characters, separators.
_MIXED = st.text(
    alphabet="abcxyz ABZ  -.,&'’`´ʻ0134579 stndrh ñüéßİ ЖжщЯ ΑαβουντΣς ابپتعلی"
    "中国华为技术有限公司第十三 김정 \u200c\u3000",
    max_size=30,
)


@given(_MIXED)
def test_tokens_read_word_by_word_as_whole_text(text: str) -> None:
    nfkc = unicodedata.normalize("NFKC", text)
    # Twice: the second time the words' tokens are remembered.
    assert nfkc_tokens(nfkc) == _tokens_reference(nfkc)
    assert nfkc_tokens(nfkc) == _tokens_reference(nfkc)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ ", max_size=30))
def test_letters_and_spaces_read_as_any_text(text: str) -> None:
    # The path for letters and spaces only, and the general one ("." sends it there).
    assert nfkc_tokens(text) == nfkc_tokens(text + ".") == _tokens_reference(text)


def _typos_reference(tok: str) -> tuple[str | None, tuple[str, str] | None, bool]:
    """The three typo look-ups of a token as first written, each with its own
    deletions and table: (legal word, generic word, misspells a phrase word)."""
    from rapidfuzz.distance import OSA

    from tradecheck.match.fold import (
        _generic_deletions,
        _generic_words,
        _legal_typos,
        _phrase_word_deletions,
    )

    legal = None
    if len(tok) >= 6 and tok.isalpha():
        typos = _legal_typos()
        cands = {typos.get(tok)}
        cands.update(typos.get(tok[:i] + tok[i + 1 :]) for i in range(len(tok)))
        for word in sorted(c for c in cands if c):
            if len(word) >= 7 and OSA.distance(tok, word, score_cutoff=1) <= 1:
                legal = word
                break
    generic = None
    if len(tok) >= 7 and tok.isalpha():
        dels = _generic_deletions()
        gc: set[str] = set(dels.get(tok, ()))
        for i in range(len(tok)):
            gc.update(dels.get(tok[:i] + tok[i + 1 :], ()))
        for w in sorted(gc):
            if OSA.distance(tok, w, score_cutoff=1) <= 1:
                generic = _generic_words()[w]
                break
    misspells = False
    if len(tok) >= 4 and tok.isalpha():
        pdels = _phrase_word_deletions()
        pc = set(pdels.get(tok, ()))
        for i in range(len(tok)):
            pc.update(pdels.get(tok[:i] + tok[i + 1 :], ()))
        misspells = any(w != tok and OSA.distance(tok, w, score_cutoff=1) <= 1 for w in pc)
    return legal, generic, misspells


def _typos(tok: str) -> tuple[str | None, tuple[str, str] | None, bool]:
    from tradecheck.match.fold import (
        _generic_typo,
        _legal_typo,
        _misspells_phrase_word,
        _near_words,
    )

    legal, generic, phrase = _near_words(tok)
    return _legal_typo(tok, legal), _generic_typo(tok, generic), _misspells_phrase_word(tok, phrase)


@pytest.mark.parametrize(
    "tok",
    [
        "limtied",
        "limitde",
        "copmany",
        "berhad",
        "bertha",
        "technolgies",
        "internatonal",
        "liablity",
        "stokc",
        "limitada",
        "company",
        "alpha",
        "ltd",
        "a1b2",
    ],
)
def test_typo_look_ups_in_one_pass(tok: str) -> None:
    assert _typos(tok) == _typos_reference(tok)


@given(st.text(alphabet="abcdeilmnoprstuy", min_size=3, max_size=12))
def test_typo_look_ups_in_one_pass_any_token(tok: str) -> None:
    assert _typos(tok) == _typos_reference(tok)


def test_some_typos_are_found() -> None:
    assert _typos("limtied")[0] == "limited"
    assert _typos("technolgies")[1] is not None
    assert _typos("liablity")[2]
