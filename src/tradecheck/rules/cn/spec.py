"""Typed views of the China packs' ``data`` blocks, validated when first read.

The generic pack loader checks the envelope (ids, dates, citations, suspensions);
this module checks what only the China evaluator understands — customs codes,
parameter definitions and the parameter-test expressions — and fails with a
:class:`~tradecheck.errors.RuleError` naming the file, rule and field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tradecheck.errors import RuleError
from tradecheck.outcome import Outcome
from tradecheck.rules.model import CONFIDENCE, Rule
from tradecheck.rules.pack import all_rules

#: The regime of every China pack.
REGIME = "cn-export"
#: Rule kinds read by this package.
ITEM_KINDS = ("cn-item", "cn-technology")
PARAM_TYPES = ("number", "enum", "boolean", "string", "number-list")
_HS = re.compile(r"^[0-9]{6,10}$")
_OPS = ("eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "dims_ge")


@dataclass(frozen=True, slots=True)
class ParamDef:
    """A technical parameter an item test reads: name, type, unit, description."""

    name: str
    type: str
    description: str
    unit: str | None = None
    values: tuple[Any, ...] = ()
    #: Bounds of a number (or of each number of a list); ``None`` for no bound.
    minimum: float | None = None
    maximum: float | None = None

    def label(self) -> str:
        """``name (unit): description`` for messages."""
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.name}{unit}: {self.description}"


@dataclass(frozen=True, slots=True)
class HsRef:
    """One reference customs code of an item, with its confidence and any caveat."""

    code: str
    confidence: str = "verified"
    note: str = ""


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """A controlled goods or technology item of a China pack."""

    rule: Rule
    item: str
    category: str | None
    outcome: Outcome
    control_code: str | None = None
    control_code_confidence: str = "verified"
    keywords: tuple[str, ...] = ()
    hs: tuple[HsRef, ...] = ()
    params: Mapping[str, ParamDef] = field(default_factory=dict)
    test: Mapping[str, Any] | None = None
    trigger: Mapping[str, Any] | None = None
    technologies: tuple[str, ...] = ()
    policy: str | None = None

    @property
    def is_technology(self) -> bool:
        """Whether the item is a technology (not goods)."""
        return self.rule.kind in ("cn-technology", "cn-tech-catalogue")


def _fail(rule: Rule, fld: str, msg: str) -> RuleError:
    return RuleError(msg, file=rule.file, rule=rule.id, field=fld)


def parse_params(rule: Rule) -> dict[str, ParamDef]:
    """The ``data.parameters`` definitions of a rule."""
    raw = rule.data.get("parameters") or []
    if not isinstance(raw, list):
        raise _fail(rule, "data.parameters", "must be a list")
    out: dict[str, ParamDef] = {}
    for i, p in enumerate(raw):
        where = f"data.parameters[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            raise _fail(rule, where, "a parameter is a mapping with a name")
        if p.get("type") not in PARAM_TYPES:
            raise _fail(rule, where + ".type", f"must be one of {', '.join(PARAM_TYPES)}")
        if not isinstance(p.get("description"), str) or not p["description"].strip():
            raise _fail(rule, where + ".description", "a description is required")
        values = tuple(p.get("values") or ())
        if p["type"] == "enum" and not values:
            raise _fail(rule, where + ".values", "an enum parameter needs its values")
        unit = p.get("unit")
        lo, hi = _bounds(rule, where, p)
        out[p["name"]] = ParamDef(p["name"], p["type"], p["description"], unit, values, lo, hi)
    return out


def _bounds(rule: Rule, where: str, p: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """A numeric parameter's bounds: ``minimum``/``maximum`` if given, else the defaults.

    Every technical parameter of the China lists is a physical quantity (a size, a
    purity, a power): by default none is negative and a percentage is at most 100, so
    that ``-5 um`` or ``150 %`` is an input error instead of meeting a ``<=`` test.
    """
    if p["type"] not in ("number", "number-list"):
        return None, None
    unit = str(p.get("unit") or "")
    lo = p.get("minimum", 0)
    hi = p.get("maximum", 100 if unit.startswith("%") else None)
    for key, val in (("minimum", lo), ("maximum", hi)):
        if val is not None and (isinstance(val, bool) or not isinstance(val, int | float)):
            raise _fail(rule, f"{where}.{key}", "must be a number or null")
    return lo, hi


def check_expr(expr: object, rule: Rule, fld: str, params: Mapping[str, ParamDef]) -> None:
    """Validate a parameter-test expression: ``all``/``any``/``not``, atoms, ``hs_in``."""
    if not isinstance(expr, dict) or not expr:
        raise _fail(rule, fld, "an expression is a non-empty mapping")
    if "all" in expr or "any" in expr:
        key = "all" if "all" in expr else "any"
        parts = expr[key]
        if not isinstance(parts, list) or not parts:
            raise _fail(rule, f"{fld}.{key}", "must be a non-empty list")
        for i, part in enumerate(parts):
            check_expr(part, rule, f"{fld}.{key}[{i}]", params)
    elif "not" in expr:
        check_expr(expr["not"], rule, f"{fld}.not", params)
    elif "hs_in" in expr:
        if not isinstance(expr["hs_in"], list) or not all(_HS.match(str(c)) for c in expr["hs_in"]):
            raise _fail(rule, f"{fld}.hs_in", "must be a list of 6-10 digit codes")
    elif "unresolved" in expr:
        if not isinstance(expr["unresolved"], str):
            raise _fail(rule, f"{fld}.unresolved", "must say what is not known")
    elif "param" in expr:
        name = expr["param"]
        if name not in params:
            raise _fail(rule, f"{fld}.param", f"{name!r} is not in data.parameters")
        if expr.get("op") not in _OPS:
            raise _fail(rule, f"{fld}.op", f"must be one of {', '.join(_OPS)}")
        if "value" not in expr:
            raise _fail(rule, f"{fld}.value", "a value is required")
        pdef = params[name]
        wanted = expr["value"] if isinstance(expr["value"], list) else [expr["value"]]
        if pdef.type == "enum" and expr["op"] != "dims_ge":
            bad = [v for v in wanted if v not in pdef.values]
            if bad:
                raise _fail(rule, f"{fld}.value", f"{bad[0]!r} is not a value of {name}")
    else:
        raise _fail(rule, fld, "expected all, any, not, param, hs_in or unresolved")


def _hs_refs(rule: Rule) -> tuple[HsRef, ...]:
    raw = rule.data.get("hs_codes") or []
    if not isinstance(raw, list):
        raise _fail(rule, "data.hs_codes", "must be a list")
    out = []
    for i, h in enumerate(raw):
        ref = HsRef(h) if isinstance(h, str) else None
        if isinstance(h, dict) and isinstance(h.get("code"), str):
            conf = h.get("confidence", "verified")
            if conf not in CONFIDENCE:
                raise _fail(rule, f"data.hs_codes[{i}].confidence", "unknown confidence mark")
            ref = HsRef(h["code"], conf, str(h.get("note") or ""))
        if ref is None or not _HS.match(ref.code):
            raise _fail(rule, f"data.hs_codes[{i}]", "a code is 6-10 digits (string)")
        out.append(ref)
    return tuple(out)


def parse_item(rule: Rule) -> ItemSpec:
    """Build the :class:`ItemSpec` of a ``cn-item``, ``cn-technology`` or catalogue rule."""
    d = rule.data
    params = parse_params(rule)
    for key in ("test", "trigger"):
        if d.get(key) is not None:
            check_expr(d[key], rule, f"data.{key}", params)
    try:
        outcome = Outcome(d.get("outcome", ""))
    except ValueError:
        raise _fail(rule, "data.outcome", "must be an outcome of the vocabulary") from None
    techs = d.get("technologies") or []
    if not isinstance(techs, list):
        raise _fail(rule, "data.technologies", "must be a list of technology ids")
    return ItemSpec(
        rule=rule,
        item=str(d.get("item") or rule.id),
        category=d.get("category"),
        outcome=outcome,
        control_code=d.get("control_code"),
        control_code_confidence=str(d.get("control_code_confidence", "verified")),
        keywords=tuple(str(k) for k in d.get("keywords") or ()),
        hs=_hs_refs(rule),
        params=params,
        test=d.get("test"),
        trigger=d.get("trigger"),
        technologies=tuple(str(t) for t in techs),
        policy=d.get("policy"),
    )


@cache
def _china_rules(root: Path | None) -> tuple[Rule, ...]:
    return tuple(all_rules(REGIME, root=root))


def china_rules(kind: str | None = None, *, root: Path | None = None) -> list[Rule]:
    """Every rule of the China packs, optionally of one kind."""
    return [r for r in _china_rules(root) if kind is None or r.kind == kind]


@cache
def item_specs(root: Path | None = None) -> tuple[ItemSpec, ...]:
    """Every goods and technology item of the China packs, validated."""
    kinds = (*ITEM_KINDS, "cn-tech-catalogue")
    return tuple(parse_item(r) for r in _china_rules(root) if r.kind in kinds)


@cache
def param_catalogue(root: Path | None = None) -> dict[str, ParamDef]:
    """Every parameter name the China rules read, merged (enum values united).

    Raises:
        RuleError: when two rules give one parameter name different types or units.
    """
    merged: dict[str, ParamDef] = {}
    for r in _china_rules(root):
        for name, p in parse_params(r).items():
            old = merged.get(name)
            if old is None:
                merged[name] = p
                continue
            if (old.type, old.unit, old.minimum, old.maximum) != (
                p.type,
                p.unit,
                p.minimum,
                p.maximum,
            ):
                raise _fail(
                    r, "data.parameters", f"{name!r} differs in type, unit or bounds elsewhere"
                )
            values = old.values + tuple(v for v in p.values if v not in old.values)
            merged[name] = ParamDef(
                name, old.type, old.description, old.unit, values, old.minimum, old.maximum
            )
    return merged


def clear_cache() -> None:
    """Forget parsed specs (tests that point at another rules root)."""
    _china_rules.cache_clear()
    item_specs.cache_clear()
    param_catalogue.cache_clear()
