"""Three-valued conditions of the activity rules: true, false, or unknown (a missing fact).

A condition is data (see ``data/rules/us_outbound/part850_activities.yaml``)::

    {all: [C, ...]} | {any: [C, ...]} | {fact: PATH, op: OP, value: V, unknown_values: [..]}

A fact the deal does not give leaves a leaf unknown; ``all``/``any`` follow Kleene
logic, so an unknown only matters when it can change the answer. The result names
the missing facts, which the evaluator turns into ``review``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tradecheck.errors import RuleError

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    # The regulation's words decide the operator: "greater than" → gt, "or more" → ge,
    # "or less" / "at or below" → le.
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}
OPS = frozenset({"is-true", "eq", "in", "has-end-use", *_COMPARE})


@dataclass(slots=True)
class Tri:
    """A three-valued result: ``value`` is None when unknown; ``missing`` names the facts."""

    value: bool | None
    missing: list[str] = field(default_factory=list)
    because: list[str] = field(default_factory=list)


def _lookup(facts: dict[str, Any], path: str) -> Any:
    node: Any = facts
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _leaf(cond: dict[str, Any], facts: dict[str, Any], where: str) -> Tri:
    path = str(cond["fact"])
    op = str(cond["op"])
    value = _lookup(facts, path)
    name = f"{where}.{path}"
    if value is None:
        return Tri(None, [name])
    if value in (cond.get("unknown_values") or []):
        return Tri(None, [f"{name} (value {value!r} does not decide the test)"])
    if op == "is-true":
        return Tri(value is True, because=[f"{path} = {value}"])
    if op == "eq":
        return Tri(value == cond["value"], because=[f"{path} = {value}"])
    if op == "in":
        return Tri(value in cond["value"], because=[f"{path} = {value}"])
    if op == "has-end-use":
        uses, bases = set(cond["uses"]), set(cond["bases"])
        hits = [e for e in value if e.get("use") in uses and e.get("basis") in bases]
        shown = ", ".join(f"{e['use']} ({e['basis']})" for e in hits) or "none matching"
        return Tri(bool(hits), because=[f"end uses: {shown}"])
    result = _COMPARE[op](float(value), float(cond["value"]))
    return Tri(result, because=[f"{path} = {value:g} {op} {float(cond['value']):g}"])


def evaluate(cond: dict[str, Any] | None, facts: dict[str, Any], where: str) -> Tri:
    """Evaluate a condition tree against an activity's facts.

    Args:
        cond: the condition (``None`` is unconditionally true).
        facts: the activity document.
        where: the activity's JSON path, used to name missing facts.
    """
    if cond is None:
        return Tri(True)
    if "all" in cond or "any" in cond:
        is_all = "all" in cond
        parts = [evaluate(c, facts, where) for c in cond["all" if is_all else "any"]]
        decisive = [p for p in parts if p.value is (not is_all)]
        if decisive:  # a false in `all`, a true in `any`
            return Tri(not is_all, because=[b for p in decisive for b in p.because])
        unknown = [p for p in parts if p.value is None]
        if unknown:
            return Tri(None, [m for p in unknown for m in p.missing])
        return Tri(is_all, because=[b for p in parts for b in p.because])
    return _leaf(cond, facts, where)


def check(cond: object, *, file: str, rule: str, field: str = "data.when") -> None:
    """Validate a condition tree when the rules are loaded.

    Raises:
        RuleError: naming the file, rule and the field of the bad node.
    """
    if not isinstance(cond, dict):
        raise RuleError("a condition must be a mapping", file=file, rule=rule, field=field)
    for key in ("all", "any"):
        if key in cond:
            items = cond[key]
            if not isinstance(items, list) or not items:
                raise RuleError("must be a non-empty list", file=file, rule=rule, field=field)
            for i, c in enumerate(items):
                check(c, file=file, rule=rule, field=f"{field}.{key}[{i}]")
            return
    op = cond.get("op")
    if not isinstance(cond.get("fact"), str) or op not in OPS:
        raise RuleError(
            f"a leaf needs `fact` and `op` (one of {', '.join(sorted(OPS))})",
            file=file,
            rule=rule,
            field=field,
        )
    if op in _COMPARE and not isinstance(cond.get("value"), int | float):
        raise RuleError(
            "needs a numeric `value` (write 1.0e+23: YAML needs the sign)",
            file=file,
            rule=rule,
            field=f"{field}.value",
        )
    if op == "has-end-use" and not (cond.get("uses") and cond.get("bases")):
        raise RuleError("needs `uses` and `bases`", file=file, rule=rule, field=field)
