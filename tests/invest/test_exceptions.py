"""Exceptions (850.501), their override for rights beyond minority protections, and exemptions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.invest.builders import MCU, QC, deal
from tests.invest.conftest import run


def _status(d: dict[str, Any]) -> tuple[str, str]:
    out = run(d).to_dict()
    return out["outcome"], out["status"]


STANDARD = [
    "block-asset-sale-or-bankruptcy",
    "block-contracts-with-majority",
    "block-guarantees-for-majority",
    "anti-dilution",
    "protect-class-rights",
    "block-charter-amendments",
]


def test_public_security_with_only_standard_protections_is_excepted() -> None:
    out = run(deal([QC], publicly_traded=True, rights=STANDARD)).to_dict()
    assert (out["outcome"], out["status"]) == ("allowed", "excepted")
    f = out["findings"][0]
    assert f["exceptions"] == ["EX-PUB"]
    assert f["evidence"]["would_be"] == "excepted"
    assert f["evidence"]["tier"] == "prohibited"
    assert f["citations"][0]["ref"] == "31 CFR 850.501(a)(1)(i)"


@pytest.mark.parametrize("right", ["board-seat", "veto-business-decisions", "management-control"])
def test_rights_beyond_minority_protections_defeat_the_exception(right: str) -> None:
    out = run(deal([QC], publicly_traded=True, rights=["anti-dilution", right])).to_dict()
    assert out["outcome"] == "prohibited"
    exc = {e["code"]: e for e in out["analysis"]["exceptions"]}
    assert exc["EX-PUB"]["overridden_by"] == [right]


def test_unclassified_right_or_unstated_rights_give_review() -> None:
    out = run(deal([QC], publicly_traded=True, rights=["board-observer"])).to_dict()
    assert out["outcome"] == "review"
    assert "transaction.rights: board-observer" in out["analysis"]["missing"]
    d = deal([QC], publicly_traded=True)
    del d["transaction"]["rights"]
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert "transaction.rights" in out["analysis"]["missing"]


def test_convertible_only_into_public_security_is_excepted() -> None:
    d = deal([QC], type="contingent-equity", convertible_only_into_public=True)
    assert _status(d) == ("allowed", "excepted")


def test_registered_fund_security_is_excepted() -> None:
    assert _status(deal([QC], registered_fund_security=True)) == ("allowed", "excepted")


def _lp(assurance: str, tier_acts: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    d = deal(
        tier_acts,
        type="lp-interest",
        lp={
            "fund_is_us_person": False,
            "commitment_usd": 25_000_000,
            "contractual_assurance": assurance,
            "likely_invests_in_coc_sectors": True,
            "fund_investment_date": "2025-07-01",
        },
        **extra,
    )
    del d["transaction"]["completion_date"]
    return d


@pytest.mark.parametrize(
    ("assurance", "acts", "expected"),
    [
        ("prohibited-and-notifiable", [QC], ("allowed", "excepted")),
        ("prohibited", [QC], ("allowed", "excepted")),
        ("notifiable", [QC], ("prohibited", "prohibited")),  # wrong tier assured
        ("notifiable", [MCU], ("allowed", "excepted")),
        ("none", [MCU], ("notifiable", "notifiable")),
    ],
)
def test_lp_contractual_assurance(assurance: str, acts: list[Any], expected: Any) -> None:
    assert _status(_lp(assurance, acts)) == expected


def test_lp_assurance_lost_with_rights_beyond_minority_protections() -> None:
    assert _status(_lp("prohibited-and-notifiable", [QC], rights=["board-seat"]))[0] == (
        "prohibited"
    )


def test_lp_interest_in_a_us_fund_is_not_covered_for_the_lp() -> None:
    d = _lp("none", [QC])
    d["transaction"]["lp"]["fund_is_us_person"] = True
    assert _status(d) == ("allowed", "not-covered")


def test_lp_with_unknown_fund_status_is_review() -> None:
    d = _lp("none", [QC])
    del d["transaction"]["lp"]["fund_is_us_person"]
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert "transaction.lp.fund_is_us_person" in out["findings"][0]["evidence"]["missing"]


@pytest.mark.parametrize(
    ("tx", "code"),
    [
        (
            {"prior_commitment": {"date": "2024-11-01", "binding": True, "uncalled": True}},
            "EX-PRECOMMIT",
        ),
        (
            {"syndicated_loan_default": {"can_act_alone": False, "syndication_agent": False}},
            "EX-SYNDLOAN",
        ),
        (
            {"intracompany": {"with_cfe": True, "supports": "pre-2025-covered-activities"}},
            "EX-INTRA",
        ),
    ],
)
def test_other_exceptions(tx: dict[str, Any], code: str) -> None:
    out = run(deal([QC], **tx)).to_dict()
    assert out["status"] == "excepted"
    assert out["findings"][0]["exceptions"] == [code]


def test_precommitment_after_the_effective_date_is_not_excepted() -> None:
    tx = {"prior_commitment": {"date": "2025-01-02", "binding": True, "uncalled": True}}
    assert _status(deal([QC], **tx))[0] == "prohibited"


def test_employee_equity_is_excepted_for_individuals_only() -> None:
    d = deal([QC], employment_compensation=True)
    d["investor"]["us_person_basis"] = "us-citizen"
    assert _status(d) == ("allowed", "excepted")
    d["investor"]["us_person_basis"] = "us-entity"
    assert _status(d)[0] == "prohibited"


def test_derivative_without_equity_rights_is_excepted_and_with_them_covered() -> None:
    d = deal([QC], type="derivative", derivative={"confers_equity_rights": False})
    assert _status(d) == ("allowed", "excepted")
    d["transaction"]["derivative"]["confers_equity_rights"] = True
    assert _status(d)[0] == "prohibited"


def test_buyout_that_leaves_a_prc_entity_is_not_excepted() -> None:
    d = deal([MCU], buyout={"all_coc_interests": True})  # the target itself is PRC-incorporated
    assert _status(d)[0] == "notifiable"


def test_national_interest_exemption() -> None:
    nie = {
        "doc_ref": "NIE-2025-001",
        "signed_by": "assistant-secretary-investment-security",
        "conditions": ["no technology transfer"],
    }
    out = run(deal([QC], national_interest_exemption=nie)).to_dict()
    assert (out["outcome"], out["status"]) == ("allowed", "exempt")
    assert out["findings"][0]["evidence"]["exemption"]["conditions"] == ["no technology transfer"]
    # Signed by anyone else it is no exemption (850.502): the deal stays prohibited.
    nie["signed_by"] = "other"
    bad = run(deal([QC], national_interest_exemption=nie)).to_dict()
    assert (bad["outcome"], bad["status"]) == ("prohibited", "prohibited")
    assert "NIE-2025-001 does not apply" in bad["findings"][0]["reason"]
