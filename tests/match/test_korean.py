"""Hangul names read as the lists spell Korean names (McCune-Reischauer)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.entity import EntityType
from tradecheck.match.normalize import KOREAN_VIA, normalize_name
from tradecheck.match.score import compare
from tradecheck.match.translit import korean_listed_reading
from tradecheck.screening import build_index, screen_party

from .conftest import make


@pytest.mark.parametrize(
    ("hangul", "listed"),
    [
        ("김정은", ["kim", "jongun"]),
        ("리영호", ["ri", "yongho"]),
        ("박봉주", ["pak", "pongju"]),
        ("최룡해", ["choe", "ryonghae"]),
        ("김 여정", ["kim", "yojong"]),
        ("여정 김", ["yojong", "kim"]),
    ],
)
def test_reading(hangul: str, listed: list[str]) -> None:
    assert korean_listed_reading(hangul) == listed


@pytest.mark.parametrize("text", ["Kim Jong Un", "Kim 정은", "金正恩", ""])
def test_only_names_in_hangul(text: str) -> None:
    assert korean_listed_reading(text) is None


def test_extra_form_says_how() -> None:
    forms = normalize_name("김정은")
    assert [f.text for f in forms] == ["gim jeong eun", "kim jongun"]
    assert forms[1].via == KOREAN_VIA


def test_hangul_finds_the_listed_spelling() -> None:
    idx = build_index(
        [
            make("kp-kju", "KIM, Jong Un", source="SDN", type=EntityType.PERSON),
            make("kp-kyj", "KIM, Yo Jong", source="SDN", type=EntityType.PERSON),
            make("kp-other", "KIM, Jong Sik", source="SDN", type=EntityType.PERSON),
        ]
    )
    res = screen_party("김정은", type="person", index=idx)
    assert [m.entity.id for m in res.matches] == ["kp-kju"]
    assert res.matches[0].score >= 0.99
    # The given name's syllables in the other order are another name (김은정).
    res = screen_party("김은정", type="person", index=idx)
    assert "kp-kju" not in [m.entity.id for m in res.matches]


def test_two_hangul_names_compare_by_characters() -> None:
    # 정 and 종 both read "jong" without McCune-Reischauer's breve: not one name.
    ps = compare("김종은", "김정은", person=True)
    assert ps is not None and ps.score < 0.8


@given(st.text(alphabet="김정은리영호박봉주최룡해 ", max_size=12))
def test_reading_is_total(text: str) -> None:
    out = korean_listed_reading(text)
    assert out is None or all(t.isascii() and t.isalpha() for t in out)
