"""Transliteration to Latin letters: the character tests and the remembered readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.translit import (
    has_han,
    has_hangul,
    is_han,
    is_hangul,
    korean_listed_reading,
    transliterate,
)


@pytest.mark.parametrize(
    "ch",
    [
        *("\u4dff", "\u4e00", "\u9fff", "\ua000", "\u33ff", "\u3400", "\u4dbf"),
        *("\uf8ff", "\uf900", "\ufaff", "\ufb00"),
        *("\U0001ffff", "\U00020000", "\U0002fa1f", "\U0002fa20"),
        *("\uabff", "\uac00", "\ud7a3", "\ud7a4", "a", ""),
    ],
)
def test_has_han_and_hangul_agree_with_the_character_tests(ch: str) -> None:
    # The ends of each range, and a character either side.
    text = f"x{ch}y"
    assert has_han(text) == any(is_han(c) for c in text)
    assert has_hangul(text) == any(is_hangul(c) for c in text)


@given(st.text(max_size=12))
def test_has_han_and_hangul_agree_on_any_text(text: str) -> None:
    assert has_han(text) == any(is_han(c) for c in text)
    assert has_hangul(text) == any(is_hangul(c) for c in text)


def test_characters_read_again_read_the_same() -> None:
    # The second reading of each character comes from what the first remembered.
    for _ in range(2):
        assert transliterate("ахмед 🚀 ахмед") == "akhmed   akhmed"  # a symbol is a space
        assert transliterate("می\u200cخواهم") == "mykhwhm"  # a format character is nothing
        assert transliterate("김정은") == " Gim  Jeong  Eun "  # a syllable is a word


def test_han_phrases_anywhere_in_a_run() -> None:
    assert transliterate("第十三研究所") == " 13 research institute "
    assert transliterate("北京有限公司") == " beijing ltd "


def test_a_latin_letter_after_hangul_is_no_korean_name() -> None:
    assert korean_listed_reading("정은 Kim") is None
    assert korean_listed_reading("정은 ·") == ["jong", "un"]
