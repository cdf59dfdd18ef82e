"""The engine: turn a case into one Determination under the rules in force on a date.

A case (``data/schemas/case.schema.json``) is validated, its date resolved (the
case's ``date``, overridden by an explicit ``as_of``; today when neither is
given), and every regime evaluator in :data:`REGIMES` is run on it. The
Determination holds every finding, the advisories, and the versions of every
rule pack and list snapshot used, so that an auditor can replay the answer.

Adding a regime
---------------
1. Put its rule packs under ``src/tradecheck/data/rules/<jurisdiction>/``
   (format: :mod:`tradecheck.rules.pack`).
2. Write an evaluator ``evaluate(case: CaseContext, as_of: date) ->
   tuple[list[Finding], list[Advisory]]`` in ``tradecheck/rules/<jurisdiction>/``.
   It reads its rules with :func:`tradecheck.rules.load_packs`, acts on those
   where ``rule.applies(as_of)``, attaches ``rule.advisories(as_of)`` to what it
   returns, and answers ``review`` — never ``allowed`` — when a fact is missing.
3. Register it with ONE line in :data:`REGIMES` below.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from tradecheck.errors import InputError, TradecheckError
from tradecheck.outcome import Advisory, Determination, Finding
from tradecheck.rules import cn as cn_rules
from tradecheck.rules.dates import parse_input_date
from tradecheck.rules.pack import load_packs
from tradecheck.rules.us import ear_items, ear_parties

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "schemas" / "case.schema.json"

#: ``screener(name, country) -> list of matches`` (objects shaped like screening.Match);
#: called with ``address=`` too when the party gives one (:mod:`tradecheck.rules.party_facts`).
PartyScreener = Callable[..., list[Any]]


@dataclass(slots=True)
class CaseContext:
    """A validated case as evaluators see it."""

    raw: dict[str, Any]
    destination: str
    origin: str | None = None
    transaction: str = "export"
    parties: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    end_use: str | None = None
    conditions: dict[str, bool] = field(default_factory=dict)
    #: Injected party screening (tests, batch runs); ``None`` → the screening engine.
    screener: PartyScreener | None = None
    #: Results evaluators share within one evaluation (e.g. each party screened once).
    memo: dict[str, Any] = field(default_factory=dict)


Evaluator = Callable[[CaseContext, date], tuple[list[Finding], list[Advisory]]]

#: The regime evaluators, run in this order. Each regime registers itself with one line.
REGIMES: list[Evaluator] = [
    ear_items.evaluate,
    ear_parties.evaluate,
    cn_rules.evaluate,
]


@cache
def case_schema() -> dict[str, Any]:
    """The case JSON Schema shipped with the package."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _json_path(path: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def validate_case(case: object, *, source: str = "case") -> dict[str, Any]:
    """Check ``case`` against the case schema.

    Raises:
        InputError: one line naming the JSON path of the first problem.
    """
    if not isinstance(case, dict):
        raise InputError(f"{source}: a case must be a JSON object")
    validator = jsonschema.Draft202012Validator(
        case_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    err = jsonschema.exceptions.best_match(validator.iter_errors(case))
    if err is None:
        return case
    where = _json_path(err.absolute_path)
    if err.validator == "enum" and "country" in str(err.schema.get("description", "")).lower():
        msg = f"{err.instance!r} is not a known ISO 3166-1 alpha-2 country code"
    elif err.validator == "format":
        msg = f"{err.instance!r} is not a date; use YYYY-MM-DD"
    else:
        msg = err.message
    raise InputError(f"{source}: {where}: {msg}")


def load_case(path: Path) -> dict[str, Any]:
    """Read and validate a case file.

    Raises:
        InputError: when the file is missing, not JSON, or not a valid case.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a case file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        # utf-8-sig: a byte-order mark from a Windows editor is not an error.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the case as UTF-8 JSON"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; a case is a JSON object") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: not valid JSON (nested too deeply)") from None
    return validate_case(doc, source=str(path))


def _context(case: dict[str, Any], screener: PartyScreener | None) -> CaseContext:
    origin = case.get("origin")
    default_tx = "export" if origin in (None, "US") else "reexport"
    return CaseContext(
        raw=case,
        destination=case["destination"],
        origin=origin,
        transaction=case.get("transaction", default_tx),
        parties=list(case.get("parties", [])),
        items=list(case.get("items", [])),
        end_use=case.get("end_use"),
        conditions=dict(case.get("conditions", {})),
        screener=screener,
    )


def _versions(ctx: CaseContext) -> dict[str, Any]:
    out: dict[str, Any] = {"rule_packs": [p.version_info() for p in load_packs()]}
    # The screening engine is optional at run time: without it, versions say so.
    try:
        screening = importlib.import_module("tradecheck.screening")
    except ImportError:
        out["screening"] = None
        return out
    store = None
    if ctx.parties and ctx.screener is None:
        # Parties were screened against the default store: record its list snapshots, so
        # that the answer can be replayed against the same lists.
        try:
            store = importlib.import_module("tradecheck.store").open_store()
        except TradecheckError:
            store = None
    try:
        out["screening"] = screening.screening_versions(store=store)
    except TradecheckError as exc:
        out["screening"] = {**screening.screening_versions(), "snapshots_error": exc.one_line()}
    return out


def evaluate_case(
    case: dict[str, Any],
    as_of: date | None = None,
    *,
    screener: PartyScreener | None = None,
    source: str = "case",
) -> Determination:
    """Evaluate a case under every registered regime, as of a date.

    Args:
        case: the case document (validated here against the case schema).
        as_of: overrides the case's ``date``; today when both are absent.
        screener: optional party screening function (default: the screening engine).
        source: how errors name the case (a file name).

    Returns:
        The Determination: its ``outcome`` is the most restrictive finding.

    Raises:
        InputError: when the case is malformed.
    """
    validate_case(case, source=source)
    advisories: list[Advisory] = []
    if as_of is not None:
        when, how = as_of, "--as-of"
    elif "date" in case:
        when, how = parse_input_date(case["date"], where=f"{source}: $.date"), "case date"
    else:
        when, how = date.today(), "today"
        advisories.append(Advisory("missing-date", "The case has no date; evaluated as of today."))
    ctx = _context(case, screener)
    findings: list[Finding] = []
    for evaluate in REGIMES:
        try:
            found, advised = evaluate(ctx, when)
        except InputError as exc:
            raise InputError(f"{source}: {exc}") from None
        findings.extend(found)
        advisories.extend(advised)
    seen: set[tuple[str, str | None, str]] = set()
    unique = []
    for a in advisories:
        key = (a.kind, a.rule, a.message)
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return Determination(
        findings=findings,
        advisories=unique,
        versions=_versions(ctx),
        as_of=when.isoformat(),
        extra={
            "as_of_source": how,
            "case": {k: case.get(k) for k in ("id", "origin", "destination")},
        },
    )
