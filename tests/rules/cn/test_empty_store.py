"""With no lists loaded, party screening gives `review` in every regime, never an error."""

from __future__ import annotations

from pathlib import Path

from tradecheck.engine import evaluate_case, load_case

CASE = Path(__file__).resolve().parents[3] / "examples" / "cases" / "h100_china_2022.json"


def test_empty_store_gives_review_for_each_party_regime() -> None:
    det = evaluate_case(load_case(CASE))
    by_regime = {f.regime: f for f in det.findings if f.outcome.value == "review"}
    assert "cn-parties" in by_regime and "us-ear-parties" in by_regime
    assert "tradecheck lists update all" in by_regime["cn-parties"].reason
    assert det.outcome.value == "license-required"
