"""Three-valued evaluation of parameter tests: true, false, or unknown (a fact is missing).

A test is data (see the China packs): ``all``/``any``/``not`` over atoms
``{param, op, value}``, ``{hs_in: [...]}`` and ``{unresolved: "..."}`` (a part of
the legal test this pack does not know, which is always unknown). Unknown never
becomes false: ``all`` is false only if some part is false, ``any`` is true as soon
as one part is true. Every result carries the reasons and the missing facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_SYMBOL = {
    "eq": "=",
    "ne": "≠",
    "in": "in",
    "not_in": "not in",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "dims_ge": "≥ (each edge)",
}


@dataclass(slots=True)
class Truth:
    """The value of a test (``None``: unknown), why, and what is missing."""

    value: bool | None
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _compare(op: str, have: Any, want: Any) -> bool:
    if op == "eq":
        return bool(have == want)
    if op == "ne":
        return bool(have != want)
    if op == "in":
        return have in want
    if op == "not_in":
        return have not in want
    if op == "dims_ge":
        mine, need = sorted(have, reverse=True), sorted(want, reverse=True)
        return len(mine) == len(need) and all(a >= b for a, b in zip(mine, need, strict=True))
    return bool({"gt": have > want, "ge": have >= want, "lt": have < want, "le": have <= want}[op])


def _atom(expr: Mapping[str, Any], params: Mapping[str, Any]) -> Truth:
    name, op, want = expr["param"], expr["op"], expr["value"]
    test = f"{name} {_SYMBOL[op]} {_fmt(want)}"
    if params.get(name) is None:
        return Truth(None, [f"{test}: not given"], [name])
    have = params[name]
    ok = _compare(op, have, want)
    return Truth(ok, [f"{name} = {_fmt(have)}, test {test}: {'met' if ok else 'not met'}"])


def _hs_match(code: str | None, refs: list[str]) -> bool:
    return code is not None and any(code.startswith(r) or r.startswith(code) for r in refs)


def evaluate(expr: Mapping[str, Any], params: Mapping[str, Any], hs_code: str | None) -> Truth:
    """Evaluate a validated test on an item's parameters and customs code."""
    if "all" in expr or "any" in expr:
        is_all = "all" in expr
        parts = [evaluate(p, params, hs_code) for p in expr["all" if is_all else "any"]]
        decisive = [p for p in parts if p.value is (not is_all)]
        if decisive:
            return Truth(not is_all, [r for p in decisive for r in p.reasons])
        unknown = [p for p in parts if p.value is None]
        if unknown:
            missing = list(dict.fromkeys(m for p in unknown for m in p.missing))
            return Truth(None, [r for p in parts for r in p.reasons], missing)
        return Truth(is_all, [r for p in parts for r in p.reasons])
    if "not" in expr:
        inner = evaluate(expr["not"], params, hs_code)
        value = None if inner.value is None else not inner.value
        return Truth(value, [f"not ({'; '.join(inner.reasons)})"], inner.missing)
    if "hs_in" in expr:
        refs = [str(c) for c in expr["hs_in"]]
        ok = _hs_match(hs_code, refs)
        return Truth(
            ok,
            [
                f"customs code {hs_code or '(none)'} {'is' if ok else 'is not'} "
                f"one of {', '.join(refs)}"
            ],
        )
    if "unresolved" in expr:
        return Truth(None, [f"not encoded: {expr['unresolved']}"], [str(expr["unresolved"])])
    return _atom(expr, params)
