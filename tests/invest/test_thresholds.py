"""Both sides of every threshold, with the regulation's strict and inclusive comparisons."""

from __future__ import annotations

import math
from datetime import date

import pytest

from tests.invest.builders import KY, MCU, ai, deal, fab
from tests.invest.conftest import run

UP = math.inf


def after(x: float) -> float:
    """The next float above ``x``: the smallest value "greater than" it."""
    return math.nextafter(x, UP)


@pytest.mark.parametrize(
    ("ops", "bio", "outcome", "rule"),
    [
        (1e23, False, "allowed", None),  # exactly 1e23 is not "greater than"
        (after(1e23), False, "notifiable", "oisp-ai-n-c23"),
        (1e24, True, "notifiable", "oisp-ai-n-c23"),  # bio: exactly 1e24 is not prohibited
        (after(1e24), True, "prohibited", "oisp-ai-p-bio24"),
        (5e24, False, "notifiable", "oisp-ai-n-c23"),  # 1e24 < x without bio data
        (1e25, False, "notifiable", "oisp-ai-n-c23"),  # exactly 1e25 is notifiable
        (after(1e25), False, "prohibited", "oisp-ai-p-c25"),
    ],
)
def test_training_compute(ops: float, bio: bool, outcome: str, rule: str | None) -> None:
    out = run(deal([ai(ops, bio=bio)])).to_dict()
    assert out["outcome"] == outcome
    if rule:
        assert rule in [f["rule"] for f in out["findings"]]


@pytest.mark.parametrize(
    ("ic", "outcome"),
    [
        ({"type": "nand", "nand_layers": 127}, "notifiable"),
        ({"type": "nand", "nand_layers": 128}, "prohibited"),  # "128 layers or more"
        ({"type": "dram", "dram_half_pitch_nm": 18.5}, "notifiable"),
        ({"type": "dram", "dram_half_pitch_nm": 18}, "prohibited"),  # "18 nm or less"
        ({"type": "logic", "node_nm": 16.5}, "notifiable"),
        ({"type": "logic", "node_nm": 16}, "prohibited"),  # "16/14 nm or less"
        ({"type": "logic", "node_nm": 28, "fdsoi": True}, "prohibited"),
        ({"type": "logic", "node_nm": 28, "operating_temperature_k": 4.5}, "prohibited"),
        ({"type": "logic", "node_nm": 28, "operating_temperature_k": 4.6}, "notifiable"),
        ({"type": "analog", "material": "silicon-carbide"}, "notifiable"),
        ({"type": "rf", "material": "gallium-arsenide"}, "prohibited"),
    ],
)
def test_fabrication_tiers(ic: dict[str, object], outcome: str) -> None:
    assert run(deal([fab(**ic)])).outcome.value == outcome


@pytest.mark.parametrize(
    ("fp64", "volume", "outcome"),
    [(100, 41600, "prohibited"), (99.9, 41600, "allowed"), (100, 41601, "allowed")],
)
def test_supercomputer(fp64: float, volume: float, outcome: str) -> None:
    act = {
        "sector": "semiconductors",
        "product": "supercomputer",
        "functions": ["install"],
        "supercomputer": {
            "fp64_pflops": fp64,
            "fp32_pflops": 0,
            "volume_ft3": volume,
            "advanced_ics": True,
        },
    }
    assert run(deal([act])).outcome.value == outcome


def _lp(commitment: float) -> dict[str, object]:
    return deal(
        [ai(2e25)],
        type="lp-interest",
        completion_date=None,
        lp={
            "fund_is_us_person": False,
            "commitment_usd": commitment,
            "contractual_assurance": "none",
            "likely_invests_in_coc_sectors": True,
            "fund_investment_date": "2025-07-01",
        },
    )


@pytest.mark.parametrize(
    ("commitment", "outcome", "status"),
    [(2_000_000, "allowed", "excepted"), (2_000_001, "prohibited", "prohibited")],
)
def test_lp_commitment(commitment: float, outcome: str, status: str) -> None:
    d = _lp(commitment)
    del d["transaction"]["completion_date"]
    out = run(d).to_dict()
    assert (out["outcome"], out["status"]) == (outcome, status)


@pytest.mark.parametrize(("pct", "outcome"), [(50, "notifiable"), (49.99, "allowed")])
def test_fifty_percent_ownership(pct: float, outcome: str) -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "p", "pct": pct}]},
        parties=[
            {
                "id": "p",
                "name": "PRC Parent",
                "incorporated_in": "CN",
                "headquarters": "CN",
                "principal_place_of_business": "CN",
            }
        ],
    )
    out = run(d).to_dict()
    assert out["outcome"] == outcome
    if outcome == "notifiable":
        assert out["analysis"]["covered_foreign_person"]["country_of_concern_basis"] == (
            "850.221(d)"
        )


@pytest.mark.parametrize(
    ("completion", "outcome", "status"),
    [("2025-01-01", "allowed", "not-covered"), ("2025-01-02", "notifiable", "notifiable")],
)
def test_effective_date(completion: str, outcome: str, status: str) -> None:
    out = run(deal([MCU], completion_date=completion)).to_dict()
    assert (out["outcome"], out["status"]) == (outcome, status)
    if status == "not-covered":
        f = out["findings"][0]
        assert f["rule"] == "oisp-program"
        assert "before 31 CFR Part 850 took effect" in f["reason"]
        assert f["evidence"]["would_be"] == "notifiable"


def test_as_of_overrides_the_completion_date() -> None:
    d = deal([MCU], completion_date="2025-06-01")
    assert run(d, date(2025, 1, 1)).to_dict()["status"] == "not-covered"
    out = run(d, date(2025, 1, 2)).to_dict()
    assert out["filing_deadline"] == "2025-02-01"
    assert out["as_of"] == "2025-01-02"


@pytest.mark.parametrize(("revenue", "covered"), [(50, False), (50.01, True)])
def test_financial_nexus_is_strictly_more_than_half(revenue: float, covered: bool) -> None:
    d = deal(
        target={
            "name": "Cayman Holdco",
            **KY,
            "activities": [],
            "financials": {
                "basis": "audited",
                "covered_share_pct": {"revenue": revenue, "net_income": 0, "capex": 0, "opex": 0},
            },
        },
        parties=[
            {
                "id": "opco",
                "name": "PRC Opco",
                "incorporated_in": "CN",
                "headquarters": "CN",
                "principal_place_of_business": "CN",
                "owners": [{"party": "target", "pct": 100}],
                "activities": [fab(type="nand", nand_layers=200)],
            }
        ],
    )
    out = run(d).to_dict()
    assert out["outcome"] == ("prohibited" if covered else "allowed")
