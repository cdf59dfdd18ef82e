"""Scoring mechanisms of tc-name 1.5: acronyms, a registered name's added place or
number (designators_agree), leading given names left out."""

from __future__ import annotations

import pytest

from tradecheck.match.acronyms import capitals, find_acronym, may_spell
from tradecheck.match.bound import may_join
from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import compare


def org(a: str, b: str) -> float:
    ps = compare(a, b, person=False)
    assert ps is not None
    return ps.score


# --- acronyms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("PLA", "People's Liberation Army"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("BOC", "Bank of China"),
        ("SMIC", "Semiconductor Manufacturing International Corporation"),
        ("People's Liberation Army", "PLA"),
    ],
)
def test_an_acronym_meets_the_words_it_spells(a: str, b: str) -> None:
    ps = compare(a, b, person=False)
    assert ps is not None and 0.9 <= ps.score < 1.0
    assert any(t["how"] == "acronym" for t in ps.explain()["tokens"])


def test_an_acronym_with_a_word_more_is_a_possible_match() -> None:
    assert 0.8 <= org("PLA China", "People's Liberation Army") < 0.9


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pla", "People's Liberation Army"),  # not written as an acronym
        ("SUN TRADING LTD", "Shenzhen Universal Networks Trading Ltd"),  # all capitals
        ("PL", "People's Liberation"),  # two letters
        ("PLA", "People's Army"),  # letters left over
        ("PLA", "Liberation People's Army"),  # not in order
    ],
)
def test_no_acronym_without_its_marks(a: str, b: str) -> None:
    assert org(a, b) < 0.5


def test_no_acronym_for_persons() -> None:
    ps = compare("JFK", "John Fitzgerald Kennedy", person=True)
    assert ps is None or ps.score < 0.5


def test_acronym_leaves_letters_alone() -> None:
    # Single letters are joined as before: "ABC International" / "A.B.C. Company" unchanged.
    assert org("ABC International", "A.B.C. Company") == pytest.approx(0.8163, abs=1e-4)


def test_an_acronym_is_a_join_for_the_bound() -> None:
    q = normalize_name("PLA")[0]
    c = normalize_name("People's Liberation Army")[0]
    assert may_join(q, c) and may_join(c, q)
    q2 = normalize_name("pla")[0]
    assert not may_join(q2, c)


def test_capital_words_are_read_once_per_form() -> None:
    f = normalize_name("PLA China")[0]
    assert f.capitals is None
    assert capitals(f) == {"pla"}
    assert f.capitals == {"pla"}  # (cached on the form)
    assert capitals(normalize_name("SUN TRADING LTD")[0]) == frozenset()
    assert capitals(normalize_name("People's Liberation Army")[0]) == frozenset()
    assert capitals(normalize_name("pla")[0]) == frozenset()


def _capital_words_reference(raw: str) -> frozenset[str]:
    # The rule as first written: every character looked at for a lower-case letter.
    words = raw.replace("’", "'").split()
    caps = frozenset(w.lower() for w in words if 3 <= len(w) <= 8 and w.isalpha() and w.isupper())
    if not caps or (len(words) > 1 and not any(ch.islower() for ch in raw)):
        return frozenset()
    return caps


@pytest.mark.parametrize(
    "raw",
    [
        "PLA",
        "pla",
        "SUN TRADING LTD",
        "Sun TRADING Ltd",
        "SUN TRADING LTD.,",
        "ÉNERGIE SNCF",
        "Énergie SNCF",
        "БАНК ВТБ",
        "Банк ВТБ",
        "ǅOKO PLA",  # a title-case letter, no lower-case one: all capitals
        "ǅoko PLA",
        "PLA ª",  # a lower-case letter with no capital
        "PLA 123",
        "People’s PLA",
    ],
)
def test_capital_words_as_first_written(raw: str) -> None:
    assert capitals(normalize_name(raw)[0]) == _capital_words_reference(raw)


_NAMES = [
    "PLA",
    "pla",
    "PLA China",
    "People's Liberation Army",
    "IRGC",
    "Islamic Revolutionary Guard Corps",
    "BOC",
    "Bank of China",
    "SUN TRADING LTD",
    "Shenzhen Universal Networks Trading Ltd",
    "SMIC Ltd",
    "Semiconductor Manufacturing International Corporation",
]


@pytest.mark.parametrize("a", _NAMES)
def test_may_spell_is_find_acronym_either_way(a: str) -> None:
    # The cached capital words give the answers of the raw names read again.
    q = normalize_name(a)[0]
    for b in _NAMES:
        c = normalize_name(b)[0]
        spelt = (
            find_acronym(q.tokens, q.raw, c.tokens) is not None
            or find_acronym(c.tokens, c.raw, q.tokens) is not None
        )
        assert may_spell(q, c) == spelt, (a, b)


# --- a registered name's added place or number


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Banco Santander S.A.", "Banco Santander México S.A."),
        ("Bowne International, S.A.R.L.", "Bowne International de Mexico S.A. de C.V."),
        ("Bowne Global Solutions Denmark, A/S", "Bowne Global Solutions II Denmark A/S"),
    ],
)
def test_a_registered_name_is_not_its_groups_company_elsewhere(a: str, b: str) -> None:
    ps = compare(a, b, person=False)
    assert ps is not None and ps.score < 0.8
    f = {x["name"]: x for x in ps.explain()["features"]}["designators_agree"]
    assert f["value"] == 0.8 and "another company of the group" in f["reason"]


@pytest.mark.parametrize(
    ("a", "b", "low"),
    [
        ("faberlic", "FABERLIC EUROPE Sp. z o.o.", 0.8),  # no legal form: a brand
        ("Deutsche Bank (Schweiz) AG", "Deutsche Bank AG", 0.85),  # the query adds it
        ("Bank of Chima Limited", "Bank of China Limited", 0.9),  # a misspelt place
        ("Banco Santander México S.A.", "Banco Santander México S.A.", 1.0),
    ],
)
def test_designators_left_alone(a: str, b: str, low: float) -> None:
    ps = compare(a, b, person=False)
    assert ps is not None and ps.score >= low
    f = {x["name"]: x for x in ps.explain()["features"]}["designators_agree"]
    assert f["value"] == 1.0


def test_designators_concern_organisations_only() -> None:
    ps = compare("Banco Santander S.A.", "Banco Santander México S.A.", person=True)
    assert ps is not None
    f = {x["name"]: x for x in ps.explain()["features"]}["designators_agree"]
    assert f["value"] == 1.0


def test_a_listed_sister_company_by_its_line_of_business_stays_a_possible_match() -> None:
    # (A word of the group's companies added is no designator: the sister company is
    # for a person to resolve, tests/rules/cn/test_worked_examples.py B19.)
    assert org("IHI Aerospace Co., Ltd.", "IHI Aerospace Engineering Co., Ltd.") >= 0.8


# --- persons: leading given names left out


def test_a_name_whole_at_the_end_of_a_longer_one_is_credited() -> None:
    ps = compare("ABDUL JALIL MOHAMMAD RASUL AYYUB", "MOHAMMAD RASUL AYYUB", person=True)
    assert ps is not None and ps.score >= 0.94
    ps = compare("MOHAMMAD RASUL AYYUB", "ABDUL JALIL MOHAMMAD RASUL AYYUB", person=True)
    assert ps is not None and ps.score >= 0.94


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Not adjacent in the longer name: a word between.
        ("ABDUL JALIL MOHAMMAD KARIM RASUL AYYUB", "MOHAMMAD RASUL AYYUB"),
        # Not up to its end: the longer name goes on.
        ("MOHAMMAD RASUL AYYUB KHAN", "JALIL MOHAMMAD RASUL AYYUB"),
    ],
)
def test_leading_names_left_out_only_whole_and_at_the_end(a: str, b: str) -> None:
    ps = compare(a, b, person=True)
    assert ps is not None and ps.score < 0.9
