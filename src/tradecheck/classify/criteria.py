"""Three-valued tests of ECCN parameters: True, False, or None when a figure is missing.

A paragraph such as 3A090.a.2 is a conjunction of bounds on metrics. With a
figure missing, the paragraph is still False when another bound already fails
(TPP < 1,600 needs no die area), and None (undetermined) otherwise — the
classifier never guesses a missing figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

#: The input figures each metric needs, as named in ``missing``.
METRIC_INPUTS: dict[str, list[str]] = {
    "tpp": ["tpp"],
    "performance_density": ["die_area_mm2"],
    "io_gbps": ["io_gbps"],
    "memory_bandwidth_density": ["hbm_bandwidth_gbps", "hbm_area_mm2"],
    "datacenter": ["datacenter"],
}

_OPS = {"ge": ">=", "gt": ">", "lt": "<"}


@dataclass(slots=True)
class TestResult:
    """A paragraph's verdict with its reason and the figures it lacked."""

    paragraph: str
    value: bool | None
    reason: str
    missing: list[str] = field(default_factory=list)


def _bound(test: dict[str, Any], value: float) -> bool:
    ok = True
    if "ge" in test:
        ok = ok and value >= test["ge"]
    if "gt" in test:
        ok = ok and value > test["gt"]
    if "lt" in test:
        ok = ok and value < test["lt"]
    return ok


def _describe(test: dict[str, Any]) -> str:
    return " and ".join(f"{test['metric']} {_OPS[k]} {test[k]:g}" for k in _OPS if k in test)


def fmt(value: float) -> str:
    """A figure as printed in reasons: integers without decimals, others to 2 places."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def evaluate_paragraph(paragraph: dict[str, Any], metrics: dict[str, float | None]) -> TestResult:
    """Evaluate ``paragraph`` (``{id, all: [{metric, ge|gt|lt}]}``) on ``metrics``."""
    verdicts: list[bool | None] = []
    parts: list[str] = []
    missing: list[str] = []
    for test in paragraph["all"]:
        value = metrics.get(test["metric"])
        if value is None:
            verdicts.append(None)
            missing.extend(METRIC_INPUTS[test["metric"]])
            parts.append(f"{_describe(test)}: unknown")
        else:
            ok = _bound(test, value)
            verdicts.append(ok)
            parts.append(
                f"{test['metric']} {fmt(value)} {'meets' if ok else 'fails'} {_describe(test)}"
            )
    verdict: bool | None
    if False in verdicts:
        verdict, missing = False, []
    elif None in verdicts:
        verdict = None
    else:
        verdict = True
    return TestResult(paragraph["id"], verdict, f"{paragraph['id']}: " + "; ".join(parts), missing)


def family(paragraph_id: str) -> str:
    """``3A090.a.1`` → ``3A090.a``; ``3A090.c`` → ``3A090.c``."""
    parts = paragraph_id.split(".")
    return ".".join(parts[:2])
