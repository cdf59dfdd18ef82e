"""Each side of every effective date and suspension boundary: day before, day of, day after.

Suspension windows are closed intervals: "until 2026-11-10" is read as 2026-11-10
being the last suspended day (the sources do not say; see docs/china.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tradecheck.outcome import Outcome

from .conftest import Answer, shipment

Check = Callable[..., Answer]
A, L, P, R = Outcome.ALLOWED, Outcome.LICENSE_REQUIRED, Outcome.PROHIBITED, Outcome.REVIEW
COMMERCIAL = {"end_user_type": "commercial"}
MILITARY = {"end_user_type": "military"}

# (case, rule, [(date, expected outcome of that rule's finding)])
ITEM_DATES: list[tuple[str, dict[str, Any], str, list[tuple[str, Outcome]]]] = [
    (
        "ann-23",
        shipment("3818009004", to="DE"),
        "cn-2023-23-ga-5",
        [("2023-07-31", A), ("2023-08-01", L), ("2023-08-02", L)],
    ),
    (
        "ann-39",
        shipment("2504101000", to="DE"),
        "cn-2023-39-gr-2",
        [("2023-11-30", A), ("2023-12-01", L), ("2023-12-02", L)],
    ),
    (
        "ann-33",
        shipment("8110101000", to="DE"),
        "cn-2024-33-sb-2",
        [("2024-09-14", A), ("2024-09-15", L), ("2024-09-16", L)],
    ),
    (
        "ann-10",
        shipment("2804500001", to="DE"),
        "cn-2025-10-6c002-a",
        [("2025-02-03", A), ("2025-02-04", L), ("2025-02-05", L)],
    ),
    (
        "ann-18",
        shipment("2805301910", to="DE", params={"element": "samarium"}),
        "cn-2025-18-1c902",
        [("2025-04-03", A), ("2025-04-04", L), ("2025-04-05", L)],
    ),
    # Ann. 55: effective 2025-11-08 but suspended 2025-11-07..2026-11-10 by Ann. 70.
    (
        "ann-55/70",
        shipment("71051020", to="IN", params={"average_particle_size_um": 40}),
        "cn-2025-55-2c902-a",
        [
            ("2025-11-07", A),
            ("2025-11-08", A),
            ("2026-11-09", A),
            ("2026-11-10", A),
            ("2026-11-11", L),
        ],
    ),
    (
        "ann-57/70",
        shipment(to="DE", params={"element": "holmium"}, description="holmium oxide"),
        "cn-2025-57-1c909",
        [("2026-11-10", A), ("2026-11-11", L)],
    ),
]


@pytest.mark.parametrize(
    ("name", "case", "rule", "expected"), ITEM_DATES, ids=[c[0] for c in ITEM_DATES]
)
def test_item_effective_dates_and_suspensions(
    check: Check,
    name: str,
    case: dict[str, Any],
    rule: str,
    expected: list[tuple[str, Outcome]],
) -> None:
    for day, outcome in expected:
        assert check(case, day).one(rule).outcome is outcome, (name, day)


def test_lapsed_ann_70_window_revives_with_an_advisory(check: Check) -> None:
    case = shipment("71051020", to="IN", params={"average_particle_size_um": 40})
    inside = check(case, "2026-11-10")
    assert inside.advisories("suspension-ends", "cn-2025-55-2c902-a")
    assert not inside.advisories("suspension-lapsed", "cn-2025-55-2c902-a")
    after = check(case, "2026-11-11")
    assert after.one("cn-2025-55-2c902-a").outcome is L
    lapsed = after.advisories("suspension-lapsed", "cn-2025-55-2c902-a")
    assert lapsed and "extension" in lapsed[0]


@pytest.mark.parametrize(
    ("day", "expected", "policy"),
    [
        ("2024-12-02", None, None),  # before Ann. 46/2024
        ("2024-12-03", L, "presumption of denial"),
        ("2025-11-08", L, "presumption of denial"),  # day before Ann. 72/2025
        ("2025-11-09", A, None),
        ("2026-11-26", A, None),
        ("2026-11-27", A, None),  # last suspended day
        ("2026-11-28", L, "presumption of denial"),  # revived
    ],
)
def test_ann_46_clause_2_and_its_ann_72_suspension(
    check: Check, day: str, expected: Outcome | None, policy: str | None
) -> None:
    a = check(shipment("3818009004", to="US", party=COMMERCIAL), day)
    found = a.rule("cn-us-ggss")
    if expected is None:
        assert not found
        return
    assert len(found) == 1 and found[0].outcome is expected
    if policy:
        assert found[0].policy is not None and policy in found[0].policy
    if day == "2026-11-28":
        assert a.advisories("suspension-lapsed", "cn-us-ggss")


def test_graphite_enhanced_review_suspension_carries_the_doubt(check: Check) -> None:
    a = check(shipment("2504101000", to="US", party=COMMERCIAL), "2025-12-01")
    assert a.one("cn-us-graph").outcome is A
    doubts = a.advisories("unverified-fact", "cn-us-graph")
    assert doubts and "graphite" in doubts[0]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-12-02", None),
        ("2024-12-03", P),
        ("2025-11-09", P),
        ("2026-11-28", P),
    ],
)
def test_us_military_ban_clause_1_is_not_suspended(
    check: Check, day: str, expected: Outcome | None
) -> None:
    a = check(shipment("8110101000", to="US", party=MILITARY), day)
    found = a.rule("cn-us-mil")
    assert [f.outcome for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-01-05", None),
        ("2026-01-06", P),
        ("2026-01-07", P),
    ],
)
def test_japan_military_ban_from_ann_1_2026(
    check: Check, day: str, expected: Outcome | None
) -> None:
    a = check(shipment("2825600002", to="JP", party=MILITARY), day)
    assert [f.outcome for f in a.rule("cn-jp-mil")] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-11-30", None),
        ("2025-12-01", A),
        ("2026-11-10", A),
        ("2026-11-11", L),
    ],
)
def test_ann_61_de_minimis_effective_date_and_suspension(
    check: Check, day: str, expected: Outcome | None
) -> None:
    case = shipment("8501520000", to="VN", origin="KR", params={"cn_rare_earth_content_pct": 2})
    case["items"][0]["origin"] = "KR"
    found = check(case, day).rule("cn-2025-61-1-1")
    if expected is None:  # before 1(1) takes effect
        assert [f.outcome for f in found] == [A] and "takes effect" in found[0].reason
    else:
        assert [f.outcome for f in found] == [expected]


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("Insitu, Inc.", "2025-04-09", A),  # Ann. 22/2025 effective 2025-04-10
        ("Insitu, Inc.", "2025-04-10", P),
        ("Insitu, Inc.", "2025-04-11", P),
        ("IHI Aerospace Co., Ltd.", "2026-02-23", A),  # Ann. 11/2026 effective 2026-02-24
        ("IHI Aerospace Co., Ltd.", "2026-02-24", P),
        ("Cubic Corporation", "2025-05-13", P),  # Ann. 21/2025, suspended 2025-05-14..2026-11-10
        ("Cubic Corporation", "2025-05-14", A),
        ("Cubic Corporation", "2026-11-10", A),
        ("Cubic Corporation", "2026-11-11", P),
    ],
)
def test_control_list_dates_and_suspensions(
    check: Check, name: str, day: str, expected: Outcome
) -> None:
    a = check(shipment("2825600002", to="US", party={"name": name, **COMMERCIAL}), day)
    exact = [f for f in a.rule("cn-ctrl-list") if f.evidence["listed_name"] == name]
    assert [f.outcome for f in exact] == [expected]
    if name.startswith("Cubic") and day == "2026-11-11":
        assert a.advisories("suspension-lapsed", "cn-ctrl-list")
    if name.startswith("Cubic") and day == "2025-05-14":
        assert any("2026-11-10" in m for m in a.advisories("suspension-ends", "cn-ctrl-list"))


def test_no_end_user_named_uses_the_destination_and_case_end_use(check: Check) -> None:
    case = shipment("8110101000", to="US")
    case["parties"] = []
    assert check(case, "2025-12-01").one("cn-us-mil").outcome is R
    case["end_use"] = "military"
    assert check(case, "2025-12-01").one("cn-us-mil").outcome is P


OCTOBER_PACKAGE: list[tuple[str, dict[str, Any], str, list[tuple[str, Outcome]]]] = [
    # Ann. 62/2025 applied on publication (2025-10-09) until Ann. 70/2025 (2025-11-07).
    (
        "ann-62",
        shipment(to="DE", item_type="technology", technology="rare-earth-production-line-services"),
        "cn-2025-62-1e902-b",
        [
            ("2025-10-08", A),
            ("2025-10-09", L),
            ("2025-11-06", L),
            ("2025-11-07", A),
            ("2026-11-10", A),
            ("2026-11-11", L),
        ],
    ),
    (
        "ann-56",
        shipment("2530902000", to="DE"),
        "cn-2025-56-1c914-a",
        [("2025-11-07", A), ("2025-11-08", A), ("2026-11-10", A), ("2026-11-11", L)],
    ),
    (
        "ann-58",
        shipment(to="DE", params={"battery_product": "li-ion-cell", "energy_density_wh_kg": 320}),
        "cn-2025-58-cells",
        [("2026-11-09", A), ("2026-11-10", A), ("2026-11-11", L)],
    ),
    (
        "tech-catalogue",
        shipment(to="DE", item_type="technology", technology="ionic-rare-earth-leaching"),
        "cn-tech-re-ionic-leaching",
        [("2023-12-20", A), ("2023-12-21", L), ("2023-12-22", L)],
    ),
]


@pytest.mark.parametrize(
    ("name", "case", "rule", "expected"), OCTOBER_PACKAGE, ids=[c[0] for c in OCTOBER_PACKAGE]
)
def test_october_package_and_catalogue_dates(
    check: Check,
    name: str,
    case: dict[str, Any],
    rule: str,
    expected: list[tuple[str, Outcome]],
) -> None:
    for day, outcome in expected:
        assert check(case, day).one(rule).outcome is outcome, (name, day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-10-08", A),
        ("2025-10-09", L),
        ("2025-11-06", L),
        ("2025-11-07", A),
        ("2026-11-10", A),
        ("2026-11-11", L),
    ],
)
def test_ann_61_reexport_of_chinese_origin_rare_earths(
    check: Check, day: str, expected: Outcome
) -> None:
    case = shipment("2805301910", to="VN", origin="KR", params={"element": "samarium"})
    case["items"][0]["origin"] = "CN"
    assert check(case, day).one("cn-2025-61-1-3").outcome is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-09-24", None),
        ("2025-09-25", P),
        ("2025-09-26", P),
    ],
)
def test_uel_listing_date(check: Check, day: str, expected: Outcome | None) -> None:
    party = {"name": "Saronic Technologies, Inc.", **COMMERCIAL}
    a = check(shipment("2825600002", to="US", party=party), day)
    exact = [f for f in a.rule("cn-uel") if f.evidence["source"] == "CN-UEL" and f.outcome is not A]
    assert [f.outcome for f in exact] == ([expected] if expected else [])
