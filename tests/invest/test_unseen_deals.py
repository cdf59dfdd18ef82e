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
from tradecheck.entity import Entity, EntityType, Name

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


# --- Listed-party escalation through the screening engine (small in-memory index) ------

screening = pytest.importorskip("tradecheck.screening")
_LISTED = [
    Entity(
        id="qa-el-1",
        source="EL",
        type=EntityType.ORGANIZATION,
        name="Nanjing Qingyun Semiconductor Technology Co., Ltd.",
        aliases=[Name("南京青云半导体科技有限公司")],
        countries=["CN"],
    ),
]


def _screener() -> Any:
    idx = screening.build_index(_LISTED)

    def screen(name: str, country: str | None) -> list[Any]:
        return list(screening.screen_party(name, country=country, index=idx, min_score=0.8).matches)

    return screen


def _thresholds() -> tuple[float, float]:
    from tradecheck.invest import load_outbound_rules

    data = load_outbound_rules().data("oisp-listed-escalation")
    return float(data["certain_score"]), float(data["review_score"])


@pytest.mark.parametrize(
    "name",
    [
        "Nanjing Qingyun Semiconductor Technology Co., Ltd.",
        "南京青云半导体科技有限公司",
        "Nanjing Qingyun Semiconductor Technology",
    ],
)
def test_entity_list_target_found_by_screening(name: str) -> None:
    """A notifiable-tier target on the Entity List, named in English or Chinese and with
    or without its legal form: prohibited at or above the certain score, review between
    the review and certain scores — never notifiable or allowed."""
    d = build({"id": "listed", "patch": {"target": {"name": name, "listed": None}}})
    out = run(d, screener=_screener()).to_dict()
    certain, review = _thresholds()
    listed = out["analysis"]["listed"]
    for hit in listed["certain"]:
        assert float(hit["score"]) >= certain, hit
    for hit in listed["possible"]:
        assert review <= float(hit["score"]) < certain, hit
    assert listed["certain"] or listed["possible"], listed
    assert out["outcome"] == ("prohibited" if listed["certain"] else "review"), out["findings"]


@pytest.mark.parametrize(
    ("completion", "excluded"),
    [("2025-12-17", True), ("2025-12-18", False), ("2026-11-28", False)],
)
def test_coins_act_exclusion_boundary(completion: str, excluded: bool) -> None:
    """The COINS Act advisory says a deal completed before 2025-12-18 is excluded, and
    only then; Part 850 is applied either way until Treasury's regulations issue."""
    out = run(build({"patch": {"transaction": {"completion_date": completion}}})).to_dict()
    msgs = [a["message"] for a in out["advisories"] if a["kind"] == "pending-law"]
    assert len(msgs) == 1 and "2027-03-13" in msgs[0]
    assert ("excludes transactions completed before 2025-12-18, as this one was" in msgs[0]) is (
        excluded
    )
    assert out["outcome"] == "notifiable"
