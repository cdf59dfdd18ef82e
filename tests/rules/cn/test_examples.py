"""examples/cases/cn_*.json: through the engine, and through `tradecheck check --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradecheck.engine import evaluate_case, load_case
from tradecheck.outcome import Outcome, most_restrictive

from .conftest import _bundled_screener

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "cases"

#: file → (China outcome, {rule: outcome} that must be among the China findings)
EXPECTED: dict[str, tuple[str, dict[str, str]]] = {
    "cn_gallium_to_germany.json": ("license-required", {"cn-2023-23-ga-1": "license-required"}),
    "cn_gaas_to_us_telecom.json": ("license-required", {"cn-us-ggss": "license-required"}),
    "cn_antimony_us_missile.json": ("prohibited", {"cn-us-mil": "prohibited"}),
    "cn_graphite_us_ev.json": ("license-required", {"cn-us-graph": "license-required"}),
    "cn_germanium_to_ihi_aerospace.json": ("prohibited", {"cn-ctrl-list": "prohibited"}),
    "cn_korea_magnet_motors.json": ("allowed", {"cn-2025-61-1-1": "allowed"}),
    "cn_gallium_via_distributor_to_us_defence.json": ("prohibited", {"cn-us-mil": "prohibited"}),
    "cn_us_chip_from_china.json": ("allowed", {"cn-dual-use-list": "allowed"}),
    "cn_magnet_technology.json": ("prohibited", {"cn-tech-re-magnet": "prohibited"}),
    "cn_antimony_us_after_ann72_lapse.json": (
        "license-required",
        {"cn-us-ggss": "license-required"},
    ),
}


def test_every_example_has_an_expectation() -> None:
    assert {p.name for p in EXAMPLES.glob("cn_*.json")} == set(EXPECTED)


def _check_cn(findings: list[dict[str, object]], name: str) -> None:
    outcome, rules = EXPECTED[name]
    cn = [f for f in findings if str(f["regime"]).startswith("cn-")]
    assert most_restrictive([Outcome(str(f["outcome"])) for f in cn]).value == outcome, name
    got = {(f["rule"], f["outcome"]) for f in cn}
    for rule, want in rules.items():
        assert (rule, want) in got, (name, rule, sorted(got))
    for f in cn:
        assert f["citations"], f


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_through_the_engine(name: str) -> None:
    det = evaluate_case(load_case(EXAMPLES / name), screener=_bundled_screener())
    _check_cn([f.to_dict() for f in det.findings], name)


def test_both_sides_in_one_answer() -> None:
    det = evaluate_case(
        load_case(EXAMPLES / "cn_us_chip_from_china.json"), screener=_bundled_screener()
    )
    regimes = {f.regime for f in det.findings}
    assert "cn-export" in regimes
    assert any(r.startswith("us-ear") for r in regimes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_through_the_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tradecheck.cli import app, main
    from tradecheck.lists.bundle import load_bundled
    from tradecheck.store import open_store

    if "check" not in {
        c.name or c.callback.__name__ for c in app.registered_commands if c.callback
    }:
        pytest.skip("the `check` command is not registered yet")
    store = open_store()
    for dataset in ("cn-ctrl", "cn-watch", "cn-uel"):
        load_bundled(store, dataset)
    assert main(["check", str(EXAMPLES / name), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    _check_cn(out["findings"], name)


def test_china_regime_is_silent_when_it_does_not_apply() -> None:
    case = {
        "origin": "US",
        "destination": "DE",
        "items": [{"hs_code": "8112929010", "description": "US gallium"}],
        "parties": [{"name": "Insitu, Inc.", "country": "DE", "role": "end-user"}],
    }
    det = evaluate_case(case, screener=_bundled_screener())
    assert not [f for f in det.findings if f.regime.startswith("cn-")]


def test_bad_parameter_is_one_line_on_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tradecheck.cli import main

    case = {
        "origin": "CN",
        "destination": "VN",
        "items": [{"hs_code": "2825800010", "parameters": {"purity_pct": "very pure"}}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code = main(["check", str(path), "--json"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("error: ") and "purity_pct" in err and err.count("\n") == 1
