"""``tradecheck invest``: the examples/ deals through the CLI, JSON contract and error lines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tradecheck.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "deals"

EXPECTED = {
    "ai_accelerator_designer_prohibited.json": ("prohibited", "prohibited", None),
    "buyout_japan_sensor_excepted.json": ("allowed", "excepted", None),
    "holdco_chain_notifiable.json": ("notifiable", "notifiable", "2025-11-14"),
    "jv_singapore_advanced_packaging.json": ("prohibited", "prohibited", None),
    "listed_shares_excepted.json": ("allowed", "excepted", None),
    "llm_unknown_compute_review.json": ("review", "review", None),
    "lp_large_commitment_prohibited.json": ("prohibited", "prohibited", None),
    "lp_small_commitment_excepted.json": ("allowed", "excepted", None),
    "lp_commitment_missing_review.json": ("review", "review", None),
    "mcu_designer_notifiable.json": ("notifiable", "notifiable", "2025-03-31"),
    "mcu_designer_pre_effective.json": ("allowed", "not-covered", None),
    "post_transaction_knowledge.json": ("notifiable", "post-knowledge", "2025-10-01"),
}


@pytest.fixture(autouse=True)
def _empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Screening runs against an empty store: the examples declare their list status.
    monkeypatch.setenv("TRADECHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")


def test_every_example_is_covered_here() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_json(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["invest", str(EXAMPLES / name), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    outcome, status, deadline = EXPECTED[name]
    assert (out["outcome"], out["status"], out["filing_deadline"]) == (outcome, status, deadline)
    for key in ("findings", "advisories", "versions", "as_of", "obligations"):
        assert key in out
    for f in out["findings"]:
        assert {"regime", "rule", "outcome", "policy", "reason", "citations"} <= set(f)
        assert f["regime"] == "us-outbound"
    assert [p["id"] for p in out["versions"]["rule_packs"]]


@pytest.mark.parametrize(
    "name", ["mcu_designer_notifiable.json", "llm_unknown_compute_review.json"]
)
def test_example_rich(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["invest", str(EXAMPLES / name)]) == 0
    text = capsys.readouterr().out
    assert "Outcome:" in text and "31 CFR 850." in text
    if "notifiable" in name:
        assert "2025-03-31" in text


def test_as_of_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "mcu_designer_notifiable.json")
    assert main(["invest", path, "--as-of", "2024-12-31", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "not-covered"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "not valid JSON"),
        (
            '{"investor": {"name": "X", "kind": "us-person"}, "target": {"name": "T"}}',
            "transaction: required field is missing",
        ),
        (
            '{"investor": {"name": "X", "kind": "alien"}, "transaction": {"type": "equity"},'
            ' "target": {"name": "T"}}',
            "investor.kind: 'alien' is not one of",
        ),
        (
            '{"investor": {"name": "X", "kind": "us-person"}, "transaction": {"type": "conversion",'
            ' "acquisition_date": "2025-05-01", "completion_date": "2025-04-01"},'
            ' "target": {"name": "T"}}',
            "is before transaction.acquisition_date",
        ),
    ],
)
def test_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str
) -> None:
    p = tmp_path / "deal.json"
    p.write_text(content, encoding="utf-8")
    assert main(["invest", str(p)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_missing_file_and_bad_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["invest", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = str(EXAMPLES / "mcu_designer_notifiable.json")
    assert main(["invest", path, "--as-of", "2025-13-01"]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_engine_adapter_runs_a_deal_inside_a_case() -> None:
    from types import SimpleNamespace

    from tradecheck.invest.regime import evaluate

    deal = json.loads((EXAMPLES / "mcu_designer_notifiable.json").read_text(encoding="utf-8"))
    case = SimpleNamespace(raw={"deal": deal}, screener=lambda name, country: [])
    findings, advisories = evaluate(case, date(2026, 1, 1))
    assert [f.outcome.value for f in findings] == ["notifiable"]
    assert "pending-law" in [a.kind for a in advisories]
    assert evaluate(SimpleNamespace(raw={}), date(2026, 1, 1)) == ([], [])
