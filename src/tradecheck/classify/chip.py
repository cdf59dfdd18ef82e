"""Classify an AI chip (or a system containing one, or an HBM stack) under ECCN 3A090/4A090.

TPP is the highest, across precisions, of the dense datasheet rate × bit length
(a datasheet already counts one MAC as two operations, so the rate is never
doubled again; sparse rates are never used). Performance density is TPP ÷ the
applicable die area, and stays ``None`` without one. The thresholds come from the
``eccn-parameters`` rule in force on the date (``data/rules/us/``); a figure the
test needs but the spec lacks gives ``undetermined`` and a ``missing`` list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tradecheck.classify.catalogue import ChipSpec, find_chip, spec_from_dict
from tradecheck.classify.criteria import (
    METRIC_INPUTS,
    TestResult,
    evaluate_paragraph,
    family,
    fmt,
)
from tradecheck.errors import InputError
from tradecheck.outcome import Advisory, Citation
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import all_rules

NOT_CONTROLLED = "not-3A090"
UNDETERMINED = "undetermined"


@dataclass(slots=True)
class ChipClassification:
    """The classification of one chip on one date, with every figure and reason."""

    classification: (
        str  # 3A090.a | 3A090.b | 3A090.c | 4A090.a | 4A090.b | not-3A090 | undetermined
    )
    tpp: float | None
    performance_density: float | None
    rule: str | None
    effective: str | None
    citations: list[Citation]
    as_of: str
    paragraphs: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    model: str | None = None
    kind: str = "ic"
    datacenter: bool | None = None
    io_gbps: float | None = None
    dram_bandwidth_gbps: float | None = None
    memory_bandwidth_density: float | None = None
    confidence: str = "secondary"
    inputs: dict[str, Any] = field(default_factory=dict)
    advisories: list[Advisory] = field(default_factory=list)

    @property
    def family(self) -> str | None:
        """``3A090.a`` style family of a controlled result, else ``None``."""
        c = self.classification
        return None if c in (NOT_CONTROLLED, UNDETERMINED) else c

    def to_dict(self) -> dict[str, Any]:
        """The ``classify chip --json`` shape."""
        return {
            "model": self.model,
            "kind": self.kind,
            "classification": self.classification,
            "paragraphs": self.paragraphs,
            "missing": self.missing,
            "tpp": self.tpp,
            "performance_density": self.performance_density,
            "memory_bandwidth_density": self.memory_bandwidth_density,
            "datacenter": self.datacenter,
            "io_gbps": self.io_gbps,
            "dram_bandwidth_gbps": self.dram_bandwidth_gbps,
            "rule": self.rule,
            "effective": self.effective,
            "as_of": self.as_of,
            "citations": [c.ref for c in self.citations],
            "reasons": self.reasons,
            "confidence": self.confidence,
            "inputs": self.inputs,
            "advisories": [a.to_dict() for a in self.advisories],
        }


def compute_tpp(spec: ChipSpec) -> float | None:
    """TPP: a given figure, else max over precisions of dense rate × bits; ``None`` if neither."""
    if spec.tpp is not None:
        return spec.tpp
    if not spec.precisions:
        return None
    return max(p.dense * p.bits for p in spec.precisions)


def _resolve(spec: ChipSpec | dict[str, Any] | str) -> ChipSpec:
    if isinstance(spec, str):
        return find_chip(spec)
    if isinstance(spec, dict):
        return spec_from_dict(spec)
    return spec


def _parameters_rule(applies_to: str, as_of: date, root: Path | None) -> Rule | None:
    rules = [
        r
        for r in all_rules("us-ear", root=root)
        if r.kind == "eccn-parameters" and r.data["applies_to"] == applies_to and r.in_force(as_of)
    ]
    return max(rules, key=lambda r: r.effective_from) if rules else None


def _inputs_used(rule: Rule | None) -> list[str]:
    """The spec fields the rule's tests read (only these can weaken the answer)."""
    if rule is None:
        return []
    metrics = {t["metric"] for p in rule.data["paragraphs"] for t in p["all"]}
    if rule.data.get("exclusions"):
        metrics.add("tpp")
    return [name for m in sorted(metrics) for name in METRIC_INPUTS[m]] + (
        ["tpp"] if "performance_density" in metrics else []
    )


def _inputs(spec: ChipSpec, used: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The figures used with their sources, and those that are unverified."""
    out: dict[str, Any] = {}
    weak: list[str] = []
    for name in used:
        value = getattr(spec, name, None)
        if value is None:
            continue
        out[name] = {"value": value, "source": spec.sources.get(name, "given")}
        if name in spec.unverified:
            weak.append(name)
    if spec.precisions and spec.tpp is None and "tpp" in used:
        best = max(spec.precisions, key=lambda p: p.dense * p.bits)
        out["tpp_from"] = {
            "format": best.format,
            "bits": best.bits,
            "dense": best.dense,
            "source": best.source,
        }
        if best.unverified:
            weak.append(f"dense {best.format} rate")
    return out, weak


def _decide(results: list[TestResult], excluded: dict[str, TestResult]) -> tuple[str, list[str]]:
    """Walk paragraphs in order (.a before .b): the first sure match wins unless an earlier
    paragraph is undetermined; an exclusion that may apply makes the answer undetermined."""
    missing: list[str] = []
    for r in results:
        fam = family(r.paragraph)
        exc = excluded.get(fam)
        if exc is not None and exc.value is True:
            continue
        if r.value is None:
            missing.extend(r.missing)
            continue
        if r.value is True:
            if exc is not None and exc.value is None:
                missing.extend(exc.missing)
            if missing:
                return UNDETERMINED, sorted(set(missing))
            return fam, []
    return (UNDETERMINED, sorted(set(missing))) if missing else (NOT_CONTROLLED, [])


def classify_chip(
    spec: ChipSpec | dict[str, Any] | str, as_of: date, *, root: Path | None = None
) -> ChipClassification:
    """Classify a chip on ``as_of`` under the 3A090/4A090 parameters then in force.

    Args:
        spec: a catalogue model name, a spec dict (``model`` and/or figures) or a ChipSpec.
        as_of: the date whose rule version applies.
        root: an alternative rule-pack root (tests).

    Raises:
        InputError: for an unknown model or a negative figure.
    """
    spec = _resolve(spec)
    ic = spec
    if spec.kind == "system":
        # A system with neither a contained catalogue IC nor figures stays undetermined
        # (missing: tpp) rather than an error: a missing fact is a review, not a guess.
        ic = find_chip(spec.contains) if spec.contains and spec.tpp is None else spec
    tpp = compute_tpp(ic)
    pd = tpp / ic.die_area_mm2 if tpp is not None and ic.die_area_mm2 else None
    mbd = (
        spec.hbm_bandwidth_gbps / spec.hbm_area_mm2
        if spec.hbm_bandwidth_gbps is not None and spec.hbm_area_mm2
        else None
    )
    metrics = {
        "tpp": tpp,
        "performance_density": pd,
        "io_gbps": ic.io_gbps,
        "memory_bandwidth_density": mbd,
    }
    for name, value in metrics.items():
        if value is not None and not math.isfinite(value):
            # (A die area of 1e-323 mm² passes as positive, and TPP over it overflows.)
            raise InputError(
                f"chip: the figures give a {name.replace('_', ' ')} too large to be a real "
                "chip; check the units (TPP, die area in mm², bandwidth in GB/s)"
            )
    datacenter = spec.datacenter if spec.datacenter is not None else ic.datacenter
    rule = _parameters_rule("hbm" if spec.kind == "hbm" else "ic", as_of, root)
    used = _inputs_used(rule)
    inputs, weak = _inputs(ic if spec.kind == "system" else spec, used)
    result = ChipClassification(
        classification=NOT_CONTROLLED,
        tpp=round(tpp, 2) if tpp is not None else None,
        performance_density=round(pd, 3) if pd is not None else None,
        rule=None,
        effective=None,
        citations=[],
        as_of=as_of.isoformat(),
        model=spec.model,
        kind=spec.kind,
        datacenter=datacenter,
        io_gbps=ic.io_gbps,
        dram_bandwidth_gbps=ic.dram_bandwidth_gbps,
        memory_bandwidth_density=round(mbd, 3) if mbd is not None else None,
        inputs=inputs,
    )
    if rule is None:
        result.reasons.append(f"no 3A090 parameters for this kind of item are in force on {as_of}")
        return result
    result.rule, result.citations = rule.id, rule.citations
    result.effective = rule.effective_from.isoformat()
    result.advisories.extend(rule.advisories(as_of))
    results = [evaluate_paragraph(p, metrics) for p in rule.data["paragraphs"]]
    excluded = _exclusions(rule, tpp, datacenter)
    result.classification, result.missing = _decide(results, excluded)
    result.reasons.extend(r.reason for r in results)
    result.reasons.extend(e.reason for e in {id(e): e for e in excluded.values()}.values())
    fam = result.family
    result.paragraphs = [r.paragraph for r in results if r.value and family(r.paragraph) == fam]
    if spec.kind == "system" and fam is not None:
        result.classification = rule.data.get("systems", {}).get(fam, fam)
        result.reasons.append(f"a system containing a {fam} IC is {result.classification}")
    result.confidence = "unverified" if weak or rule.confidence == "unverified" else "secondary"
    if weak:
        result.advisories.append(
            Advisory(
                "unverified-fact",
                f"{spec.model}: figures not verified in public sources "
                f"({', '.join(weak)}); verify before relying on this classification.",
                rule.id,
            )
        )
    return result


def _exclusions(rule: Rule, tpp: float | None, datacenter: bool | None) -> dict[str, TestResult]:
    """Which families a note (the datacenter note) excludes: True, False or None (unknown)."""
    out: dict[str, TestResult] = {}
    for exc in rule.data.get("exclusions", []):
        limit = exc["tpp_lt"]
        value: bool | None
        missing: list[str] = []
        if tpp is not None and tpp >= limit:
            value, why = False, f"TPP {fmt(tpp)} >= {fmt(limit)}"
        elif datacenter is True:
            value, why = False, "designed or marketed for datacenters"
        elif tpp is None:
            value, why, missing = None, "TPP unknown", ["tpp"]
        elif datacenter is None:
            value, why, missing = None, "datacenter design/marketing unknown", ["datacenter"]
        else:
            value, why = True, f"not for datacenters and TPP {fmt(tpp)} < {fmt(limit)}"
        verdict = {True: "applies", False: "does not apply", None: "undetermined"}[value]
        res = TestResult(exc["id"], value, f"{exc['id']} {verdict}: {why}", missing)
        for fam in exc["excludes"]:
            out[fam] = res
    return out
