"""A case party's address reaches screening (rules/party_facts.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tradecheck.engine import evaluate_case
from tradecheck.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def _case(**party: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (ROOT / "examples/cases/h100_china_2022.json").read_text(encoding="utf-8")
    )
    doc.pop("expect", None)
    doc["parties"] = [{"role": "end-user", "name": "Orion Trading", "country": "CN", **party}]
    return doc


def test_the_party_address_is_passed_to_the_screener() -> None:
    calls: list[tuple[str, str | None, dict[str, Any]]] = []

    def screener(name: str, country: str | None, **facts: Any) -> list[Any]:
        calls.append((name, country, facts))
        return []

    evaluate_case(_case(address="深圳市南山区"), date(2024, 1, 1), screener=screener)
    assert calls and all(f == {"address": "深圳市南山区"} for _, _, f in calls)


def test_a_party_without_address_keeps_the_two_argument_call() -> None:
    seen: list[tuple[str, str | None]] = []

    def screener(name: str, country: str | None) -> list[Any]:
        seen.append((name, country))
        return []

    evaluate_case(_case(), date(2024, 1, 1), screener=screener)
    assert seen and seen[0] == ("Orion Trading", "CN")


def test_a_bad_address_is_a_case_error() -> None:
    with pytest.raises(InputError, match="address"):
        evaluate_case(_case(address=""), date(2024, 1, 1), screener=lambda n, c: [])
