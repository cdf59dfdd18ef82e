"""Bad input: one clear error naming the field, never a traceback, never a silent answer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.invest.builders import MCU, PRC, deal
from tradecheck.errors import InputError
from tradecheck.invest import parse_deal


def _err(d: Any) -> str:
    with pytest.raises(InputError) as exc:
        parse_deal(d, source="deal.json")
    msg = exc.value.one_line()
    assert "\n" not in msg
    return msg


def test_missing_required_fields_are_named() -> None:
    d = deal([MCU])
    del d["investor"]["kind"]
    assert _err(d) == "deal.json: investor.kind: required field is missing"
    d = deal([MCU])
    del d["transaction"]
    assert "transaction: required field is missing" in _err(d)
    d = deal([MCU])
    del d["target"]["name"]
    assert "target.name: required field is missing" in _err(d)


def test_unknown_enumerations_are_named_with_the_allowed_values() -> None:
    d = deal([MCU], type="swap")
    msg = _err(d)
    assert msg.startswith("deal.json: transaction.type: 'swap' is not one of: equity,")
    d = deal([{**MCU, "sector": "biotech"}])
    assert "target.activities[0].sector: 'biotech'" in _err(d)
    d = deal([MCU], rights=["golden-share"])
    assert "transaction.rights[0]" in _err(d)


def test_unknown_field_is_rejected() -> None:
    d = deal([MCU], closing_date="2025-01-01")
    assert "closing_date" in _err(d)


def test_bad_dates() -> None:
    assert "transaction.completion_date: '2025-02-30' is not a date" in _err(
        deal([MCU], completion_date="2025-02-30")
    )
    assert "is not a date" in _err(deal([MCU], completion_date="1 March 2025"))


def test_completion_before_acquisition_is_contradictory() -> None:
    d = deal([MCU], type="conversion", acquisition_date="2025-05-01", completion_date="2025-04-01")
    msg = _err(d)
    assert "transaction.completion_date 2025-04-01 is before transaction.acquisition_date" in msg


def test_lp_completion_must_be_the_fund_investment_date() -> None:
    d = deal([MCU], type="lp-interest", lp={"fund_investment_date": "2025-07-01"})
    assert "transaction.lp.fund_investment_date" in _err(d)


def test_knowledge_before_completion_is_contradictory() -> None:
    d = deal([MCU])
    d["knowledge"] = {"at_transaction": "none", "actual_knowledge_date": "2025-05-01"}
    assert "knowledge.actual_knowledge_date 2025-05-01 is before the completion date" in _err(d)


def test_ownership_graph_errors() -> None:
    d = deal([MCU], target={"owners": [{"party": "ghost", "pct": 60}]})
    assert "owner 'ghost' is not a party id" in _err(d)
    d = deal(
        [MCU],
        target={"owners": [{"party": "a", "pct": 60}, {"party": "b", "pct": 50}]},
        parties=[{"id": "a", "name": "A", **PRC}, {"id": "b", "name": "B", **PRC}],
    )
    assert "voting holdings add up to 110 %" in _err(d)
    d = deal([MCU], parties=[{"id": "a", "name": "A"}, {"id": "a", "name": "A2"}])
    assert "duplicate party id 'a'" in _err(d)
    d = deal([MCU], parties=[{"name": "No Id"}])
    assert "parties[0].id: required field is missing" in _err(d)
    d = deal([MCU], target={"owners": [{"party": "target", "pct": 10}]})
    assert "cannot own itself" in _err(d)


def test_numbers_out_of_range() -> None:
    d = deal([MCU], target={"owners": [{"party": "target", "pct": 120}]})
    assert "target.owners[0].pct" in _err(d)


def test_not_an_object() -> None:
    assert _err([1, 2]) == "deal.json: a deal must be a JSON object"
