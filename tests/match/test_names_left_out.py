"""tc-name 1.6: a person's trailing names left out; a company's legal form, series
number and own words (the cases are invented: none comes from the evaluation data)."""

from __future__ import annotations

import pytest

from tradecheck.errors import DataFileError
from tradecheck.match import features
from tradecheck.match.bound import best_possible
from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import ALGORITHM_VERSION, compare


def feature(a: str, b: str, name: str, *, person: bool) -> tuple[float, float, str]:
    """The pair's score and one feature's value and reason."""
    ps = compare(a, b, person=person)
    assert ps is not None
    f = {x["name"]: x for x in ps.explain()["features"]}[name]
    return ps.score, f["value"], f["reason"]


def test_version() -> None:
    assert ALGORITHM_VERSION == "1.6"


# --- persons: the names after the shorter name's last word left out


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A father's and a tribal name appended to the listed name.
        ("Sami Karim Haddad", "Sami Nabil Karim Haddad Shalhoub Khan"),
        # The first names of a longer chain, in order, the rest left out.
        ("Yusuf Tariq Mahfouz", "Yusuf Tariq Mahfouz Idris Bakkar"),
    ],
)
def test_trailing_names_left_out_are_credited(a: str, b: str) -> None:
    for q, c in ((a, b), (b, a)):
        ps = compare(q, c, person=True)
        assert ps is not None and ps.score >= 0.89, (q, c)
        # (The bound assumes this credit whenever the shorter name is wholly met.)
        qf, cf = normalize_name(q)[0], normalize_name(c)[0]
        assert best_possible(qf, cf, person=True) + 1e-4 >= ps.score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Not from the first name: the longer name's first name left out too.
        ("Karim Haddad Shalhoub", "Sami Nabil Karim Haddad Shalhoub Khan"),
        # Out of order.
        ("Karim Sami Haddad", "Sami Nabil Karim Haddad Shalhoub Khan"),
        # Two words only: the in-order credit needs three.
        ("Sami Nabil", "Sami Nabil Karim Haddad Shalhoub Khan"),
        # A word matched only by its sound: not wholly met.
        ("Sami Karin Hadad", "Sami Nabil Karim Haddad Shalhoub Khan"),
    ],
)
def test_no_credit_otherwise(a: str, b: str) -> None:
    ps = compare(a, b, person=True)
    assert ps is not None and ps.score < 0.89


def test_the_credit_is_the_ordered_credit() -> None:
    left_out = compare("Sami Karim Haddad", "Sami Nabil Karim Haddad Shalhoub Khan", person=True)
    middle = compare("Sami Karim Khan", "Sami Nabil Karim Haddad Shalhoub Khan", person=True)
    assert left_out is not None and middle is not None
    assert left_out.score == middle.score


# --- organisations: two legal forms of one company law


def test_two_forms_of_one_company_law_are_two_companies() -> None:
    for a, b in [
        ("Northwind Handel AG", "Northwind Handel GmbH"),
        ("Northwind Handel Aktiengesellschaft", "Northwind Handel GmbH"),
    ]:
        score, value, reason = feature(a, b, "designators_agree", person=False)
        assert value == features.DESIGNATOR_ADDED and score < 0.8, (a, b)
        assert "of one company law" in reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Forms of different laws: a name given with its form translated.
        ("Northwind Handel AG", "Northwind Handel Ltd"),
        ("OAO Severny Veter", "Severny Veter JSC"),
        # "ao" also holds enterprise types written with any form (an "NPP" may be an OOO).
        ("NPP Severny Veter", "OOO Severny Veter"),
        # The same form both sides; a form in one name only.
        ("Northwind Handel GmbH", "Northwind Handel GmbH"),
        ("Northwind Handel", "Northwind Handel GmbH"),
        # One form of a name in both: "GmbH & Co. KG" is a partnership with its partner.
        ("Northwind Handel GmbH KG", "Northwind Handel GmbH"),
    ],
)
def test_legal_forms_not_kept_apart(a: str, b: str) -> None:
    score, value, _ = feature(a, b, "designators_agree", person=False)
    assert value == 1.0 and score >= 0.8, (a, b)


def test_distinct_forms_table() -> None:
    table = features._distinct_forms()
    assert "gmbh" in table["ag"] and "ag" in table["gmbh"]
    assert "ao" not in table and "ooo" not in table
    assert "ltd" not in table.get("ag", frozenset())


def test_a_distinct_forms_row_without_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "_DISTINCT_FORMS", {})
    monkeypatch.setattr(
        features, "load_table", lambda name: {"distinct_forms": [{"codes": ["ag", "gmbh"]}]}
    )
    with pytest.raises(DataFileError):
        features._distinct_forms()


# --- organisations: the query is the listed name with a series number added


def test_a_query_adding_a_series_number_is_another_company() -> None:
    score, value, reason = feature(
        "Northwind Capital Fund II Ltd",
        "Northwind Capital Fund Ltd",
        "designators_agree",
        person=False,
    )
    assert value == features.DESIGNATOR_ADDED and score < 0.8
    assert "another company of the series" in reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # No legal form on one side: a short name.
        ("Northwind Capital Fund II", "Northwind Capital Fund Ltd"),
        # The listed name has a word of its own: not the listed name and a number.
        ("Northwind Capital Fund II Ltd", "Northwind Capital Fund V Ltd"),
        # A place added by the query may name a branch.
        ("Northwind Capital (Singapore) Ltd", "Northwind Capital Ltd"),
    ],
)
def test_query_additions_left_alone(a: str, b: str) -> None:
    _, value, _ = feature(a, b, "designators_agree", person=False)
    assert value == 1.0, (a, b)


# --- organisations: each name with a word the other lacks


def test_each_name_with_its_own_word_is_a_word_replaced() -> None:
    # Neither is the other given in part, though the words stand in other places.
    apart = compare("Northwind Trading Services Ltd", "Northwind Marine Trading Ltd")
    part = compare("Northwind Trading Ltd", "Northwind Marine Trading Ltd")
    assert apart is not None and part is not None
    assert apart.score < 0.8 <= part.score
    reason = apart.features[0][2]
    assert "each name with a word the other lacks" in reason


def test_a_legal_form_of_its_own_is_no_word() -> None:
    # (Legal forms weigh less than a word of the name.)
    ps = compare("Northwind Trading Ltd", "Northwind Trading Corp", person=False)
    assert ps is not None and "other lacks" not in ps.features[0][2]
