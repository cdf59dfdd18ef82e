"""Shared fixtures: the outbound rules and a screener that finds nothing (no store needed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradecheck.invest import evaluate_deal, load_outbound_rules
from tradecheck.invest.ruledata import OutboundRules
from tradecheck.outcome import Determination


def no_matches(name: str, country: str | None) -> list[Any]:
    """A screener over an empty list: nothing is listed."""
    return []


@pytest.fixture(scope="session")
def rules() -> OutboundRules:
    return load_outbound_rules()


def run(deal: dict[str, Any], as_of: date | None = None, **kw: Any) -> Determination:
    """Evaluate with the empty screener unless another is given."""
    kw.setdefault("screener", no_matches)
    return evaluate_deal(deal, as_of, **kw)
