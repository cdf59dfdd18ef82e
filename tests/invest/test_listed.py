"""Listed-party escalation (850.224(m)) through the screening engine and declared list status."""

from __future__ import annotations

from typing import Any

import pytest

from tests.invest.builders import KY, MCU, PRC, deal
from tests.invest.conftest import run
from tradecheck.entity import Entity, EntityType
from tradecheck.errors import InputError

screening = pytest.importorskip("tradecheck.screening")

LISTED = [
    Entity(
        id="el-1",
        source="EL",
        type=EntityType.ORGANIZATION,
        name="Shenzhen Yuanxin Microelectronics Co., Ltd.",
        countries=["CN"],
    ),
    Entity(
        id="meu-1",
        source="MEU",
        type=EntityType.ORGANIZATION,
        name="Xi'an Aurora Avionics Institute",
        countries=["CN"],
    ),
    Entity(
        id="sdn-1",
        source="SDN",
        type=EntityType.ORGANIZATION,
        name="Harbin Polar Star Holdings Limited",
        countries=["CN"],
    ),
    Entity(
        id="cmic-1",
        source="CMIC",
        type=EntityType.ORGANIZATION,
        name="Beijing Skyward Intelligence Technology Co., Ltd.",
        countries=["CN"],
    ),
    Entity(
        id="fto-1",
        source="SDN",
        type=EntityType.ORGANIZATION,
        name="Crimson Dawn Brigade",
        programs=["FTO", "SDGT"],
    ),
]


@pytest.fixture(scope="module")
def screener() -> Any:
    idx = screening.build_index(LISTED)

    def screen(name: str, country: str | None) -> list[Any]:
        return list(screening.screen_party(name, country=country, index=idx, min_score=0.8).matches)

    return screen


def _mcu_deal(name: str, **target: Any) -> dict[str, Any]:
    d = deal([MCU], target={"name": name, **target})
    if "listed" not in target:
        del d["target"]["listed"]
    return d


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Shenzhen Yuanxin Microelectronics Co., Ltd.", "EL"),
        ("Xi'an Aurora Avionics Institute", "MEU"),
        ("Harbin Polar Star Holdings Limited", "SDN"),
        ("Beijing Skyward Intelligence Technology Co., Ltd.", "NS-CMIC"),
        ("Crimson Dawn Brigade", "FTO"),
    ],
)
def test_listed_target_in_notifiable_tier_is_prohibited(
    screener: Any, name: str, code: str
) -> None:
    out = run(_mcu_deal(name), screener=screener).to_dict()
    assert out["outcome"] == "prohibited"
    f = next(f for f in out["findings"] if f["rule"] == "oisp-listed-escalation")
    assert code in f["reason"]
    assert any(c["ref"].startswith("31 CFR 850.224(m)(") for c in f["citations"])


def test_near_match_gives_review(screener: Any) -> None:
    out = run(_mcu_deal("Shenzhen Yuanxin Microelectronic Technology Co"), screener=screener)
    d = out.to_dict()
    assert d["outcome"] == "review"
    assert any("possible list match" in m for m in d["analysis"]["missing"])
    assert d["analysis"]["listed"]["possible"][0]["code"] == "EL"


def test_unlisted_name_stays_notifiable(screener: Any) -> None:
    assert run(_mcu_deal("Hangzhou Plain Chips Co"), screener=screener).outcome.value == (
        "notifiable"
    )


def test_sdn_owners_at_50_percent_make_the_target_listed(screener: Any) -> None:
    d = _mcu_deal("Plain Subsidiary Co", owners=[{"party": "sdn", "pct": 50}])
    d["parties"] = [{"id": "sdn", "name": "Harbin Polar Star Holdings Limited", **PRC}]
    out = run(d, screener=screener).to_dict()
    assert out["outcome"] == "prohibited"
    assert out["analysis"]["listed"]["certain"][0]["how"] == "sdn-ownership"
    d["target"]["owners"][0]["pct"] = 49
    assert run(d, screener=screener).outcome.value == "notifiable"


def test_listing_without_covered_activity_does_not_escalate(screener: Any) -> None:
    d = _mcu_deal("Shenzhen Yuanxin Microelectronics Co., Ltd.")
    d["target"]["activities"] = [{"sector": "other", "product": "other", "functions": ["sell"]}]
    assert run(d, screener=screener).to_dict()["status"] == "not-covered"


def test_listing_does_not_matter_for_a_non_coc_target(screener: Any) -> None:
    d = _mcu_deal("Shenzhen Yuanxin Microelectronics Co., Ltd.", **KY)
    assert run(d, screener=screener).to_dict()["status"] == "not-covered"


def _broken(name: str, country: str | None) -> list[Any]:
    raise InputError("the store holds no list snapshot")


def test_unavailable_screening_without_declared_status_is_review() -> None:
    out = run(_mcu_deal("Hangzhou Plain Chips Co"), screener=_broken).to_dict()
    assert out["outcome"] == "review"
    assert any(m.startswith("target.listed") for m in out["analysis"]["missing"])


def test_unavailable_screening_with_declared_status_is_decided() -> None:
    d = _mcu_deal("Hangzhou Plain Chips Co", listed=[])
    assert run(d, screener=_broken).outcome.value == "notifiable"
    d["target"]["listed"] = ["MEU"]
    assert run(d, screener=_broken).outcome.value == "prohibited"
