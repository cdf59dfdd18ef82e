"""Every example case in examples/cases runs, and gives the outcome it documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tradecheck.engine import evaluate_case

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "cases").glob("*.json"))


def no_matches(name: str, country: str | None) -> list[Any]:
    return []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    det = evaluate_case(doc, screener=no_matches, source=path.name)
    out = det.to_dict()
    assert out["findings"] and out["versions"]["rule_packs"]
    for f in out["findings"]:
        assert f["regime"] and f["rule"] and f["reason"]
    expected = doc.get("expect", {}).get("outcome")
    if expected is not None:
        assert out["outcome"] == expected, [(f["rule"], f["outcome"]) for f in out["findings"]]


def test_there_are_us_examples() -> None:
    assert len([p for p in EXAMPLES if not p.name.startswith("cn_")]) >= 10
