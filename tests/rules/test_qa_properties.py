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


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
PIECES = {
    "date": st.sampled_from(["2024-06-01", "2024-02-30", "2026-01-15", "", "2024-6-1"]) | JSON,
    "origin": st.sampled_from(["US", "CN", "DE", "XX"]) | JSON,
    "destination": st.sampled_from(["CN", "HK", "VN", "US", "ZZ"]) | JSON,
    "transaction": st.sampled_from(["export", "reexport", "in-country-transfer", "gift"]),
    "end_use": st.sampled_from(["civil", "military", "supercomputer", "rocketry"]) | JSON,
    "conditions": st.just({"us_2026_review_conditions": True}) | JSON,
    "items": st.lists(
        st.sampled_from(ITEMS)
        | st.fixed_dictionaries({"chip": JSON})
        | st.fixed_dictionaries({"eccn": JSON})
        | JSON,
        max_size=3,
    )
    | JSON,
    "parties": st.lists(
        st.fixed_dictionaries(
            {"name": st.text(max_size=12) | JSON},
            optional={
                "role": st.sampled_from(["end-user", "consignee", "exporter", "x"]),
                "country": st.sampled_from(["CN", "VN", "MY", "DE", "??"]),
                "headquarters": st.sampled_from(["CN", "MO", "KH", "CY", "SG"]) | JSON,
                "owners": JSON,
            },
        ),
        max_size=2,
    )
    | JSON,
}


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional=PIECES))
def test_any_case_is_an_answer_or_one_input_error(doc: dict[str, Any]) -> None:
    from tradecheck.errors import InputError

    try:
        det = evaluate_case(doc, date(2025, 6, 1), screener=no_matches)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        assert det.findings
