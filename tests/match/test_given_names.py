"""Familiar forms of given names, and the common-beginning rule for typo-level matches."""

from __future__ import annotations

import pytest

from tradecheck.errors import DataFileError
from tradecheck.match import tables
from tradecheck.match.score import compare
from tradecheck.match.similarity import (
    NICKNAME_SIM,
    similarities_to,
    token_similarity,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ben", "benjamin"),
        ("bill", "william"),
        ("ted", "edward"),
        ("ted", "theodore"),
        ("sasha", "aleksandr"),
        ("misha", "mikhail"),
    ],
)
def test_familiar_forms(a: str, b: str) -> None:
    assert token_similarity(a, b) == (NICKNAME_SIM, "nickname")
    assert similarities_to(a, [b]) == [NICKNAME_SIM]


def test_forms_of_two_different_names_do_not_meet() -> None:
    assert token_similarity("edward", "theodore")[1] != "nickname"
    assert token_similarity("bill", "robert")[0] == 0.0


def test_familiar_form_matches_persons_only() -> None:
    ps = compare("Bill Hartnell", "William Hartnell", person=True)
    assert ps is not None and ps.score >= 0.9
    assert ps.explain()["tokens"][0]["how"] in ("nickname", "exact")
    org = compare("Bill Trading", "William Trading", person=False)
    assert org is not None and org.score < 0.8


def test_table_rejects_a_lonely_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "load_table", lambda name: {"groups": [["ben"]]})
    tables.given_name_groups.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"given_names.yaml, row 1"):
            tables.given_name_groups()
    finally:
        monkeypatch.undo()
        tables.given_name_groups.cache_clear()


def test_common_beginning_raises_typo_similarity() -> None:
    # Same length, same number of edits: the pair that keeps its beginning is closer.
    kept = token_similarity("sechin", "sechev")[0]
    changed = token_similarity("hebert", "robert")[0]
    assert kept > changed
    # Short words are left alone (one letter is much of the word).
    assert token_similarity("snow", "snoe")[0] == 0.75
