"""QA: unseen outbound-investment deals from the facts, data-driven (``unseen_deals.yaml``).

Each expected answer was worked out from ``us_outbound_investment.md`` before the
engine was run. A deal is the table's ``base`` deep-merged with the case's ``patch``
(a ``null`` removes a key; a list replaces the base list).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.invest.conftest import run

TABLE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "unseen_deals.yaml").read_text(encoding="utf-8")
)
DEALS: list[dict[str, Any]] = TABLE["deals"]


def merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` applied: dicts merge, ``None`` deletes, anything else replaces."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The full deal of a table row."""
    return merge(TABLE["base"], case.get("patch") or {})


@pytest.mark.parametrize("case", DEALS, ids=[d["id"] for d in DEALS])
def test_unseen_deal(case: dict[str, Any]) -> None:
    out = run(build(case)).to_dict()
    exp = case["expect"]
    findings = out["findings"]
    rules = [f["rule"] for f in findings]
    if "outcome" in exp:
        assert out["outcome"] == exp["outcome"], findings
    if "status" in exp:
        assert out["status"] == exp["status"], findings
    for r in exp.get("rules") or []:
        assert r in rules, (r, findings)
    for r in exp.get("absent") or []:
        assert r not in rules, (r, findings)
    if "deadline" in exp:
        assert out["filing_deadline"] == exp["deadline"], out
    if "exception" in exp:
        assert any(exp["exception"] in f["exceptions"] for f in findings), findings
    if "would_be" in exp:
        assert out["analysis"]["would_be"] == exp["would_be"], out["analysis"]
    if "completion" in exp:
        assert out["completion_date"] == exp["completion"], out
    text = " ".join(f["reason"] for f in findings) + " " + str(out["analysis"].get("missing"))
    for needle in exp.get("reason") or []:
        assert needle in text, (needle, findings)
    kinds = {a["kind"] for a in out["advisories"]}
    for kind in exp.get("advisories") or []:
        assert kind in kinds, (kind, out["advisories"])
    # Never fail open: every finding cites Part 850 (or the COINS Act for advisories).
    for f in findings:
        assert any(c["ref"].startswith("31 CFR 850.") for c in f["citations"]), f
