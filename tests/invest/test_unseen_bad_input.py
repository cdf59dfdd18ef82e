"""QA: bad deals through ``tradecheck.cli.main``: one ``error:`` line, non-zero exit.

Each row is the unseen-deals ``base`` with a patch that breaks it, and a fragment the
error line must contain (the field it names).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.invest.test_unseen_deals import TABLE, merge
from tradecheck.cli import main

LP = {
    "fund_name": "Cayman Fund",
    "fund_is_us_person": False,
    "commitment_usd": 5000000,
    "contractual_assurance": "none",
    "likely_invests_in_coc_sectors": True,
    "fund_investment_date": "2025-05-01",
}
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("no-investor", {"investor": None}, "investor"),
    ("no-target", {"target": None}, "target"),
    ("no-type", {"transaction": {"type": None}}, "transaction.type"),
    ("unknown-type", {"transaction": {"type": "loan"}}, "'loan'"),
    ("unknown-investor-kind", {"investor": {"kind": "fund"}}, "investor.kind"),
    ("unknown-right", {"transaction": {"rights": ["golden-share"]}}, "golden-share"),
    (
        "unknown-sector",
        {
            "target": {
                "activities": [{"sector": "biotech", "product": "other", "functions": ["develop"]}]
            }
        },
        "biotech",
    ),
    ("unknown-list", {"target": {"listed": ["OFAC"]}}, "OFAC"),
    ("bad-date", {"transaction": {"completion_date": "2025-02-29"}}, "completion_date"),
    (
        "conversion-before-acquisition",
        {
            "transaction": {
                "type": "conversion",
                "acquisition_date": "2025-07-01",
                "completion_date": "2025-06-01",
            }
        },
        "acquisition_date",
    ),
    (
        "completion-before-signing",
        {"transaction": {"signing_date": "2025-07-01", "completion_date": "2025-06-01"}},
        "signing_date",
    ),
    (
        "fund-invests-before-lp-joins",
        {
            "transaction": {
                "type": "lp-interest",
                "completion_date": None,
                "acquisition_date": "2025-06-01",
                "lp": LP,
            }
        },
        "fund_investment_date",
    ),
    (
        "knowledge-before-completion",
        {"knowledge": {"at_transaction": "none", "actual_knowledge_date": "2025-05-01"}},
        "actual_knowledge_date",
    ),
    (
        "commitment-after-completion",
        {"transaction": {"prior_commitment": {"date": "2025-07-01", "binding": True}}},
        "prior_commitment.date",
    ),
    (
        "ownership-over-100",
        {
            "target": {"owners": [{"party": "p", "pct": 60}, {"party": "q", "pct": 60}]},
            "parties": [
                {"id": "p", "name": "P", "incorporated_in": "CN"},
                {"id": "q", "name": "Q", "incorporated_in": "US"},
            ],
        },
        "100",
    ),
    ("owner-not-a-party", {"target": {"owners": [{"party": "ghost", "pct": 60}]}}, "ghost"),
    (
        "negative-compute",
        {
            "target": {
                "activities": [
                    {
                        "sector": "ai",
                        "product": "ai-system",
                        "functions": ["develop"],
                        "ai": {"training_ops": -1},
                    }
                ]
            }
        },
        "training_ops",
    ),
    (
        "negative-commitment",
        {
            "transaction": {
                "type": "lp-interest",
                "completion_date": None,
                "acquisition_date": "2025-03-01",
                "lp": {**LP, "commitment_usd": -1},
            }
        },
        "commitment_usd",
    ),
    (
        "share-over-100",
        {"target": {"financials": {"basis": "audited", "covered_share_pct": {"revenue": 101}}}},
        "revenue",
    ),
]


@pytest.mark.parametrize(("name", "patch", "needle"), BAD, ids=[b[0] for b in BAD])
def test_bad_deal_is_one_error_line(
    name: str,
    patch: dict[str, Any],
    needle: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(merge(TABLE["base"], patch)), encoding="utf-8")
    code = main(["invest", str(path), "--json"])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1, captured.err
    assert needle in captured.err, captured.err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--as-of", "2025-13-01"], "--as-of"),
        (["--as-of", "tomorrow"], "--as-of"),
    ],
)
def test_bad_as_of_is_one_error_line(
    args: list[str], needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(TABLE["base"]), encoding="utf-8")
    assert main(["invest", str(path), *args]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and needle in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [("not json", "JSON"), ("[1, 2]", "object"), ("", "")],
)
def test_unreadable_deal_file(
    content: str, needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deal.json"
    path.write_text(content, encoding="utf-8")
    assert main(["invest", str(path)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and needle in err


def test_missing_deal_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["invest", str(tmp_path / "nope.json")]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
