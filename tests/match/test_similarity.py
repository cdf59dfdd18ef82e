"""similarities_to: the batch form of token_similarity gives the same figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.match.phonetic import phonetic_key
from tradecheck.match.similarity import similarities_to, token_similarity, translit_fold

_TOKEN = st.text(alphabet="aeiouybcdghjkmnpqrstvwxz0", min_size=1, max_size=12)


def test_known_pairs() -> None:
    others = ["volodimir", "volodymyr", "wolodymyr", "vladimir", "v", "1234", "zzzzzzzz"]
    got = similarities_to("volodymyr", others)
    assert got == [token_similarity("volodymyr", b)[0] for b in others]
    assert got[1] == 1.0 and got[-1] == 0.0


def test_sound_alikes_and_folds() -> None:
    others = ["muhamad", "mohammad", "mohamed", "kim", "gim", "sergei", "sergej"]
    for a in ("mohammed", "sergey", "kim"):
        assert similarities_to(a, others) == [token_similarity(a, b)[0] for b in others]


@settings(max_examples=300, deadline=None)
@given(_TOKEN, st.lists(_TOKEN, min_size=1, max_size=8))
def test_same_as_token_similarity(a: str, others: list[str]) -> None:
    assert similarities_to(a, others) == [token_similarity(a, b)[0] for b in others]


@settings(max_examples=300, deadline=None)
@given(_TOKEN, st.lists(_TOKEN, min_size=1, max_size=8))
def test_same_with_folds_and_key_known(a: str, others: list[str]) -> None:
    # As the index calls it: the folds given, the tokens of one phonetic key at a time.
    for same in (True, False):
        group = [b for b in others if (phonetic_key(b) == phonetic_key(a)) == same]
        folds = [translit_fold(b) for b in group]
        got = similarities_to(a, group, folds, same)
        assert got == [token_similarity(a, b)[0] for b in group]


@pytest.mark.parametrize(
    ("a", "b"), [("martin", "martinez"), ("ivan", "ivanov"), ("hassan", "hassanein")]
)
def test_a_word_extended_at_its_end_gets_no_prefix_bonus(a: str, b: str) -> None:
    sim, how = token_similarity(a, b)
    assert sim < 0.8, (sim, how)


def test_a_one_letter_ending_is_still_a_typo() -> None:
    assert token_similarity("lavrov", "lavrovs")[0] >= 0.9


def test_a_vowel_keeps_two_like_sounds_apart_in_the_phonetic_key() -> None:
    from tradecheck.match.phonetic import phonetic_key

    assert phonetic_key("mohammed") == phonetic_key("muhamad")  # doubled letters: one sound
    assert phonetic_key("teterin") != phonetic_key("tiurin")  # t-t-r-n is not t-r-n
    assert token_similarity("teterin", "tiurin")[0] < 0.8


def test_a_part_two_names_are_built_with_is_no_evidence() -> None:
    # ʿAbd al-Rahim is not ʿAbd al-Rahman; Shams al-Din is not Shihab al-Din; two
    # Georgian families are not one because both end in -shvili.
    for a, b in (
        ("abdurrahim", "abdurrahman"),
        ("shamsuddin", "shahabuddin"),
        ("maroghashvili", "margoshvili"),
    ):
        assert token_similarity(a, b)[0] < 0.8, (a, b)
    assert (
        token_similarity("mckenton", "mckesson")[0] < token_similarity("kenton", "kesson")[0] + 0.01
    )
    # A typo in the rest is still a typo; spellings of one name still meet.
    assert token_similarity("macrone", "macron")[0] >= 0.9
    assert token_similarity("abdulrahman", "abdulrahmen")[0] >= 0.9
    assert token_similarity("abashidze", "abashydze")[0] >= 0.9
    # Too little besides the part: the whole words are compared.
    assert token_similarity("abdullah", "abdulla")[0] >= 0.9
    others = ["abdurrahman", "abdurrahim", "abdulrahman", "shahabuddin", "macron", "abdul"]
    for a in ("abdurrahim", "shamsuddin", "macrone", "abdullah"):
        assert similarities_to(a, others) == [token_similarity(a, b)[0] for b in others]
