"""Other languages' romanisations of Cyrillic names, and initials of compound given names."""

from __future__ import annotations

import pytest

from tradecheck.entity import EntityType
from tradecheck.match.bound import best_possible, may_join
from tradecheck.match.initials import compound_initials
from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import compare
from tradecheck.match.similarity import (
    LATVIAN_SIM,
    TRANSLIT_SIM,
    scheme_marked,
    scheme_reading,
    similarities_to,
    token_similarity,
)
from tradecheck.screening import build_index, screen_party

from .conftest import make


def score(a: str, b: str) -> float:
    ps = compare(a, b, person=True)
    assert ps is not None
    return ps.score


@pytest.mark.parametrize(
    ("other", "listed"),
    [
        ("selenskyj", "zelenskyy"),  # de: s for з, j for й
        ("sacharowa", "zakharova"),  # de: s for з, ch for х, w for в
        ("schoigu", "shoigu"),  # de: sch for ш
        ("szojgu", "shoigu"),  # pl: sz for ш, j for й
        ("czajka", "chayka"),  # pl: cz for ч
        ("lawrow", "lavrov"),  # de, pl: w for в
        ("siergiej", "sergey"),  # pl
        ("sergejs", "sergey"),  # lv: j for й, the nominative -s
        ("dmitrijs", "dmitriy"),  # lv
        ("chodorkowski", "khodorkovsky"),  # de, pl: ch for х
    ],
)
def test_other_romanisations_are_transliteration_variants(other: str, listed: str) -> None:
    sim, how = token_similarity(other, listed)
    assert sim >= TRANSLIT_SIM and how == "transliteration", (sim, how)
    assert similarities_to(other, [listed]) == [sim]
    assert similarities_to(listed, [other]) == [token_similarity(listed, other)[0]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("said", "zaid"),  # Arabic names: s/z is read alike only in a marked word
        ("nazir", "nasir"),
        ("harris", "harry"),  # -is is not taken for the Latvian ending
        ("matthews", "mathew"),  # nor an English -s after w or th
        ("phillips", "philip"),
        ("jong", "yong"),  # a first j is left alone (Korean)
        ("zservers", "servers"),  # s/z merged only in a marked word
    ],
)
def test_other_names_stay_apart(a: str, b: str) -> None:
    assert token_similarity(a, b)[0] < TRANSLIT_SIM


def test_latvian_ending_is_a_typo_in_an_organisation() -> None:
    # A plural ("Outdoors"), scored as before: one letter more.
    org = compare("Xtreme Outdoors", "Xtreme Outdoor", person=False)
    person = compare("Xtreme Outdoors", "Xtreme Outdoor", person=True)
    assert org is not None and person is not None
    assert org.score < person.score
    assert [t["how"] for t in org.explain()["tokens"]] == ["exact", "edit"]


def test_pinyin_j_is_no_mark() -> None:
    assert not scheme_marked("beijing") and not scheme_marked("nanjing")
    assert scheme_marked("sergej") and scheme_marked("lawrow") and scheme_marked("schoigu")


def test_reading_back_into_the_lists_convention() -> None:
    assert scheme_reading("chruschtschow") == "khrushchow"
    assert scheme_reading("selenskyj") == "selenskyy"
    assert scheme_reading("sergejs") == "sergey"
    assert scheme_reading("smith") == "smith"  # no mark: the token itself
    assert scheme_reading("jong") == "jong"


def test_latvian_ending_is_grammar_not_spelling() -> None:
    assert token_similarity("lavrovs", "lavrov") == (LATVIAN_SIM, "latvian_ending")
    assert token_similarity("putins", "putin")[0] == LATVIAN_SIM
    assert token_similarity("ivans", "ivan")[0] < TRANSLIT_SIM  # stem under five letters


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
        ("Sergejs Lavrovs", "Sergey Viktorovich LAVROV"),
        ("Maria Sacharowa", "ZAKHAROVA, Maria"),
        ("Sergej Schoigu", "SHOIGU, Sergei"),
    ],
)
def test_names_in_other_romanisations_match(a: str, b: str) -> None:
    assert score(a, b) >= 0.89


def test_screen_finds_a_listed_name_spelt_the_german_way() -> None:
    P = EntityType.PERSON
    idx = build_index(
        [
            make("zel", "Volodymyr Zelenskyy", source="SDN", type=P),
            make("zak", "ZAKHAROVA, Maria Vladimirovna", source="SDN", type=P),
            make("other", "Selena Gomez", source="SDN", type=P),
        ]
    )
    # The reading's sound key finds the listed token, which no typo key reaches.
    hits = [v for v, _ in idx._token_hits("selenskyj")]
    assert idx.vocab["zelenskyy"] in hits
    res = screen_party("Wolodymyr Selenskyj", index=idx, type="person")
    assert [m.entity_id for m in res.matches][:1] == ["zel"]
    res = screen_party("Maria Sacharowa", index=idx, type="person")
    assert [m.entity_id for m in res.matches][:1] == ["zak"]


@pytest.mark.parametrize("query", ["J.-C. Juncker", "JC Juncker", "J.–C. Juncker"])
def test_initials_of_a_compound_given_name(query: str) -> None:
    assert score(query, "Jean-Claude Juncker") >= 0.89
    assert score("Jean-Claude Juncker", query) >= 0.89  # either side
    assert score(query, "JUNCKER, Jean Claude") >= 0.89


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("JP Juncker", "Jean-Claude Juncker"),  # other letters
        ("CJ Juncker", "Jean-Claude Juncker"),  # other order
        ("Md Rahman", "Mohammad Daud Rahman"),  # Md: Mohammad contracted
        ("Jo Juncker", "Jean Oskar Juncker"),  # a word with a vowel is a name
    ],
)
def test_initials_guarded(a: str, b: str) -> None:
    assert score(a, b) < 0.89


def test_letters_read_from_another_script_are_no_initials() -> None:
    # اسرا reads "sr" letter by letter: two consonants, but no initials.
    qa = normalize_name("اسرا دایی")
    qb = normalize_name("Sara Ramin Dayi")[0]
    assert all(compound_initials(f, qb) is None for f in qa)


def test_compound_initials_are_a_join_for_the_pruning_bound() -> None:
    qa, qb = normalize_name("JC Juncker")[0], normalize_name("Jean Claude Juncker")[0]
    got = compare("JC Juncker", "Jean Claude Juncker", person=True)
    assert got is not None
    # The plain bound does not hold here; may_join tells the screening loop so.
    assert got.score > best_possible(qa, qb, person=True)
    assert may_join(qa, qb) and may_join(qb, qa)
