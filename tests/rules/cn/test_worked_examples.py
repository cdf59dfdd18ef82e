"""The worked examples of the China facts (§2.8), as expected outcomes.

NOT_CONTROLLED → ``allowed``; LICENSE_REQUIRED → ``license-required``;
…_PRESUMPTION_DENIAL and …_ENHANCED_REVIEW → ``license-required`` with that policy.
"""

from __future__ import annotations

from collections.abc import Callable

from tradecheck.outcome import Outcome

from .conftest import Answer, shipment

Check = Callable[..., Answer]
COMMERCIAL = {"end_user_type": "commercial"}


def test_b1_gallium_before_effective_date(check: Check) -> None:
    a = check(shipment("8112929010", to="DE", description="50 kg gallium metal"), "2023-07-20")
    assert a.outcome is Outcome.ALLOWED
    f = a.one("cn-2023-23-ga-1")
    assert "takes effect on 2023-08-01" in f.reason
    assert a.advisories("pending-law", "cn-2023-23-ga-1")


def test_b2_gallium_after_effective_date(check: Check) -> None:
    a = check(shipment("8112929010", to="DE", description="50 kg gallium metal"), "2023-08-15")
    assert a.outcome is Outcome.LICENSE_REQUIRED
    f = a.one("cn-2023-23-ga-1")
    assert f.outcome is Outcome.LICENSE_REQUIRED
    assert f.evidence["declaration"] == "属于两用物项 GA-1"
    assert f.citations[0].ref.startswith("MOFCOM/GAC Announcement 2023 No. 23")


def test_b3_gaas_to_us_presumption_of_denial(check: Check) -> None:
    a = check(shipment("3818009004", to="US", party=COMMERCIAL), "2025-01-15")
    assert a.outcome is Outcome.LICENSE_REQUIRED
    assert a.one("cn-2023-23-ga-5").outcome is Outcome.LICENSE_REQUIRED
    ggss = a.one("cn-us-ggss")
    assert ggss.outcome is Outcome.LICENSE_REQUIRED
    assert ggss.policy is not None and "presumption of denial" in ggss.policy
    assert not a.rule("cn-us-mil")  # a commercial end user


def test_b4_gaas_to_us_while_clause_2_suspended(check: Check) -> None:
    a = check(shipment("3818009004", to="US", party=COMMERCIAL), "2025-12-01")
    assert a.outcome is Outcome.LICENSE_REQUIRED
    ggss = a.one("cn-us-ggss")
    assert ggss.outcome is Outcome.ALLOWED and ggss.policy is None
    assert "ordinary licence review" in ggss.reason
    assert any("2026-11-27" in m for m in a.advisories("suspension-ends", "cn-us-ggss"))
    policies = [f.policy or "" for f in a.cn]
    assert not any("presumption of denial" in p for p in policies)


def test_b6_antimony_to_us_missile_programme_prohibited(check: Check) -> None:
    party = {"name": "Acme Defense Systems", "end_use": "missile program"}
    a = check(shipment("8110101000", to="US", party=party), "2025-12-01")
    assert a.outcome is Outcome.PROHIBITED
    mil = a.one("cn-us-mil")
    assert mil.outcome is Outcome.PROHIBITED
    assert mil.citations[0].ref.startswith("MOFCOM Announcement 2024 No. 46")
    assert a.one("cn-2024-33-sb-2").outcome is Outcome.LICENSE_REQUIRED


def test_b7_antimony_oxide_below_purity_threshold(check: Check) -> None:
    case = shipment("2825800010", to="VN", params={"purity_pct": 99.9})
    a = check(case, "2025-03-01")
    assert a.outcome is Outcome.ALLOWED
    f = a.one("cn-2024-33-sb-3")
    assert "不属于管制物项" in f.reason and "99.9" in f.reason


def test_b9_insb_dislocation_density(check: Check) -> None:
    lot1 = shipment(
        "2853909031",
        to="KR",
        params={"crystal_form": "single-crystal", "dislocation_density_per_cm2": 30},
    )
    lot2 = shipment(
        "2853909031",
        to="KR",
        params={"crystal_form": "single-crystal", "dislocation_density_per_cm2": 80},
    )
    assert check(lot1, "2025-03-01").one("cn-2024-33-sb-6").outcome is Outcome.LICENSE_REQUIRED
    assert check(lot2, "2025-03-01").one("cn-2024-33-sb-6").outcome is Outcome.ALLOWED


def test_b11_mpcvd_below_power_threshold(check: Check) -> None:
    case = shipment(
        "8479899957", to="DE", params={"microwave_power_kw": 8, "microwave_frequency_mhz": 2450}
    )
    a = check(case, "2025-03-01")
    assert a.outcome is Outcome.ALLOWED
    assert a.one("cn-2024-33-sh-3").outcome is Outcome.ALLOWED


def test_b13_flake_graphite_to_us_enhanced_review(check: Check) -> None:
    a = check(shipment("2504101000", to="US", party=COMMERCIAL), "2025-03-01")
    assert a.outcome is Outcome.LICENSE_REQUIRED
    graph = a.one("cn-us-graph")
    assert graph.outcome is Outcome.LICENSE_REQUIRED
    assert graph.policy is not None and "enhanced review" in graph.policy


def test_b16_apt_to_japan(check: Check) -> None:
    a = check(shipment("2841801000", to="JP"), "2025-02-10")
    assert a.outcome is Outcome.LICENSE_REQUIRED
    assert a.one("cn-2025-10-w-apt").outcome is Outcome.LICENSE_REQUIRED
    # The control-code heading was truncated in the source: the answer says so.
    assert a.advisories("unverified-fact", "cn-2025-10-w-apt")


def test_b19_ihi_aerospace_on_the_control_list(check: Check) -> None:
    party = {"name": "IHI Aerospace Co., Ltd.", "country": "JP"}
    a = check(shipment("2825600002", to="JP", party=party), "2026-03-01")
    assert a.outcome is Outcome.PROHIBITED
    by_name = {f.evidence["listed_name"]: f for f in a.rule("cn-ctrl-list")}
    exact = by_name["IHI Aerospace Co., Ltd."]
    assert exact.outcome is Outcome.PROHIBITED
    assert exact.evidence["announcement"] == "商务部公告2026年第11号"
    # A sister company scores below the certain score: a person must resolve it.
    assert by_name["IHI Aerospace Engineering Co., Ltd."].outcome is Outcome.REVIEW


def test_b21_insitu_on_the_control_list(check: Check) -> None:
    party = {"name": "Insitu, Inc.", "country": "US"}
    a = check(shipment("2825600002", to="US", party=party), "2025-05-01")
    assert a.outcome is Outcome.PROHIBITED
    assert a.one("cn-ctrl-list").evidence["announcement"] == "商务部公告2025年第22号"


def test_b22_korean_reexport_of_magnet_motors_under_suspended_ann_61(check: Check) -> None:
    case = shipment(
        "8501520000",
        to="VN",
        origin="KR",
        description="motors",
        params={"cn_rare_earth_content_pct": 2},
    )
    case["items"][0]["origin"] = "KR"
    a = check(case, "2025-12-15")
    assert a.outcome is Outcome.ALLOWED
    f = a.one("cn-2025-61-1-1")
    assert f.outcome is Outcome.ALLOWED and "suspended" in f.reason
    assert any("2026-11-10" in m for m in a.advisories("suspension-ends", "cn-2025-61-1-1"))


def test_b25_diamond_micropowder_ann_55_suspended(check: Check) -> None:
    case = shipment("71051020", to="IN", params={"average_particle_size_um": 40})
    a = check(case, "2025-11-09")
    assert a.outcome is Outcome.ALLOWED
    f = a.one("cn-2025-55-2c902-a")
    assert f.outcome is Outcome.ALLOWED and "suspended" in f.reason
    assert a.advisories("suspension-ends", "cn-2025-55-2c902-a")
