"""Chip specifications: the built-in accelerator catalogue and specs given as figures.

The catalogue (``data/chips/accelerators.yaml``) holds, for each accelerator, the
dense per-precision peak rates, die area, I/O and DRAM bandwidth, each with its
source; figures the facts mark as from memory or unresolved are listed as
``unverified`` so that any answer using them says so.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tradecheck.errors import DataFileError, InputError

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "chips" / "accelerators.yaml"

#: Spec fields a user may give as figures (``classify chip`` options, case ``chip`` objects).
NUMERIC_FIELDS = (
    "tpp",
    "die_area_mm2",
    "io_gbps",
    "dram_bandwidth_gbps",
    "hbm_bandwidth_gbps",
    "hbm_area_mm2",
)


@dataclass(frozen=True, slots=True)
class Precision:
    """One datasheet rate: dense TOPS/TFLOPS (a MAC counted as two operations) at a bit length."""

    format: str
    bits: int
    dense: float
    source: str = ""
    unverified: bool = False


@dataclass(frozen=True, slots=True)
class ChipSpec:
    """What the classifier knows about an IC, a system containing one, or an HBM stack."""

    model: str | None = None
    vendor: str | None = None
    kind: str = "ic"  # ic | system | hbm
    precisions: tuple[Precision, ...] = ()
    tpp: float | None = None  # given directly (overrides precisions)
    die_area_mm2: float | None = None
    io_gbps: float | None = None
    datacenter: bool | None = None
    dram_bandwidth_gbps: float | None = None
    hbm_bandwidth_gbps: float | None = None
    hbm_area_mm2: float | None = None
    contains: str | None = None  # for systems: the catalogue model of the IC inside
    sources: dict[str, str] = field(default_factory=dict)
    unverified: tuple[str, ...] = ()


def _key(name: str) -> str:
    # "H100-SXM", "h100 sxm" and "H100SXM" are the same model.
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _number(value: object, *, where: str, positive: bool = False) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{where}: {value!r} is not a number")
    if value < 0 or (positive and value == 0):
        raise InputError(f"{where}: {value!r} must be {'positive' if positive else '>= 0'}")
    return float(value)


_ENTRY_KEYS = {
    "model",
    "aliases",
    "vendor",
    "kind",
    "precisions",
    "tpp",
    "die_area_mm2",
    "io_gbps",
    "datacenter",
    "dram_bandwidth_gbps",
    "hbm_bandwidth_gbps",
    "hbm_area_mm2",
    "contains",
    "sources",
    "unverified",
    "notes",
}
_KINDS = ("ic", "system", "hbm")


def _precision(p: object, *, file: str, row: str, i: int) -> Precision:
    where = f"precisions[{i}]"
    if not isinstance(p, dict):
        raise DataFileError(
            "must be a mapping {format, bits, dense}", file=file, row=row, field=where
        )
    bits, dense = p.get("bits"), p.get("dense")
    if isinstance(bits, bool) or not isinstance(bits, int) or bits <= 0:
        raise DataFileError(
            f"{bits!r} is not a bit length", file=file, row=row, field=f"{where}.bits"
        )
    try:
        rate = _number(dense, where="dense", positive=True)
    except InputError as exc:
        raise DataFileError(str(exc), file=file, row=row, field=f"{where}.dense") from None
    if rate is None or not p.get("format"):
        raise DataFileError("format and dense are required", file=file, row=row, field=where)
    return Precision(
        str(p["format"]), bits, rate, str(p.get("source", "")), bool(p.get("unverified", False))
    )


def _parse_entry(doc: object, index: int) -> ChipSpec:
    """One catalogue entry, checked field by field (errors name the file, model and field)."""
    file = str(CATALOGUE_PATH.name)
    if not isinstance(doc, dict):
        raise DataFileError("an entry must be a mapping", file=file, row=index)
    model = doc.get("model")
    if not isinstance(model, str) or not model:
        raise DataFileError("a model name is required", file=file, row=index, field="model")
    unknown = sorted(set(doc) - _ENTRY_KEYS)
    if unknown:
        raise DataFileError(
            f"unknown key (allowed: {', '.join(sorted(_ENTRY_KEYS))})",
            file=file,
            row=model,
            field=str(unknown[0]),
        )
    kind = doc.get("kind", "ic")
    if kind not in _KINDS:
        raise DataFileError(
            f"must be one of {', '.join(_KINDS)}", file=file, row=model, field="kind"
        )
    if kind == "system" and not doc.get("contains") and not doc.get("precisions"):
        raise DataFileError(
            "a system names the IC it contains", file=file, row=model, field="contains"
        )
    if doc.get("datacenter") not in (None, True, False):
        raise DataFileError("must be true or false", file=file, row=model, field="datacenter")
    numbers: dict[str, float | None] = {}
    for name in NUMERIC_FIELDS:
        try:
            numbers[name] = _number(
                doc.get(name), where=name, positive=name in ("die_area_mm2", "hbm_area_mm2")
            )
        except InputError as exc:
            raise DataFileError(str(exc), file=file, row=model, field=name) from None
    raw = doc.get("precisions") or []
    if not isinstance(raw, list):
        raise DataFileError("must be a list", file=file, row=model, field="precisions")
    precisions = tuple(_precision(p, file=file, row=model, i=i) for i, p in enumerate(raw))
    unverified = doc.get("unverified") or []
    allowed = {*NUMERIC_FIELDS, "datacenter"}
    bad = [u for u in unverified if u not in allowed]
    if not isinstance(unverified, list) or bad:
        raise DataFileError(
            f"names a field that is not a figure: {bad[0] if bad else unverified!r}",
            file=file,
            row=model,
            field="unverified",
        )
    return ChipSpec(
        model=model,
        vendor=doc.get("vendor"),
        kind=kind,
        precisions=precisions,
        tpp=numbers["tpp"],
        die_area_mm2=numbers["die_area_mm2"],
        io_gbps=numbers["io_gbps"],
        datacenter=doc.get("datacenter"),
        dram_bandwidth_gbps=numbers["dram_bandwidth_gbps"],
        hbm_bandwidth_gbps=numbers["hbm_bandwidth_gbps"],
        hbm_area_mm2=numbers["hbm_area_mm2"],
        contains=doc.get("contains"),
        sources={str(k): str(v) for k, v in (doc.get("sources") or {}).items()},
        unverified=tuple(unverified),
    )


@cache
def load_catalogue() -> dict[str, ChipSpec]:
    """The catalogue keyed by normalised model name and alias.

    Raises:
        DataFileError: naming the file, the model (or entry number) and the field.
    """
    file = CATALOGUE_PATH.name
    try:
        doc = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}".splitlines()[0], file=file) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("chips"), list):
        raise DataFileError("a 'chips' list is required", file=file, field="chips")
    out: dict[str, ChipSpec] = {}
    for i, entry in enumerate(doc["chips"]):
        spec = _parse_entry(entry, i)
        for name in [entry["model"], *(entry.get("aliases") or [])]:
            other = out.get(_key(str(name)))
            if other is not None and other.model != spec.model:
                raise DataFileError(
                    f"{name!r} names two chips", file=file, row=entry["model"], field="aliases"
                )
            out[_key(str(name))] = spec
    for spec in out.values():
        if spec.contains is not None and _key(spec.contains) not in out:
            raise DataFileError(
                f"{spec.contains!r} is not a catalogue model",
                file=file,
                row=spec.model,
                field="contains",
            )
    return out


def catalogue_models() -> list[str]:
    """The primary model names, in catalogue order."""
    seen: list[str] = []
    for spec in load_catalogue().values():
        if spec.model and spec.model not in seen:
            seen.append(spec.model)
    return seen


def find_chip(name: str) -> ChipSpec:
    """The catalogue spec for a model name or alias.

    Raises:
        InputError: for an unknown model, with the closest names as suggestions.
    """
    spec = load_catalogue().get(_key(name))
    if spec is not None:
        return spec
    close = difflib.get_close_matches(name, catalogue_models(), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    hint += " (`tradecheck classify chip --tpp X --die-area MM2` takes the figures instead)"
    raise InputError(f"unknown chip model {name!r}{hint}")


def spec_from_dict(doc: dict[str, Any], *, where: str = "chip") -> ChipSpec:
    """A spec from a case's ``chip`` object or CLI options: a model, figures, or both.

    Figures given next to a model override the catalogue's.

    Raises:
        InputError: for an unknown model or a negative or non-numeric figure.
    """
    base = find_chip(str(doc["model"])) if doc.get("model") else ChipSpec()
    changes: dict[str, Any] = {}
    for name in NUMERIC_FIELDS:
        if doc.get(name) is not None:
            positive = name in ("die_area_mm2", "hbm_area_mm2")
            changes[name] = _number(doc[name], where=f"{where}.{name}", positive=positive)
    if doc.get("datacenter") is not None:
        changes["datacenter"] = bool(doc["datacenter"])
    if doc.get("system"):
        changes["kind"] = "system"
    if doc.get("hbm"):
        changes["kind"] = "hbm"
        hbm = doc["hbm"]
        changes["hbm_bandwidth_gbps"] = _number(hbm.get("bandwidth_gbps"), where=f"{where}.hbm")
        changes["hbm_area_mm2"] = _number(hbm.get("area_mm2"), where=f"{where}.hbm", positive=True)
    if base.model is None and not changes:
        raise InputError(f"{where}: give a model or figures (tpp, die_area_mm2, …)")
    given = tuple(k for k in changes if k in NUMERIC_FIELDS)
    # A figure the user gives replaces the catalogue's, and its source becomes "given".
    sources = {**base.sources, **{k: "given" for k in given}}
    unverified = tuple(u for u in base.unverified if u not in given)
    return replace(base, sources=sources, unverified=unverified, **changes)
