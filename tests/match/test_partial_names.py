"""A person's name given in part: credited when a matching word may identify the person."""

from __future__ import annotations

import pytest

from tradecheck.match.bound import best_possible
from tradecheck.match.normalize import is_rare_word, normalize_name
from tradecheck.match.score import compare
from tradecheck.match.tables import common_names
from tradecheck.screening import default_min_score

PERSON = default_min_score("person")


def score(a: str, b: str) -> float:
    ps = compare(a, b, person=True)
    assert ps is not None
    return ps.score


def test_common_names_table() -> None:
    words = common_names()
    assert {"smith", "jason", "maria", "mohammad", "ali", "kim"} <= words
    assert "khamenei" not in words and "haqqani" not in words
    assert all(w.isalpha() and w == w.lower() for w in words)


@pytest.mark.parametrize(
    ("token", "cls", "rare"),
    [
        ("khamenei", "core", True),
        ("smith", "core", False),
        ("agha", "core", True),
        ("ali", "core", False),
        ("bin", "particle", False),
        ("abc", "core", False),
    ],
)
def test_rare_word(token: str, cls: str, rare: bool) -> None:
    assert is_rare_word(token, cls) is rare


def test_two_words_one_of_them_rare_is_reported() -> None:
    assert score("Ali Khamenei", "KHAMENEI, Ali Husseini") >= PERSON
    assert score("Janan Agha", "JANAN MOHAMMAD AHMED AGHA") >= PERSON


def test_two_common_words_are_not() -> None:
    assert score("Jason Smith", "Jason Dean Smith") < PERSON
    assert score("Stephen Smith", "SMITH, Stephen Edward") < PERSON


def test_arabic_letters_read_one_by_one_are_not_rare() -> None:
    # "mhmd" looks rare as letters, but it is Mohammad.
    assert score("محمد ستايش احمدی", "محمد احمدی") < PERSON


def test_chinese_and_korean_names_get_no_such_credit() -> None:
    assert score("丽 陈", "HAO LI CHEN") < PERSON


def test_bound_still_holds_for_rare_partial_names() -> None:
    for a, b in (("Ali Khamenei", "KHAMENEI, Ali Husseini"), ("Janan Agha", "JANAN M A AGHA")):
        qa, qb = normalize_name(a)[0], normalize_name(b)[0]
        assert best_possible(qa, qb, person=True) >= score(a, b) - 1e-9


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Barack Obama", "Барак Хусеин Обама"),  # Barack / Barak: a transliteration
        ("Володимир Зеленський", "Volodymyr Oleksandrovych Zelenskyy"),
    ],
)
def test_a_name_given_in_part_may_differ_by_transliteration(query: str, listed: str) -> None:
    # Each word of the shorter name matched at 0.9 or better counts as matched for
    # the partial-name credit, not only words spelt the same.
    ps = compare(query, listed, person=True)
    assert ps is not None and ps.score >= 0.89


def test_a_misspelt_partial_name_gets_no_partial_credit() -> None:
    # "Jonh" is a typo-level match (below 0.9): the credit needs every word matched
    # at least as a transliteration.
    ps = compare("Jonh Khamenei", "KHAMENEI, John Husseini", person=True)
    assert ps is not None and ps.score < 0.89


def test_a_particle_before_the_first_name_is_stepped_over() -> None:
    # "Abdul" aligned before the listed first name does not hide that the shorter name
    # runs from the longer one's first name to its last, middle names left out.
    ps = compare("Abdul Rashid Tarkan", "Abdul Rashid Samandar Abdul Nadir Tarkan", person=True)
    assert ps is not None and ps.score >= 0.89
    # ...as is one that starts there and stops before the last name (tc-name 1.6: a
    # father's, grandfather's or tribal name left out at the end).
    ps = compare("Abdul Rashid Samandar", "Abdul Rashid Samandar Abdul Nadir Tarkan", person=True)
    assert ps is not None and ps.score >= 0.89
    # ...while one that neither starts at the first name nor ends at the last gets no
    # such credit.
    ps = compare("Samandar Abdul Nadir", "Abdul Rashid Samandar Abdul Nadir Tarkan", person=True)
    assert ps is not None and ps.score < 0.89


def test_a_word_replaced_is_no_name_given_in_part() -> None:
    # One name has Abdul where the other has Wali: not a part of the name left out.
    replaced = compare(
        "Mohammed Qasim Mir Abdul Khudai Rahim", "Mohammed Qasim Mir Wali Khudai Rahim", person=True
    )
    left_out = compare(
        "Mohammed Qasim Mir Khudai Rahim", "Mohammed Qasim Mir Wali Khudai Rahim", person=True
    )
    assert replaced is not None and left_out is not None
    assert replaced.score < 0.89 <= left_out.score
    # A title is no word of the name: neither replaced nor a part given.
    titled = compare("Dr Rashid Tarkan", "Rashid Samandar Tarkan", person=True)
    plain = compare("Rashid Tarkan", "Rashid Samandar Tarkan", person=True)
    assert titled is not None and plain is not None
    assert plain.score >= titled.score >= 0.9
    # ...and a title with one name is a one-word name: no partial-name credit.
    one = compare("President Tarkan", "Rashid Samandar Tarkan", person=True)
    assert one is not None and one.score < 0.6
