"""Replay re-runs a check against the list snapshots it used, after the lists changed."""

from __future__ import annotations

import pytest

from tests.audit.sample import load_newer, load_sample
from tradecheck.audit.actions import run_audited
from tradecheck.audit.replay import diff_values, replay

CASE = {
    "date": "2025-03-01",
    "origin": "US",
    "destination": "IR",
    "parties": [{"role": "end-user", "name": "Mahan Air", "country": "IR"}],
    "items": [{"chip": {"model": "H100 SXM5"}}],
}


def test_check_replays_on_recorded_snapshots(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as `tradecheck serve --db` and `--db` do: the engine screens in the same store
    monkeypatch.setenv("TRADECHECK_DATABASE_URL", store_url)
    store = load_sample(store_url)
    before, seq = run_audited(store, "check", {"case": CASE}, "k")
    assert before["outcome"] == "prohibited"  # Mahan Air is on the SDN list
    load_newer(store)  # ... and is delisted in the newer snapshot
    after, _ = run_audited(store, "check", {"case": CASE}, "k")
    assert after["outcome"] != "prohibited"
    rep = replay(store, seq)
    assert rep.same, rep.differences
    assert rep.notes == ["replayed on the recorded list snapshots (not the current ones)"]
    assert rep.replayed["outcome"] == "prohibited"


def test_chip_classification_without_date_is_pinned(store_url: str) -> None:
    store = load_sample(store_url)
    _, seq = run_audited(store, "classify-chip", {"model": "H100 SXM5"}, None)
    rep = replay(store, seq)
    assert rep.same and rep.replayed["classification"] == "3A090.a"


def test_diff_values_paths() -> None:
    old = {"a": 1, "b": [1, 2], "c": {"d": "x"}}
    new = {"a": 2, "b": [1, 3], "c": {"d": "x", "e": True}}
    assert diff_values(old, new) == [
        {"path": "$.a", "recorded": 1, "replayed": 2},
        {"path": "$.b[1]", "recorded": 2, "replayed": 3},
        {"path": "$.c.e", "recorded": None, "replayed": True},
    ]
