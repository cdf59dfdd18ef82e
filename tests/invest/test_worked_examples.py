"""Every worked example of the facts file (§ 1.12), data-driven from worked_examples.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.invest.conftest import run

EXAMPLES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "worked_examples.yaml").read_text(encoding="utf-8")
)["examples"]


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_worked_example(ex: dict[str, Any]) -> None:
    det = run(ex["deal"])
    out = det.to_dict()
    exp = ex["expect"]
    assert out["outcome"] == exp["outcome"], out["findings"]
    assert out["status"] == exp["status"]
    rules = [f["rule"] for f in out["findings"]]
    for r in exp["rules"]:
        assert r in rules
    assert out["filing_deadline"] == exp.get("deadline")
    cites = {c["ref"] for f in out["findings"] for c in f["citations"]}
    for c in exp.get("cites", []):
        assert c in cites
    if "would_be" in exp:
        assert out["analysis"]["would_be"] == exp["would_be"]
    if "exception" in exp:
        assert out["findings"][0]["exceptions"] == [exp["exception"]]
    if "completion" in exp:
        assert out["completion_date"] == exp["completion"]
    # every finding cites a section of 31 CFR 850
    for f in out["findings"]:
        assert any(c["ref"].startswith("31 CFR 850.") for c in f["citations"]), f


def test_every_answer_carries_the_standing_advisories() -> None:
    out = run(EXAMPLES[1]["deal"]).to_dict()
    kinds = {a["kind"] for a in out["advisories"]}
    assert {"pending-law", "knowledge-standard", "post-transaction-notice"} <= kinds


def test_notifiable_obligations_notify_30_days_and_keep_records_10_years() -> None:
    out = run(EXAMPLES[1]["deal"]).to_dict()  # A2
    obl = {o["rule"]: o for o in out["obligations"]}
    assert obl["oisp-obl-notify"]["due"] == "2025-03-31"
    assert obl["oisp-obl-records"]["period"] == "10 years"
    assert "31 CFR 850.405(c)" in obl["oisp-obl-records"]["citations"]
