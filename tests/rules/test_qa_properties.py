"""Property tests of the US EAR determination (QA of issue 4): it never fails open and a
restriction never makes the answer less restrictive."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.engine import evaluate_case
from tradecheck.outcome import Outcome

COUNTRIES = ["CN", "HK", "MO", "VN", "MY", "AE", "SA", "IN", "IL", "DE", "JP", "RU", "IR", "KP"]
COUNTRIES += ["KH", "SG", "TW", "NI", "CY", "US", "BR"]
ITEMS: list[dict[str, Any]] = [
    {"chip": {"model": "H100 SXM"}},
    {"chip": {"model": "RTX 4090"}},
    {"chip": {"model": "H20"}},
    {"chip": {"model": "L40"}},
    {"chip": {"tpp": 3000}},
    {"chip": {"tpp": 2896, "die_area_mm2": 608, "datacenter": True}},
    {"chip": {"hbm": {"bandwidth_gbps": 819, "area_mm2": 121}}},
    {"eccn": "3A090.a"},
    {"eccn": "3A090.b"},
    {"eccn": "5A992.z.1"},
    {"eccn": "EAR99"},
    {"eccn": "3A001.a.1"},
    {"description": "server parts"},
]
START = date(2022, 8, 1)
days = st.integers(min_value=0, max_value=(date(2027, 1, 31) - START).days).map(
    lambda n: START + timedelta(days=n)
)


def no_matches(name: str, country: str | None) -> list[Any]:
    return []


def case(dest: str, items: list[dict[str, Any]], party: dict[str, Any]) -> dict[str, Any]:
    return {
        "origin": "US",
        "destination": dest,
        "items": items,
        "parties": [{"role": "end-user", "name": "Example Co", **party}],
        "end_use": "civil",
    }


def us_outcome(doc: dict[str, Any], on: date) -> Outcome:
    det = evaluate_case(doc, on, screener=no_matches)
    ours = [f.outcome for f in det.findings if f.regime.startswith("us-ear")]
    return max(ours, key=lambda o: o.severity) if ours else Outcome.REVIEW


@settings(max_examples=60, deadline=None)
@given(
    on=days,
    dest=st.sampled_from(COUNTRIES),
    items=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3),
    hq=st.sampled_from([*COUNTRIES, None]),
)
def test_overall_outcome_is_the_most_restrictive_finding(
    on: date, dest: str, items: list[dict[str, Any]], hq: str | None
) -> None:
    party = {"country": dest, **({"headquarters": hq} if hq else {})}
    det = evaluate_case(case(dest, items, party), on, screener=no_matches)
    assert det.findings
    assert det.outcome == max((f.outcome for f in det.findings), key=lambda o: o.severity)
    for f in det.findings:  # every finding is explained; every licence finding cites
        assert f.reason and f.rule
        assert f.outcome is not Outcome.LICENSE_REQUIRED or f.citations


@settings(max_examples=60, deadline=None)
@given(on=days, dest=st.sampled_from([c for c in COUNTRIES if c != "US"]))
def test_items_without_facts_are_never_allowed(on: date, dest: str) -> None:
    doc = case(dest, [{"description": "server parts"}], {"country": dest, "headquarters": dest})
    assert us_outcome(doc, on) is not Outcome.ALLOWED


@settings(max_examples=60, deadline=None)
@given(
    on=days,
    dest=st.sampled_from([c for c in COUNTRIES if c != "US"]),
    item=st.sampled_from(ITEMS[:10]),
)
def test_a_prc_headquartered_end_user_never_lowers_the_answer(
    on: date, dest: str, item: dict[str, Any]
) -> None:
    local = us_outcome(case(dest, [item], {"country": dest, "headquarters": dest}), on)
    prc = us_outcome(case(dest, [item], {"country": dest, "headquarters": "CN"}), on)
    assert prc.severity >= local.severity


@settings(max_examples=40, deadline=None)
@given(
    on=days,
    dest=st.sampled_from([c for c in COUNTRIES if c != "US"]),
    item=st.sampled_from(ITEMS[:10]),
)
def test_a_missing_headquarters_never_gives_allowed_where_it_could_matter(
    on: date, dest: str, item: dict[str, Any]
) -> None:
    known_cn = us_outcome(case(dest, [item], {"country": dest, "headquarters": "CN"}), on)
    unknown = us_outcome(case(dest, [item], {"country": dest}), on)
    if known_cn.severity > Outcome.ALLOWED.severity:
        assert unknown is not Outcome.ALLOWED
