"""Transaction types, investors, knowledge, obligations and missing facts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.invest.builders import MCU, QC, ai, deal
from tests.invest.conftest import run


def _out(d: dict[str, Any]) -> dict[str, Any]:
    return run(d).to_dict()


@pytest.mark.parametrize(
    ("debt", "status"),
    [
        ({"equity_like_rights": []}, "not-covered"),
        ({"equity_like_rights": ["profit-interest"]}, "prohibited"),
        ({"convertible": True}, "prohibited"),
        ({}, "review"),
    ],
)
def test_debt(debt: dict[str, Any], status: str) -> None:
    out = _out(deal([QC], type="debt", debt=debt))
    assert out["status"] == status
    if status == "prohibited":
        rules = {f["rule"] for f in out["findings"]}
        assert "oisp-qit-p-qc" in rules


def test_conversion_without_acquisition_date_is_review() -> None:
    out = _out(deal([QC], type="conversion"))
    assert out["outcome"] == "review"
    assert "transaction.acquisition_date" in out["analysis"]["missing"]


@pytest.mark.parametrize(("location", "status"), [("CN", "prohibited"), ("VN", "not-covered")])
def test_greenfield(location: str, status: str) -> None:
    d = deal([QC], type="greenfield", location=location)
    d["target"] = {"name": "Planned Shanghai lab", "activities": [QC]}
    assert _out(d)["status"] == status


def test_joint_venture_with_a_non_coc_partner_is_not_covered() -> None:
    d = deal(type="joint-venture", location="SG", joint_venture={"activities": [QC]})
    d["target"].update(incorporated_in="JP", headquarters="JP", principal_place_of_business="JP")
    assert _out(d)["status"] == "not-covered"


def test_controlled_foreign_entity_obligations_fall_on_the_us_parent() -> None:
    d = deal([MCU])
    d["investor"] = {
        "name": "US Corp (Cayman) Ltd",
        "kind": "controlled-foreign-entity",
        "parent": "US Corp",
    }
    out = _out(d)
    assert out["outcome"] == "notifiable"
    assert "oisp-obl-notify-cfe" in [o["rule"] for o in out["obligations"]]
    d["target"]["activities"] = [QC]
    rules = [o["rule"] for o in _out(d)["obligations"]]
    assert "oisp-obl-cfe-prevent" in rules


def test_non_us_investor_is_out_of_scope_unless_us_persons_direct() -> None:
    d = deal([QC])
    d["investor"] = {"name": "Foreign Fund", "kind": "non-us-person"}
    out = _out(d)
    assert (out["outcome"], out["status"]) == ("review", "review")
    d["investor"]["us_persons_directing"] = False
    assert _out(d)["status"] == "not-covered"
    d["investor"]["us_persons_directing"] = True
    out = _out(d)
    assert out["outcome"] == "prohibited"
    assert out["findings"][0]["rule"] == "oisp-directing"


def test_us_government_business_is_not_covered() -> None:
    assert _out(deal([QC], us_government_business=True))["status"] == "not-covered"


def test_no_knowledge_with_recorded_diligence_is_not_covered_for_now() -> None:
    d = deal([QC])
    d["knowledge"] = {
        "at_transaction": "none",
        "warning_signs": False,
        "diligence": ["questions-to-target", "representations-and-warranties", "database-checks"],
    }
    out = _out(d)
    assert (out["outcome"], out["status"]) == ("allowed", "not-covered")
    assert "would have been prohibited" in out["findings"][0]["reason"]


def test_claimed_ignorance_without_diligence_is_review() -> None:
    d = deal([QC])
    d["knowledge"] = {"at_transaction": "none", "diligence": ["questions-to-target"]}
    out = _out(d)
    assert out["outcome"] == "review"
    assert "database-checks" in out["findings"][0]["reason"]


def test_unstated_knowledge_is_assumed_with_an_advisory() -> None:
    d = deal([MCU])
    del d["knowledge"]
    out = _out(d)
    assert out["outcome"] == "notifiable"
    assert "knowledge-assumed" in [a["kind"] for a in out["advisories"]]


def test_missing_activity_fact_is_named() -> None:
    out = _out(deal([ai(None)]))
    assert out["outcome"] == "review"
    assert "target.activities[0].ai.training_ops" in out["analysis"]["missing"]


def test_at_least_notifiable_but_possibly_prohibited_is_review() -> None:
    act = {
        "sector": "semiconductors",
        "product": "integrated-circuit",
        "functions": ["design"],
        "ic": {"type": "logic", "operating_temperature_k": 233},
    }
    out = _out(deal([act]))
    assert out["outcome"] == "review"
    assert out["findings"][0]["evidence"]["tier"] == "notifiable"
    assert "target.activities[0].ic.meets_3a090a" in out["analysis"]["missing"]


def test_no_activities_given_is_review() -> None:
    out = _out(deal())
    assert out["outcome"] == "review"
    assert "target.activities" in out["analysis"]["missing"]


def test_missing_completion_date_uses_today_with_an_advisory() -> None:
    d = deal([MCU])
    del d["transaction"]["completion_date"]
    out = _out(d)
    assert out["outcome"] == "notifiable"
    assert "missing-date" in [a["kind"] for a in out["advisories"]]


def test_other_sector_activity_is_not_covered() -> None:
    d = deal([{"sector": "other", "product": "other", "functions": ["produce"]}])
    assert _out(d)["status"] == "not-covered"


def test_prohibited_answers_carry_the_penalty_advisory() -> None:
    out = _out(deal([QC], completion_date="2025-06-01"))
    pen = next(a for a in out["advisories"] if a["kind"] == "penalty")
    assert "$377,700" in pen["message"] and "2 times the transaction value" in pen["message"]
    out = _out(deal([QC], completion_date="2025-01-10"))  # before the 2025 adjustment
    pen = next(a for a in out["advisories"] if a["kind"] == "penalty")
    assert "$250,000 as adjusted" in pen["message"]


def test_ownership_answers_flag_the_attribution_reading() -> None:
    d = deal(
        [MCU],
        target={
            "incorporated_in": "KY",
            "headquarters": "KY",
            "principal_place_of_business": "KY",
            "owners": [{"party": "p", "pct": 60}],
        },
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
    out = _out(d)
    assert any(
        a["kind"] == "unverified-fact" and a["rule"] == "oisp-person-coc" for a in out["advisories"]
    )
