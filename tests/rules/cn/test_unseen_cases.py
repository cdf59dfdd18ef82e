"""QA: unseen China cases from the facts, data-driven (``unseen_cases.yaml``).

Each expected outcome was worked out from ``cn_export_controls.md`` before the
engine was run. Party findings are also checked against the rule's own
``certain_score`` (never against a fixed score), so that tuning the matcher
cannot silently turn a possible match into a certain one or the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tradecheck.outcome import Outcome, most_restrictive
from tradecheck.rules.cn.spec import china_rules

from .conftest import Answer, shipment

Check = Callable[..., Answer]
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "unseen_cases.yaml").read_text(encoding="utf-8")
)


def _case(c: dict[str, Any]) -> dict[str, Any]:
    if "case" in c:
        return dict(c["case"])
    return shipment(
        c.get("hs"),
        to=c.get("to", "DE"),
        params=c.get("params"),
        party=c.get("party"),
        origin=c.get("origin", "CN"),
        **c.get("item", {}),
    )


def _certain(rule_id: str) -> float:
    rule = next(r for r in china_rules("cn-party-list") if r.id == rule_id)
    return float(rule.data["certain_score"])


def _check_party_scores(a: Answer) -> None:
    for f in a.cn:
        score = f.evidence.get("score") if f.regime == "cn-parties" else None
        if score is None or f.evidence.get("listing_status") != "active":
            continue
        if float(score) < _certain(f.rule):
            assert f.outcome is Outcome.REVIEW, f.to_dict()
        else:
            assert f.outcome is not Outcome.ALLOWED, f.to_dict()


def _has_advisory(a: Answer, kind: str, rule: str | None, text: str | None) -> bool:
    return any(
        adv.kind == kind
        and (rule is None or adv.rule == rule)
        and (text is None or text in adv.message)
        for adv in a.det.advisories
    )


@pytest.mark.parametrize("c", CASES, ids=[c["id"] for c in CASES])
def test_unseen_case(c: dict[str, Any], check: Check) -> None:
    a = check(_case(c), str(c["as_of"]))
    exp = c["expect"]
    dump = [f.to_dict() for f in a.cn]
    if "outcome" in exp:
        assert a.outcome is Outcome(exp["outcome"]), dump
    for rule_id, outcome in (exp.get("rules") or {}).items():
        found = a.rule(rule_id)
        assert found, (rule_id, dump)
        assert most_restrictive([f.outcome for f in found]) is Outcome(outcome), (rule_id, dump)
    for rule_id in exp.get("absent") or []:
        assert not a.rule(rule_id), (rule_id, dump)
    for rule_id, text in (exp.get("policy") or {}).items():
        assert any(text in (f.policy or "") for f in a.rule(rule_id)), (rule_id, dump)
    for rule_id, text in (exp.get("reason") or {}).items():
        assert any(text in f.reason for f in a.rule(rule_id)), (rule_id, dump)
    advisories = [x.to_dict() for x in a.det.advisories]
    for kind, rule, text in exp.get("advisories") or []:
        assert _has_advisory(a, kind, rule, text), (kind, rule, text, advisories)
    for kind, rule in exp.get("no_advisories") or []:
        assert not _has_advisory(a, kind, rule, None), (kind, rule, advisories)
    _check_party_scores(a)


def test_every_item_family_is_covered() -> None:
    """The table reaches every item family and overlay the facts name."""
    rules = {r for c in CASES for r in (c["expect"].get("rules") or {})}
    for family in (
        "cn-2023-23-ga-1",
        "cn-2023-23-ga-5",
        "cn-2023-23-ge-5",
        "cn-2023-39-gr-1",
        "cn-2023-39-gr-2",
        "cn-2024-33-sb-3",
        "cn-2024-33-sh-3",
        "cn-2025-10-w-apt",
        "cn-2025-18-1c902",
        "cn-2025-55-2c902-a",
        "cn-2025-57-1c909",
        "cn-2025-58-lfp",
        "cn-2025-61-1-1",
        "cn-2025-62-1e902-a",
        "cn-us-mil",
        "cn-us-ggss",
        "cn-us-graph",
        "cn-jp-mil",
        "cn-ctrl-list",
        "cn-watch-list",
        "cn-uel",
    ):
        assert family in rules, family


def test_both_sides_chinese_exporter_with_us_origin_chip(screener: Any) -> None:
    """A Chinese exporter ships Chinese GaAs and a US-origin accelerator to Russia: the
    EAR and China's controls both answer, each finding cited."""
    from datetime import date

    from tradecheck.engine import evaluate_case

    case = {
        "origin": "CN",
        "destination": "RU",
        "parties": [
            {"role": "exporter", "name": "Shenzhen Example Electronics", "country": "CN"},
            {
                "role": "end-user",
                "name": "Example Telecom OOO",
                "country": "RU",
                "end_user_type": "commercial",
            },
        ],
        "items": [
            {"id": "gaas", "hs_code": "3818009004", "description": "GaAs wafers"},
            {
                "id": "gpu",
                "origin": "US",
                "hs_code": "8542310000",
                "eccn": "3A090",
                "chip": {"model": "H100 SXM"},
            },
        ],
    }
    det = evaluate_case(case, date(2026, 11, 28), screener=screener)
    cn = [f for f in det.findings if f.rule == "cn-2023-23-ga-5"]
    us = [f for f in det.findings if f.regime.startswith("us-ear") and "gpu" in (f.subject or "")]
    assert cn and cn[0].outcome is Outcome.LICENSE_REQUIRED
    assert us and all(f.outcome is not Outcome.ALLOWED for f in us)
    assert all(f.citations for f in [*cn, *us])


@pytest.mark.parametrize(
    ("as_of", "catalogue", "ann62"),
    [
        ("2023-12-20", None, None),
        ("2023-12-21", Outcome.PROHIBITED, None),
        ("2025-10-09", Outcome.PROHIBITED, Outcome.LICENSE_REQUIRED),
        ("2026-11-10", Outcome.PROHIBITED, Outcome.ALLOWED),
        ("2026-11-11", Outcome.PROHIBITED, Outcome.LICENSE_REQUIRED),
    ],
)
def test_technology_catalogue_is_its_own_basis(
    as_of: str, catalogue: Outcome | None, ann62: Outcome | None, check: Check
) -> None:
    """Magnet technology: the 2023 catalogue (Foreign Trade Law, regime ``cn-tech``) and
    Ann. 62/2025 (Export Control Law, ``cn-export``) answer separately, each with its dates."""
    case = shipment(to="VN", item_type="technology", technology="rare-earth-magnet-preparation")
    a = check(case, as_of)
    cat = a.rule("cn-tech-re-magnet")
    if catalogue is None:
        assert all(f.outcome is Outcome.ALLOWED for f in cat)
    else:
        assert cat and all(f.regime == "cn-tech" and f.outcome is catalogue for f in cat)
    e62 = a.rule("cn-2025-62-1e902-a")
    if ann62 is None:
        assert all(f.outcome is Outcome.ALLOWED for f in e62)
    else:
        assert e62 and all(f.regime == "cn-export" and f.outcome is ann62 for f in e62)


def test_one_customs_declaration_per_item(check: Check) -> None:
    """An item controlled under one listed item is never also declared "not controlled"."""
    params = {
        "graphite_type": "synthetic",
        "purity_pct": 99.95,
        "flexural_strength_mpa": 31,
        "density_g_cm3": 1.75,
    }
    a = check(shipment("3801909010", to="KR", params=params), "2025-06-01")
    declarations = {str(f.evidence.get("declaration")) for f in a.cn if "declaration" in f.evidence}
    assert declarations == {"属于两用物项 GR-1"}
