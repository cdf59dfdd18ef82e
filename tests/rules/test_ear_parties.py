"""US listed parties through the screening engine, with an index of our own entities."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradecheck.engine import evaluate_case
from tradecheck.entity import Entity, EntityType, make_entity_id
from tradecheck.outcome import Determination
from tradecheck.screening import build_index, screen_party


def ent(source: str, name: str, country: str, **kw: Any) -> Entity:
    return Entity(
        id=make_entity_id(source, name),
        source=source,
        type=EntityType.ORGANIZATION,
        name=name,
        countries=[country],
        **kw,
    )


ENTITIES = [
    ent(
        "EL",
        "Shenzhen Example Microelectronics Co., Ltd.",
        "CN",
        license_requirement="For all items subject to the EAR. (See 734.9(e)(2) footnote 4)",
        license_policy="Presumption of denial.",
    ),
    ent(
        "EL",
        "Harbor Vision Robotics Limited",
        "HK",
        license_requirement="For all items subject to the EAR.",
        license_policy="Case-by-case review for EAR99 items.",
    ),
    ent("SDN", "Volga Precision Instruments JSC", "RU"),
    ent("DPL", "Lakeside Trading FZE", "AE"),
    ent("UVL", "Orient Star Electronics Trading", "CN"),
    ent("MEU", "Northern Aviation Industry Corporation", "CN"),
]
INDEX = build_index(ENTITIES)


def screener(name: str, country: str | None) -> list[Any]:
    return list(screen_party(name, country=country, index=INDEX).matches)


def check(name: str, country: str = "CN", **party: Any) -> Determination:
    doc = {
        "origin": "US",
        "destination": country,
        "items": [{"eccn": "EAR99"}],
        "parties": [{"role": "end-user", "name": name, "country": country, **party}],
    }
    return evaluate_case(doc, date(2026, 11, 28), screener=screener)


def party_findings(det: Determination) -> list[Any]:
    return [f for f in det.findings if f.regime == "us-ear-parties"]


@pytest.mark.parametrize(
    ("name", "country", "outcome", "rule"),
    [
        ("Shenzhen Example Microelectronics Co Ltd", "CN", "license-required", "us-ear-el"),
        ("Volga Precision Instruments JSC", "RU", "prohibited", "us-ofac-sdn"),
        ("Lakeside Trading FZE", "AE", "prohibited", "us-ear-dpl"),
        ("Orient Star Electronics Trading", "CN", "review", "us-ear-uvl"),
        ("Northern Aviation Industry Corporation", "CN", "license-required", "us-ear-meu"),
        ("Blue Meadow Bakery GmbH", "DE", "allowed", "us-ear-screening"),
    ],
)
def test_lists(name: str, country: str, outcome: str, rule: str) -> None:
    [f] = party_findings(check(name, country))
    assert (f.outcome.value, f.rule) == (outcome, rule)


def test_entity_list_policy_and_footnote_4() -> None:
    [f] = party_findings(check("Shenzhen Example Microelectronics Co., Ltd."))
    assert f.policy == "Presumption of denial."
    assert f.evidence["footnote"] == "footnote 4" and "734.9(e)" in f.reason
    [g] = party_findings(check("Harbor Vision Robotics Limited", "HK"))
    assert g.policy == "Case-by-case review for EAR99 items." and "footnote" not in g.evidence


def test_near_match_is_review_not_allowed() -> None:
    fs = party_findings(check("Shenzhen Exampel Microelectronics Trading", "CN"))
    assert fs and all(f.outcome.value == "review" for f in fs)
    assert "possible match" in fs[0].reason


def test_screening_unavailable_or_failing_is_review() -> None:
    def broken(name: str, country: str | None) -> list[Any]:
        from tradecheck.errors import StoreError

        raise StoreError("no list snapshots loaded")

    doc = {"destination": "DE", "items": [{"eccn": "EAR99"}], "parties": [{"name": "X GmbH"}]}
    det = evaluate_case(doc, date(2026, 1, 1), screener=broken)
    assert det.outcome.value == "review"


def test_affiliates_rule_and_its_suspension() -> None:
    owners = [{"name": "Shenzhen Example Microelectronics Co., Ltd.", "share": 0.6}]

    def run(day: date) -> Determination:
        doc = {
            "destination": "MY",
            "items": [{"eccn": "EAR99"}],
            "parties": [{"name": "Penang Subsidiary Sdn Bhd", "country": "MY", "owners": owners}],
        }
        return evaluate_case(doc, day, screener=screener)

    on = run(date(2025, 10, 1))
    assert any(
        f.rule == "us-ear-affiliates-2025-09" and f.outcome.value == "license-required"
        for f in on.findings
    )
    suspended = run(date(2026, 11, 9))
    assert not any(f.rule == "us-ear-affiliates-2025-09" for f in suspended.findings)
    assert any(a.kind == "suspension-ends" for a in suspended.advisories)
    lapsed = run(date(2026, 11, 10))
    assert any(f.rule == "us-ear-affiliates-2025-09" for f in lapsed.findings)
    assert any(a.kind == "suspension-lapsed" for a in lapsed.advisories)


def item_finding(name: str, day: date = date(2024, 6, 1)) -> Any:
    doc = {
        "origin": "US",
        "destination": "VN",
        "end_use": "civil",
        "items": [{"chip": {"model": "RTX 4090"}}],
        "parties": [{"role": "end-user", "name": name, "country": "VN", "headquarters": "VN"}],
    }
    det = evaluate_case(doc, day, screener=screener)
    return next(f for f in det.findings if f.regime == "us-ear" and f.subject.startswith("item"))


def test_listed_party_takes_licence_exceptions_away() -> None:
    # QA: an RTX 4090 to Vietnam may go under ACA - but never to an Entity List party.
    assert [e.split()[0] for e in item_finding("Hanoi Lantern Trading JSC").exceptions] == ["ACA"]
    INDEX_EL = build_index(
        [
            ent(
                "EL",
                "Hanoi Lantern Trading JSC",
                "VN",
                license_requirement="For all items subject to the EAR.",
                license_policy="Presumption of denial.",
            )
        ]
    )

    def listed(name: str, country: str | None) -> list[Any]:
        return list(screen_party(name, country=country, index=INDEX_EL).matches)

    doc = {
        "origin": "US",
        "destination": "VN",
        "end_use": "civil",
        "items": [{"chip": {"model": "RTX 4090"}}],
        "parties": [{"role": "end-user", "name": "Hanoi Lantern Trading JSC", "country": "VN"}],
    }
    det = evaluate_case(doc, date(2024, 6, 1), screener=listed)
    f = next(f for f in det.findings if f.regime == "us-ear")
    assert f.exceptions == [] and "no licence exceptions" in f.reason
    assert f.policy is not None and f.policy.startswith("as for the listed party")
    assert "Presumption of denial." in f.policy


@pytest.mark.parametrize(
    ("requirement", "footnote"),
    [
        # the Consolidated Screening List's wording: the FDP rule cited, footnote as a suffix
        ("For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4", "4"),
        ("For All Items Subject to the EAR (See §734.9(e)1, and §744.11 of the EAR)2.", "1"),
        ("For all items subject to the EAR. (See §§ 734.9(e)(3) and 744.11 of the EAR)", "5"),
        ("For all items subject to the EAR. (See § 744.11 of the EAR)", None),
    ],
)
def test_footnote_from_the_entrys_fdp_citation(requirement: str, footnote: str | None) -> None:
    listed = ent("EL", "Tianjin Wave Computing Co., Ltd.", "CN", license_requirement=requirement)
    index = build_index([listed])

    def scr(name: str, country: str | None) -> list[Any]:
        return list(screen_party(name, country=country, index=index).matches)

    doc = {
        "destination": "CN",
        "items": [{"eccn": "EAR99"}],
        "parties": [
            {"role": "end-user", "name": "Tianjin Wave Computing Co., Ltd.", "country": "CN"}
        ],
    }
    [f] = party_findings(evaluate_case(doc, date(2026, 1, 1), screener=scr))
    assert f.rule == "us-ear-el"
    assert f.evidence.get("footnote") == (f"footnote {footnote}" if footnote else None)


def test_one_finding_per_list_with_other_candidates() -> None:
    index = build_index(
        [
            ent("EL", "Harbin Sky Computing Co., Ltd.", "CN"),
            ent("EL", "Harbin Sky Computing (Shenzhen) Co., Ltd.", "CN"),
            ent("EL", "Harbin Sky Computing (Wuhan) Co., Ltd.", "CN"),
        ]
    )

    def scr(name: str, country: str | None) -> list[Any]:
        return list(screen_party(name, country=country, index=index).matches)

    doc = {
        "destination": "CN",
        "items": [{"eccn": "EAR99"}],
        "parties": [
            {"role": "end-user", "name": "Harbin Sky Computing Co., Ltd.", "country": "CN"}
        ],
    }
    fs = party_findings(evaluate_case(doc, date(2026, 1, 1), screener=scr))
    assert len(fs) == 1 and fs[0].evidence["listed_name"] == "Harbin Sky Computing Co., Ltd."
    assert len(fs[0].evidence["other_candidates"]) == 2


def test_affiliates_rule_aggregates_listed_owners() -> None:
    # QA (facts §1 AFF: ">= 50 % owned in aggregate"): two listed owners of 30 % each.
    def run(owners: list[dict[str, Any]]) -> list[Any]:
        doc = {
            "destination": "MY",
            "items": [{"eccn": "EAR99"}],
            "parties": [
                {"name": "Penang Joint Venture Sdn Bhd", "country": "MY", "owners": owners}
            ],
        }
        det = evaluate_case(doc, date(2025, 10, 1), screener=screener)
        return [f for f in det.findings if f.rule == "us-ear-affiliates-2025-09"]

    el = "Shenzhen Example Microelectronics Co., Ltd."
    meu = "Northern Aviation Industry Corporation"
    [f] = run([{"name": el, "share": 0.3}, {"name": meu, "share": 0.3}])
    assert f.outcome.value == "license-required" and "60% owned in aggregate" in f.reason
    assert (
        run([{"name": el, "share": 0.3}, {"name": "Blue Meadow Bakery GmbH", "share": 0.7}]) == []
    )
    [g] = run([{"name": el}])  # share not given: review, never allowed
    assert g.outcome.value == "review"


def test_sdn_owned_party_is_review() -> None:
    doc = {
        "destination": "DE",
        "items": [{"eccn": "EAR99"}],
        "parties": [
            {
                "name": "Elbe Instruments GmbH",
                "country": "DE",
                "owners": [{"name": "Volga Precision Instruments JSC", "share": 0.5}],
            }
        ],
    }
    det = evaluate_case(doc, date(2026, 1, 1), screener=screener)
    [f] = [f for f in det.findings if f.rule == "us-ofac-sdn-owned"]
    assert f.outcome.value == "review" and "50% owned in aggregate" in f.reason
