"""US EAR licence determination: the H100 destination matrix and dated cases on both
sides of every rule change (facts §1, §4, §6.4)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tradecheck.engine import evaluate_case
from tradecheck.outcome import Determination, Finding
from tradecheck.rules import diff_rules, load_packs

NO_MATCHES = lambda name, country: []  # noqa: E731 - a screener that finds nobody


def case(
    dest: str, chip: dict[str, Any] | None = None, hq: str | None = None, **kw: Any
) -> dict[str, Any]:
    party = {"role": "end-user", "name": "Example Co", "country": dest, "headquarters": hq or dest}
    doc: dict[str, Any] = {
        "origin": "US",
        "destination": dest,
        "parties": [party],
        "items": [{"chip": chip or {"model": "H100 SXM"}}],
    }
    doc.update(kw)
    return doc


def run(doc: dict[str, Any], on: str | date) -> Determination:
    when = date.fromisoformat(on) if isinstance(on, str) else on
    return evaluate_case(doc, when, screener=NO_MATCHES)


def item(det: Determination) -> Finding:
    return next(
        f for f in det.findings if f.regime == "us-ear" and (f.subject or "").startswith("item 1")
    )


L, N = "license-required", "allowed"
# facts §6.4: H100 SXM, datacenter; the last column is a Malaysian subsidiary of a PRC firm.
MATRIX = {
    "2022-12-01": {"CN": L, "HK": L, "MO": N, "VN": N, "SA": N, "AE": N, "IL": N, "SG": N, "MY": N},
    "2023-06-01": {"CN": L, "HK": L, "MO": L, "VN": N, "SA": N, "AE": N, "IL": N, "SG": N, "MY": N},
    "2023-12-01": {"CN": L, "HK": L, "MO": L, "VN": L, "SA": L, "AE": L, "IL": N, "SG": N, "MY": L},
    "2025-03-01": {"CN": L, "HK": L, "MO": L, "VN": L, "SA": L, "AE": L, "IL": N, "SG": N, "MY": L},
    "2026-02-01": {"CN": L, "HK": L, "MO": L, "VN": L, "SA": L, "AE": L, "IL": N, "SG": N, "MY": L},
    "2026-08-01": {"CN": L, "HK": L, "MO": L, "VN": L, "SA": L, "AE": L, "IL": N, "SG": N, "MY": L},
}


@pytest.mark.parametrize(
    ("on", "dest", "expected"),
    [(on, dest, out) for on, row in MATRIX.items() for dest, out in row.items()],
)
def test_h100_destination_matrix(on: str, dest: str, expected: str) -> None:
    hq = "CN" if dest == "MY" else None
    assert item(run(case(dest, hq=hq), on)).outcome.value == expected


def test_hq_rule_cites_744_23_a_3() -> None:
    f = item(run(case("MY", hq="CN"), "2023-12-01"))
    assert any(c.ref == "15 CFR 744.23(a)(3)" for c in f.citations)
    assert f.policy == "presumption of denial"


def test_parent_headquarters_counts() -> None:
    doc = case("SG")
    doc["parties"][0]["parent_headquarters"] = "MO"
    assert item(run(doc, "2024-01-01")).outcome.value == L


def test_unknown_headquarters_is_review() -> None:
    doc = case("SG")
    del doc["parties"][0]["headquarters"]
    f = item(run(doc, "2024-01-01"))
    assert f.outcome.value == "review" and "headquarters" in f.reason
    # before the headquarters rule existed, headquarters did not matter
    assert item(run(doc, "2023-11-16")).outcome.value == N


def day_pair(day: str) -> tuple[date, date]:
    d = date.fromisoformat(day)
    return d - timedelta(days=1), d


@pytest.mark.parametrize(
    ("day", "dest", "chip", "before", "on"),
    [
        ("2022-10-07", "CN", {"model": "H100 SXM"}, N, L),  # October 2022 rule
        ("2023-01-17", "MO", {"model": "H100 SXM"}, N, L),  # Macau added
        ("2023-11-17", "VN", {"model": "H100 SXM"}, N, L),  # D:1/D:4/D:5 scope
        ("2023-11-17", "CN", {"model": "A800 SXM"}, N, L),  # I/O prong removed
        ("2023-11-17", "CN", {"model": "L40"}, N, L),  # 3A090.b created
        ("2024-12-31", "CN", {"model": "HBM3 stack"}, N, L),  # 3A090.c compliance date
    ],
)
def test_day_before_and_day_of(
    day: str, dest: str, chip: dict[str, Any], before: str, on: str
) -> None:
    d0, d1 = day_pair(day)
    assert item(run(case(dest, chip), d0)).outcome.value == before
    assert item(run(case(dest, chip), d1)).outcome.value == on


def test_hbm_compliance_advisory_between_effective_and_compliance() -> None:
    det = run(case("CN", {"model": "HBM3 stack"}), "2024-12-02")
    assert any(a.kind == "compliance-date" for a in det.advisories)


def test_review_policy_2026_case_by_case() -> None:
    h200 = {"model": "H200"}
    cond = {"conditions": {"us_2026_review_conditions": True}}
    assert item(run(case("CN", h200, **cond), "2026-01-14")).policy == "presumption of denial"
    assert item(run(case("CN", h200, **cond), "2026-01-15")).policy == "case-by-case"
    assert item(run(case("HK", h200, **cond), "2026-01-15")).policy == "case-by-case"
    # without the attested conditions: presumption of denial, case-by-case only if met
    assert item(run(case("CN", h200), "2026-01-15")).policy.startswith("presumption of denial;")
    # B200 is above TPP 21,000 and DRAM bandwidth 6,500 GB/s
    b200 = item(run(case("CN", {"model": "B200"}, **cond), "2026-02-01"))
    assert b200.policy == "presumption of denial"
    # a reexport is not an export from the United States
    rx = case("CN", h200, **cond)
    rx.update(origin="SG", transaction="reexport")
    assert item(run(rx, "2026-02-01")).policy == "presumption of denial"


def test_review_policy_d1_d4_presumption_of_approval_is_flagged_unverified() -> None:
    det = run(case("SA"), "2024-01-01")
    assert item(det).policy == "presumption of approval"
    assert any(
        a.kind == "unverified-fact" and a.rule == "us-ear-rp-2023-11-d1d4" for a in det.advisories
    )


def test_cambodia_leaves_d5() -> None:
    kh0, kh1 = (item(run(case("KH"), d)) for d in day_pair("2026-02-03"))
    assert kh0.outcome.value == kh1.outcome.value == L  # still D:1
    assert kh0.policy == "presumption of denial" and kh1.policy == "presumption of approval"


def test_uae_supp8_entity() -> None:
    doc = case("AE")
    doc["parties"][0]["end_user_type"] = "supp8-entity"
    d0, d1 = day_pair("2026-07-10")
    assert item(run(doc, d0)).outcome.value == L  # D:4 until 2026-07-09
    det = run(doc, d1)
    # A:5 and a stated Supp. 8 entity: the exemption rests on an unverified rule (facts §9.4)
    # and on the end user's stated type, so a person confirms it (QA: never allowed on it).
    assert item(det).outcome.value == "review" and "exempts" in item(det).reason
    assert item(run(case("AE"), d1)).outcome.value == L  # other UAE end users


def test_aid_text_not_enforced_says_so() -> None:
    det = run(case("SG"), "2025-06-01")
    assert item(det).outcome.value == N
    assert any(
        a.kind == "enforcement-statement" and a.rule == "us-ear-scope-2025-01-aid"
        for a in det.advisories
    )
    # before the compliance date the AID text is not applied either
    det = run(case("SG"), "2025-03-01")
    assert item(det).outcome.value == N
    assert any(a.rule == "us-ear-scope-2025-01-aid" for a in det.advisories)


def test_nac_and_aca() -> None:
    rtx = {"model": "RTX 4090"}
    cn = item(run(case("CN", rtx), "2024-06-01"))
    assert cn.outcome.value == L and [e.split(" ")[0] for e in cn.exceptions] == ["NAC"]
    vn = item(run(case("VN", rtx), "2024-06-01"))
    assert [e.split(" ")[0] for e in vn.exceptions] == ["ACA"]
    # before 2024-04-04 NAC (with notification) covered D:1 too; ACA did not exist
    vn0 = item(run(case("VN", rtx), "2024-04-03"))
    assert [e.split(" ")[0] for e in vn0.exceptions] == ["NAC"]
    # a Vietnamese end user headquartered in China: NAC, not ACA
    vh = item(run(case("VN", rtx, hq="CN"), "2024-06-01"))
    assert [e.split(" ")[0] for e in vh.exceptions] == ["NAC"]
    # datacenter 3A090.a ICs get neither
    assert item(run(case("VN"), "2024-06-01")).exceptions == []


@pytest.mark.parametrize("model", ["RTX 4090D", "H20"])
def test_no_3a090_licence(model: str) -> None:
    f = item(run(case("CN", {"model": model}), "2024-06-01"))
    assert f.outcome.value == N and "no advanced-computing licence" in f.reason


def test_h20_is_informed_letter() -> None:
    doc = case("CN", {"model": "H20"})
    before, on = (run(doc, d) for d in day_pair("2025-04-09"))
    assert before.outcome.value == N
    assert on.outcome.value == L
    assert any(f.rule == "us-bis-2025-04-h20" for f in on.findings)


def test_supercomputer_end_use() -> None:
    doc = case("CN", end_use="supercomputer")
    doc["items"] = [{"eccn": "5A992.c"}]
    det = run(doc, "2024-06-01")
    assert det.outcome.value == L
    assert any(f.rule == "us-ear-744-23-sc-2023-11" for f in det.findings)
    # a chip outside 3A090 has no known ECCN: the end-use rule cannot be excluded
    doc["items"] = [{"chip": {"model": "V100 SXM2"}}]
    det = run(doc, "2024-06-01")
    assert det.outcome.value == "review"
    assert any(
        f.rule == "us-ear-744-23-sc-2023-11" and f.outcome.value == "review" for f in det.findings
    )


def test_advanced_ic_production_any_item() -> None:
    doc = case("CN", end_use="advanced-ic-production")
    doc["items"] = [{"description": "office furniture", "eccn": "EAR99"}]
    det = run(doc, "2024-06-01")
    assert det.outcome.value == L
    assert any(f.rule == "us-ear-744-23-ic-2023-01" for f in det.findings)


def test_missing_end_use_advisory() -> None:
    det = run(case("CN"), "2024-06-01")
    assert any(a.kind == "missing-fact" for a in det.advisories)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([{"eccn": "3A090.b"}], L),
        ([{"eccn": "4A090.a"}], L),
        ([{"eccn": "EAR99"}], N),
        ([{"eccn": "3A001.a.1"}], "review"),
        ([{"description": "mystery box"}], "review"),
        ([{"chip": {"tpp": 3000}}], "review"),
    ],
)
def test_stated_eccns_and_unknowns(items: list[dict[str, Any]], expected: str) -> None:
    doc = case("VN")
    doc["items"] = items
    assert run(doc, "2024-06-01").outcome.value == expected


def test_embargoed_destination_is_review() -> None:
    doc = case("CU")
    doc["items"] = [{"eccn": "EAR99"}]
    assert run(doc, "2024-06-01").outcome.value == "review"


def test_foreign_origin_items_without_eccn_are_not_us_questions() -> None:
    doc = case("US")
    doc.update(origin="CN", items=[{"description": "gallium", "hs_code": "81129290"}])
    det = run(doc, "2024-06-01")
    assert not [f for f in det.findings if f.regime == "us-ear"]


def test_country_group_rules_are_cited_with_confidence() -> None:
    f = item(run(case("IL"), "2024-01-01"))
    assert f.outcome.value == N and f.confidence == "unverified"  # A:6 history unverified


US_RULES = [r for p in load_packs("us-ear") for r in p.rules]


@pytest.mark.parametrize("rule_id", [r.id for r in US_RULES])
def test_every_effective_date_day_before_and_day_of(rule_id: str) -> None:
    rule = next(r for r in US_RULES if r.id == rule_id)
    d0, d1 = day_pair(rule.effective_from.isoformat())
    assert not rule.in_force(d0) and rule.in_force(d1)
    assert any(c.rule == rule.id and c.change == "in-force" for c in diff_rules(d0, d1))
    if rule.effective_to is not None:
        end = rule.effective_to
        assert rule.in_force(end) and not rule.in_force(end + timedelta(days=1))


@pytest.mark.parametrize(
    ("day", "dest", "model", "before", "on"),
    [
        ("2022-08-26", "CN", "H100 SXM", N, L),  # is-informed letter before the rule
        ("2024-04-04", "VN", "RTX 4090", ["NAC"], ["ACA"]),  # NAC split into NAC + ACA
    ],
)
def test_more_day_pairs(day: str, dest: str, model: str, before: Any, on: Any) -> None:
    d0, d1 = day_pair(day)
    dets = [run(case(dest, {"model": model}), d) for d in (d0, d1)]
    if isinstance(before, str):
        assert [d.outcome.value for d in dets] == [before, on]
    else:
        got = [[e.split(" ")[0] for e in item(d).exceptions] for d in dets]
        assert got == [before, on]


def test_aid_dates() -> None:
    # 2025-01-14: no AID; 2025-01-15: AID text in force (compliance later); 2025-05-13: not enforced
    kinds = {
        d: {a.kind for a in run(case("SG"), d).advisories if a.rule == "us-ear-scope-2025-01-aid"}
        for d in ("2025-01-14", "2025-01-15", "2025-05-12", "2025-05-13")
    }
    assert kinds["2025-01-14"] == set()
    assert "compliance-date" in kinds["2025-01-15"]
    assert "enforcement-statement" not in kinds["2025-05-12"]
    assert "enforcement-statement" in kinds["2025-05-13"]


def test_domestic_sale_is_not_an_export() -> None:
    det = run(case("US"), "2024-06-01")
    [f] = [f for f in det.findings if f.regime == "us-ear"]
    assert f.outcome.value == N and "not an export" in f.reason


@pytest.mark.parametrize(
    ("eccn", "on", "expected"),
    [
        ("5A992.z.1", "2024-06-01", L),
        ("3A001.z.2.b", "2024-06-01", L),
        ("5A992.z.1", "2023-11-16", "review"),  # .z history before Nov 2023 not established
        ("5A992.c", "2024-06-01", "review"),  # outside the advanced-computing rules
    ],
)
def test_z_paragraphs(eccn: str, on: str, expected: str) -> None:
    doc = case("VN")
    doc["items"] = [{"eccn": eccn}]
    assert run(doc, on).outcome.value == expected


@pytest.mark.parametrize(
    ("dest", "rule"), [("RU", "us-ear-746-8-russia-belarus"), ("KP", "us-ear-746-embargoes")]
)
def test_part_746_destinations_are_review(dest: str, rule: str) -> None:
    doc = case(dest)
    doc["items"] = [{"eccn": "EAR99"}]
    det = run(doc, "2024-06-01")
    assert det.outcome.value == "review" and any(f.rule == rule for f in det.findings)


def test_acceleration_notice_october_2023() -> None:
    # NVIDIA was told on 2023-10-23 that the new requirements applied at once (facts §1).
    before, on = (run(case("VN"), d) for d in day_pair("2023-10-23"))
    assert before.outcome.value == N
    assert any(f.rule == "us-bis-2023-10-acceleration" for f in on.findings)
    assert on.outcome.value == L


def test_hbm_exception_below_3_3() -> None:
    low = item(run(case("CN", {"hbm": {"bandwidth_gbps": 250, "area_mm2": 100}}), "2025-03-01"))
    assert low.outcome.value == L and [e.split(" ")[0] for e in low.exceptions] == ["HBM"]
    high = item(run(case("CN", {"model": "HBM3E stack"}), "2025-03-01"))
    assert high.exceptions == []
