"""China's party lists through the screening engine: control list, watch list, UEL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tradecheck.entity import Entity, EntityType, Name, make_entity_id
from tradecheck.outcome import Outcome
from tradecheck.rules.cn.spec import china_rules

from .conftest import Answer, make_screener, shipment

Check = Callable[..., Answer]
GE_O2 = "2825600002"  # germanium dioxide, a listed item


def test_watch_list_requires_an_individual_licence(check: Check) -> None:
    party = {"name": "ENEOS Corporation", "country": "JP"}
    a = check(shipment(GE_O2, to="JP", party=party), "2026-03-01")
    f = a.one("cn-watch-list")
    assert f.outcome is Outcome.LICENSE_REQUIRED
    assert f.policy is not None and "individual licence" in f.policy


def test_unreliable_entity_list_bans_any_trade(check: Check) -> None:
    party = {"name": "Saronic Technologies", "country": "US"}
    a = check(shipment("6109100000", to="US", party=party), "2025-10-01")
    uel = [f for f in a.rule("cn-uel") if f.outcome is Outcome.PROHIBITED]
    assert uel and uel[0].evidence["source"] == "CN-UEL"
    assert a.outcome is Outcome.PROHIBITED


def test_chinese_name_finds_the_listing(check: Check) -> None:
    a = check(shipment(GE_O2, to="US", party={"name": "英斯图公司"}), "2025-05-01")
    f = a.one("cn-ctrl-list")
    assert f.outcome is Outcome.PROHIBITED and f.evidence["listed_name"] == "Insitu, Inc."


def test_control_list_without_dual_use_items_is_review(check: Check) -> None:
    party = {"name": "Insitu, Inc.", "end_user_type": "commercial"}
    a = check(shipment("6109100000", to="US", party=party), "2025-05-01")
    assert a.one("cn-ctrl-list").outcome is Outcome.REVIEW


def test_exporter_is_not_screened_against_the_control_list(check: Check) -> None:
    case = shipment(GE_O2, to="DE")
    case["parties"].append({"name": "Insitu, Inc.", "country": "US", "role": "exporter"})
    assert not check(case, "2025-05-01").rule("cn-ctrl-list")


def _entity(name: str, cn_name: str, **extra: object) -> Entity:
    base: dict[str, object] = {
        "list": "CN-UEL",
        "announcement": "Test Ann.",
        "status": "active",
        "effective_date": "2025-01-01",
        "suspended_from": None,
        "suspended_to": None,
        "removed_on": None,
        "confidence": "secondary",
    }
    base.update(extra)
    return Entity(
        id=make_entity_id("CN-UEL", name),
        source="CN-UEL",
        type=EntityType.ORGANIZATION,
        name=name,
        aliases=[Name(cn_name, script="Han", lang="zh")],
        countries=["US"],
        listed_on=str(base["effective_date"]),
        extra=base,
    )


def test_own_listing_windows_and_unverified_marks(check: Check) -> None:
    ents = [
        _entity(
            "Zephyr Dynamics LLC",
            "西风动力公司",
            status="suspended",
            suspended_from="2025-06-01",
            suspended_to="2025-12-31",
            confidence="unverified",
        ),
    ]
    scr = make_screener(ents)
    case = shipment(GE_O2, to="US", party={"name": "西风动力公司", "end_user_type": "commercial"})
    during = check(case, "2025-07-01", scr)
    assert during.one("cn-uel").outcome is Outcome.ALLOWED
    assert any("2025-12-31" in m for m in during.advisories("suspension-ends", "cn-uel"))
    assert during.advisories("unverified-fact", "cn-uel")
    after = check(case, "2026-01-01", scr)
    assert after.one("cn-uel").outcome is Outcome.PROHIBITED
    assert after.advisories("suspension-lapsed", "cn-uel")
    before = check(case, "2024-12-31", scr)
    assert before.one("cn-uel").outcome is Outcome.ALLOWED


def test_near_match_is_review_not_allowed(check: Check) -> None:
    # The outcome follows the rule's certain_score, never a fixed score: the matcher's
    # scores are tuned separately.
    scr = make_screener([_entity("Zephyr Dynamics Holdings LLC", "西风动力控股公司")])
    a = check(shipment(GE_O2, to="US", party={"name": "Zephyr Dynamics"}), "2025-07-01", scr)
    found = a.rule("cn-uel")
    certain = float(
        next(r for r in china_rules("cn-party-list") if r.id == "cn-uel").data["certain_score"]
    )
    assert found
    for f in found:
        below = float(f.evidence["score"]) < certain
        assert f.outcome is (Outcome.REVIEW if below else Outcome.PROHIBITED)


def test_match_below_the_certain_score_is_review(check: Check) -> None:
    """A screener hit just under the rule's certain_score is a possible match: review."""
    entity = _entity("Zephyr Dynamics Holdings LLC", "西风动力控股公司")
    certain = float(
        next(r for r in china_rules("cn-party-list") if r.id == "cn-uel").data["certain_score"]
    )
    real = make_screener([entity])

    def nudged(name: str, country: str | None) -> list[Any]:
        return [replace(m, score=min(float(m.score), certain - 0.01)) for m in real(name, country)]

    a = check(shipment(GE_O2, to="US", party={"name": "Zephyr Dynamics"}), "2025-07-01", nudged)
    found = a.rule("cn-uel")
    assert found and all(f.outcome is Outcome.REVIEW for f in found)
    assert all("a person must confirm" in f.reason for f in found)


def test_list_not_in_the_store_gives_review() -> None:
    from tradecheck.engine import evaluate_case
    from tradecheck.lists.bundle import load_bundled
    from tradecheck.store import open_store

    load_bundled(open_store(), "cn-ctrl")  # only the control list
    det = evaluate_case(shipment(GE_O2, to="DE"))
    missing = {f.evidence.get("dataset") for f in det.findings if f.regime == "cn-parties"}
    assert missing == {"cn-watch", "cn-uel"}
    assert all(f.outcome is Outcome.REVIEW for f in det.findings if f.regime == "cn-parties")
