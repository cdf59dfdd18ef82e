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
