"""Property tests: tiers never fall as compute or ownership rises; unknowns never give allowed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.invest.builders import KY, MCU, ai, deal
from tests.invest.conftest import run

RANK = {"allowed": 0, "review": 1, "notifiable": 2, "prohibited": 3}
OPS = st.floats(min_value=1e21, max_value=1e27, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(a=OPS, b=OPS, bio=st.booleans())
def test_more_compute_never_lowers_the_tier(a: float, b: float, bio: bool) -> None:
    lo, hi = sorted((a, b))
    r_lo = RANK[run(deal([ai(lo, bio=bio)])).outcome.value]
    r_hi = RANK[run(deal([ai(hi, bio=bio)])).outcome.value]
    assert r_lo <= r_hi


@settings(max_examples=60, deadline=None)
@given(pct=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_ownership_threshold_is_at_least_fifty(pct: float) -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "p", "pct": pct}]},
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
    expected = "notifiable" if pct >= 50 else "allowed"
    assert run(d).outcome.value == expected


FACTS = ["meets_3a090a", "operating_temperature_k"]


@settings(max_examples=30, deadline=None)
@given(drop=st.sampled_from(FACTS), place=st.sampled_from(["CN", "HK", "MO"]))
def test_a_missing_fact_is_never_allowed(drop: str, place: str) -> None:
    act = {**MCU, "ic": {k: v for k, v in MCU["ic"].items() if k != drop}}
    d = deal([act], target={"incorporated_in": place})
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert f"target.activities[0].ic.{drop}" in out["analysis"]["missing"]
