"""The engine core: case validation, date resolution, versions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradecheck.engine import REGIMES, evaluate_case, validate_case
from tradecheck.errors import InputError


def case(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"destination": "VN", "items": [{"eccn": "EAR99"}]}
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (case(destination="XX"), r"\$\.destination: 'XX' is not a known ISO 3166-1"),
        (case(date="2023-02-30"), r"\$\.date: '2023-02-30' is not a date"),
        ({"items": [{"eccn": "EAR99"}]}, r"\$: 'destination' is a required property"),
        (case(items=[]), r"\$\.items"),
        (case(parties=[{"name": "A", "country": "ZZ"}]), r"\$\.parties\[0\]\.country"),
        (case(items=[{"chip": {"tpp": -5}}]), r"\$\.items\[0\]\.chip\.tpp"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_bad_cases(doc: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_case(doc, source="x.json")


def test_date_resolution() -> None:
    d = evaluate_case(case(date="2024-06-01"), screener=lambda n, c: [])
    assert d.as_of == "2024-06-01" and d.extra["as_of_source"] == "case date"
    d = evaluate_case(case(date="2024-06-01"), date(2022, 1, 1), screener=lambda n, c: [])
    assert d.as_of == "2022-01-01" and d.extra["as_of_source"] == "--as-of"
    d = evaluate_case(case(), screener=lambda n, c: [])
    assert d.as_of == date.today().isoformat()
    assert any(a.kind == "missing-date" for a in d.advisories)


def test_versions_and_regimes() -> None:
    d = evaluate_case(case(date="2024-06-01"), screener=lambda n, c: [])
    assert "rule_packs" in d.versions and "screening" in d.versions
    assert len(REGIMES) >= 2
    assert set(d.to_dict()) >= {"outcome", "findings", "advisories", "versions"}
