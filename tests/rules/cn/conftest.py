"""Fixtures for the China regime: a screener over the bundled China lists, and a runner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tradecheck.engine import evaluate_case
from tradecheck.entity import Entity
from tradecheck.lists.china import parse_cn_list
from tradecheck.outcome import Determination, Finding, Outcome, most_restrictive
from tradecheck.screening import build_index, screen_party

CN_LISTS = Path(str(resources.files("tradecheck") / "data" / "lists" / "cn"))

Screener = Callable[[str, str | None], list[Any]]


@cache
def bundled_cn_entities() -> tuple[Entity, ...]:
    """Every entry of the bundled China list files."""
    out: list[Entity] = []
    for path in sorted(CN_LISTS.glob("*.csv")):
        out.extend(parse_cn_list(path).entities)
    return tuple(out)


def make_screener(entities: list[Entity] | tuple[Entity, ...]) -> Screener:
    """A screener (as the engine injects it) over an in-memory index of ``entities``."""
    idx = build_index(list(entities))

    def screen(name: str, country: str | None) -> list[Any]:
        return list(screen_party(name, country=country, index=idx).matches)

    return screen


@cache
def _bundled_screener() -> Screener:
    return make_screener(bundled_cn_entities())


@pytest.fixture
def screener() -> Screener:
    """A screener over the bundled China lists."""
    return _bundled_screener()


class Answer:
    """A Determination with helpers to read the China findings."""

    def __init__(self, det: Determination) -> None:
        self.det = det
        self.cn = [f for f in det.findings if f.regime.startswith("cn-")]

    @property
    def outcome(self) -> Outcome:
        """The most restrictive China finding (``review`` when there is none)."""
        return most_restrictive([f.outcome for f in self.cn])

    def rule(self, rule_id: str) -> list[Finding]:
        """The China findings of one rule."""
        return [f for f in self.cn if f.rule == rule_id]

    def one(self, rule_id: str) -> Finding:
        """The single finding of one rule."""
        found = self.rule(rule_id)
        assert len(found) == 1, [f.to_dict() for f in self.cn]
        return found[0]

    def advisories(self, kind: str, rule_id: str | None = None) -> list[str]:
        """Advisory messages of a kind (and rule)."""
        return [
            a.message
            for a in self.det.advisories
            if a.kind == kind and (rule_id is None or a.rule == rule_id)
        ]


@pytest.fixture
def check(screener: Screener) -> Callable[..., Answer]:
    """Evaluate a case as of a date with the bundled China lists."""

    def run(case: dict[str, Any], as_of: str, scr: Screener | None = None) -> Answer:
        return Answer(evaluate_case(case, date.fromisoformat(as_of), screener=scr or screener))

    return run


def shipment(
    hs_code: str | None = None,
    *,
    to: str = "DE",
    params: dict[str, Any] | None = None,
    party: dict[str, Any] | None = None,
    origin: str = "CN",
    **item: Any,
) -> dict[str, Any]:
    """A one-item case from China (or ``origin``) to ``to``."""
    it: dict[str, Any] = dict(item)
    if hs_code is not None:
        it["hs_code"] = hs_code
    if params is not None:
        it["parameters"] = params
    end_user = {"name": "Harmless Trading Co", "country": to, "role": "end-user"}
    end_user.update(party or {})
    return {"origin": origin, "destination": to, "items": [it], "parties": [end_user]}
