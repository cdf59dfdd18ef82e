"""The audited actions: one service call each, recorded with its input, output and versions.

Every edge (API route, web page, batch job) runs a determination through
:func:`run_audited`, which calls the same service function as the CLI
(``screen_party``, ``classify_chip``, ``evaluate_case``, ``evaluate_deal``) and
appends the answer to the audit log. :mod:`tradecheck.audit.replay` re-runs a
record through :data:`ACTIONS` too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tradecheck.audit import log
from tradecheck.errors import InputError
from tradecheck.rules.pack import load_packs
from tradecheck.store import Store

#: ``screener(name, country) -> matches`` (what the engine and the deal evaluator take).
Screener = Callable[[str, str | None], list[Any]]


@dataclass(frozen=True, slots=True)
class ActionResult:
    """An action's answer and the versions that produced it."""

    output: dict[str, Any]
    versions: dict[str, Any]


def parse_as_of(value: object, *, field: str = "as_of") -> date | None:
    """An optional ISO date from a request.

    Raises:
        InputError: when the value is not a YYYY-MM-DD date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{field} {value!r} is not a date; use YYYY-MM-DD") from None


def snapshot_versions(store: Store) -> list[dict[str, Any]]:
    """The current list snapshots: dataset, content hash, data date."""
    return [
        {"dataset": s.dataset, "content_hash": s.content_hash, "data_date": s.data_date}
        for s in store.current()
    ]


def screening_store(store: Store) -> Store:
    """The store the engine's own party screening reads: the process's default store.

    ``tradecheck serve --db`` and the CLI's ``--db`` make it the same as ``store``; the
    record names the one actually used.
    """
    from tradecheck.store import open_store

    default = open_store()
    return store if default.url == store.url else default


def rule_pack_versions() -> list[dict[str, Any]]:
    """Every loaded rule pack's version information."""
    return [p.version_info() for p in load_packs()]


#: A server reuses its screening index this long before reading the store's current
#: snapshots again: a list loaded by another process is screened against within 1 s.
INDEX_RECHECK_SECONDS = 1.0

_INDEXES: dict[str, tuple[float, Any]] = {}
_INDEXES_LOCK = threading.Lock()


def current_index(store: Store) -> Any:
    """The screening index over ``store``'s current snapshots (re-checked every second)."""
    from tradecheck.screening import index_for_store

    now = time.monotonic()
    with _INDEXES_LOCK:
        hit = _INDEXES.get(store.url)
    if hit is not None and now - hit[0] < INDEX_RECHECK_SECONDS:
        return hit[1]
    index = index_for_store(store)
    with _INDEXES_LOCK:
        _INDEXES[store.url] = (now, index)
    return index


def forget_indexes() -> None:
    """Read the current snapshots again on the next screening (after a list update here)."""
    with _INDEXES_LOCK:
        _INDEXES.clear()


def screen(store: Store, params: dict[str, Any], screener_index: Any = None) -> ActionResult:
    """``tradecheck screen``: one party against the store's current lists (or a given index)."""
    from tradecheck.screening import screen_party

    sources = params.get("sources")
    if isinstance(sources, str):
        sources = [s for s in sources.split(",") if s.strip()]
    result = screen_party(
        str(params.get("name", "")),
        country=params.get("country"),
        type=params.get("type"),
        sources=sources,
        min_score=params.get("min_score"),
        limit=int(params.get("limit") or 10),
        index=screener_index if screener_index is not None else current_index(store),
        address=params.get("address"),
        identifier=params.get("identifier"),
    )
    out = result.to_dict()
    return ActionResult(out, dict(result.versions))


def classify_chip(store: Store, params: dict[str, Any], screener_index: Any = None) -> ActionResult:
    """``tradecheck classify chip``: a catalogue model or figures, as of a date."""
    from tradecheck.classify.catalogue import spec_from_dict
    from tradecheck.classify.chip import classify_chip as classify

    spec = {k: v for k, v in params.items() if k != "as_of" and v is not None}
    if spec.get("model") is None and spec.get("tpp") is None:
        raise InputError("give a model or tpp (with die_area_mm2)")
    when = parse_as_of(params.get("as_of")) or date.today()
    result = classify(spec_from_dict(spec, where="chip"), when)
    return ActionResult(result.to_dict(), {"rule": result.rule, "rule_packs": rule_pack_versions()})


def _screener(index: Any) -> Screener | None:
    if index is None:
        return None
    from tradecheck.screening import screen_party

    def screen_with(name: str, country: str | None, address: str | None = None) -> list[Any]:
        return list(screen_party(name, country=country, index=index, address=address).matches)

    return screen_with


def check(store: Store, params: dict[str, Any], screener_index: Any = None) -> ActionResult:
    """``tradecheck check``: a case under every registered regime."""
    from tradecheck.engine import evaluate_case

    case = params.get("case")
    if not isinstance(case, dict):
        raise InputError("case: a case must be a JSON object")
    det = evaluate_case(case, parse_as_of(params.get("as_of")), screener=_screener(screener_index))
    versions = dict(det.versions)
    versions["snapshots"] = snapshot_versions(screening_store(store))
    return ActionResult(det.to_dict(), versions)


def invest(store: Store, params: dict[str, Any], screener_index: Any = None) -> ActionResult:
    """``tradecheck invest``: an outbound investment under 31 CFR Part 850."""
    from tradecheck.invest import evaluate_deal

    deal = params.get("deal")
    if not isinstance(deal, dict):
        raise InputError("deal: a deal must be a JSON object")
    det = evaluate_deal(deal, parse_as_of(params.get("as_of")), screener=_screener(screener_index))
    versions = dict(det.versions)
    versions["snapshots"] = snapshot_versions(screening_store(store))
    versions.setdefault("rule_packs", rule_pack_versions())
    return ActionResult(det.to_dict(), versions)


def screen_row(store: Store, params: dict[str, Any], screener_index: Any = None) -> ActionResult:
    """One row of a batch job (``screen-batch``): ``{"id", "matches"}``."""
    result = screen(store, params, screener_index)
    return ActionResult(
        {"id": params.get("id"), "matches": result.output["matches"]}, result.versions
    )


Action = Callable[[Store, dict[str, Any], Any], ActionResult]

#: Action name (as recorded in the audit log) → the service call.
ACTIONS: dict[str, Action] = {
    "screen": screen,
    "screen-row": screen_row,
    "classify-chip": classify_chip,
    "check": check,
    "invest": invest,
}


def run_audited(
    store: Store, action: str, params: dict[str, Any], key_id: str | None
) -> tuple[dict[str, Any], int]:
    """Run an action and append its answer to the audit log.

    Nothing is recorded when the action raises (bad input is not a determination).

    Returns:
        The output and the audit record's id.
    """
    result = ACTIONS[action](store, params, None)
    seq = log.append(store, action, params, result.output, result.versions, key_id)
    return result.output, seq
