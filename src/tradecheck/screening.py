"""Party screening: the service functions every edge (CLI, API, engine) calls.

``screen_party`` finds the listed entities a party may be, best first, each with a
score in 0..1 and an explanation; ``compare_names`` scores one pair; ``screen_batch``
screens many rows on the machine's cores; ``screening_versions`` says which
algorithm, normalisation and list snapshots produced an answer.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from operator import attrgetter
from typing import Any

from tradecheck.entity import SOURCE_CODES, Entity
from tradecheck.errors import InputError
from tradecheck.match.address import query_address, rarity_for
from tradecheck.match.checks import check_address, check_identifier, check_query_name
from tradecheck.match.checks import check_country as _check_country
from tradecheck.match.checks import check_type as _check_type
from tradecheck.match.containers import (
    FACT_COUNTRIES,
    FACT_ID,
    FACT_NAME,
    FACT_SOURCE_KEY,
    Entities,
)
from tradecheck.match.evidence import Listed, QueryFacts, apply_evidence, max_lift
from tradecheck.match.index import Index
from tradecheck.match.inputs import BATCH_COLUMNS, index_from_list_file, read_screen_rows
from tradecheck.match.listing import (
    collapse_listings,
    compare_listed,
    name_key,
    qualifier_feature,
)
from tradecheck.match.normalize import (
    normalization_version,
    normalize_name,
)
from tradecheck.match.results import EntityRef, Explanation, Match, ScreenResult
from tradecheck.match.score import ALGORITHM_NAME, ALGORITHM_VERSION
from tradecheck.match.shortlist import best_records
from tradecheck.match.store_index import index_for_store, snapshot_key
from tradecheck.match.tables import load_table
from tradecheck.store import Store

#: Candidates (entities) scored in full per query form, at least.
CANDIDATES_SCORED = 10

#: Below this share of the threshold, a candidate's key overlap is too small to score in full.
_PRUNE = 0.5
#: The facts of a query that gives the name alone.
_NAME_ONLY = QueryFacts(None, None, None, None)
_FORM_TEXT = attrgetter("text")


@cache
def _thresholds() -> tuple[tuple[str, float], ...]:
    raw = load_table("calibration.yaml")["default_min_score"]
    return tuple((str(k), float(v)) for k, v in raw.items())


@cache
def _least_default() -> float:
    """The lowest of the default thresholds."""
    return min(v for _, v in _thresholds())


def default_thresholds() -> dict[str, float]:
    """The calibrated default thresholds by kind (``person``, ``organization``).

    (A new dict each call, made from the table read once: callers may keep or change it.)
    """
    return dict(_thresholds())


def default_min_score(kind: str = "organization") -> float:
    """The calibrated default threshold for ``person`` or ``organization`` matches."""
    return default_thresholds()["person" if kind == "person" else "organization"]


@cache
def strong_score() -> float:
    """The score from which a match is called strong."""
    return float(load_table("calibration.yaml")["strong_score"])


# --- index


def build_index(entities: Iterable[Entity], meta: dict[str, Any] | None = None) -> Index:
    """Build a candidate index over ``entities``."""
    return Index.build(entities, meta)


def _resolve_index(store: Store | None, index: Index | None) -> Index:
    if index is not None:
        index.check_version(normalization_version())
        return index
    if store is None:
        from tradecheck.store import open_store

        store = open_store()
    return index_for_store(store)


# --- screening


def screen_party(
    name: str,
    *,
    country: str | None = None,
    type: str | None = None,
    sources: Sequence[str] | None = None,
    min_score: float | None = None,
    limit: int = 10,
    store: Store | None = None,
    index: Index | None = None,
    identifier: str | None = None,
    address: str | None = None,
) -> ScreenResult:
    """Screen one party against the listed entities.

    Args:
        name: the party's name, in any script.
        country: ISO 3166 alpha-2 code of the party's country (evidence, not a filter).
        type: ``person`` or ``org`` (selects the scoring; a mismatch lowers the score).
        sources: list codes to screen against (``EL``, ``SDN``, ``UN`` …); all when None.
        min_score: report matches at or above this score (default: the calibrated one).
        limit: at most this many matches.
        store: the store whose current snapshots to screen against (default store if
            neither store nor index is given).
        index: an index built with :func:`build_index` (takes precedence over the store).
        identifier: a registration, passport or other number of the party (evidence).
        address: the party's address, free text in any script, or just a city (evidence
            that orders reported matches: it never adds or removes one).

    Returns:
        The matches, best first.

    Raises:
        InputError: bad name, country, type, address, identifier, threshold or limit;
            or an empty store.
    """
    clean = check_query_name(name)
    # (Most queries give no country, type, address nor identifier: not checked then.)
    ccode = None if country is None else _check_country(country)
    qtype = None if type is None else _check_type(type)
    addr = None if address is None else check_address(address)
    ident = None if identifier is None else check_identifier(identifier)
    if min_score is None:
        thresholds = default_thresholds()
        threshold = _least_default()
    else:
        if not 0.0 <= float(min_score) <= 1.0:
            raise InputError(f"min-score {min_score} is outside 0..1")
        thresholds = {"person": float(min_score), "organization": float(min_score)}
        threshold = min(thresholds.values())
    if limit < 1:
        raise InputError(f"limit {limit} must be at least 1")
    src = {s.strip().upper() for s in sources if s.strip()} if sources else None
    if src:
        unknown = sorted(src - set(SOURCE_CODES))
        if unknown:
            raise InputError(
                f"unknown list code {', '.join(unknown)}; known: {', '.join(SOURCE_CODES)}"
            )
    # (The index's normalisation is checked by _index_versions.)
    idx = index if index is not None else _resolve_index(store, None)
    query: dict[str, Any] = {
        "name": clean,
        "country": ccode,
        "type": qtype,
        "sources": sorted(src) if src else None,
        "min_score": None if min_score is None else float(min_score),
        "thresholds": thresholds,
        "limit": limit,
    }
    if ident:
        query["identifier"] = ident
    if addr:
        query["address"] = addr
    result = ScreenResult(query=query, versions=_index_versions(idx))
    forms = normalize_name(clean)
    if not forms:
        query["note"] = "nothing to match: the name has no letters or digits"
        return result
    query["normalized"] = list(map(_FORM_TEXT, forms))
    qaddr = query_address(addr, rarity_for(idx)) if addr else None
    if ccode is None and qtype is None and ident is None and qaddr is None:
        facts, lift = _NAME_ONLY, 0.0  # (the name alone: most queries)
    else:
        facts = QueryFacts(ccode, qtype, ident, qaddr)
        # Evidence can lift a name score by at most this much (the address never lifts).
        lift = max_lift(facts)
    floor = threshold * _PRUNE
    k = CANDIDATES_SCORED if limit <= 10 else limit
    best = best_records(
        idx, forms, k, floor, src, qtype, thresholds["person"], thresholds["organization"], lift
    )
    matches: list[Match] = []
    strong = strong_score()
    ents = idx.entities
    ent_source = idx.ent_source
    ent_type = idx.ent_type
    rec_raw = idx.rec_raw
    places: list[int] = []  # each match's entity
    totals: list[float] = []  # each match's evidence, summed
    for ei, (name_score, r, ps, needed, pen, words) in best.items():
        if name_score + lift < needed:
            continue  # no evidence can lift it over the threshold
        listed = Listed(ents, ei, ent_type[ei])
        matched = rec_raw[r]
        scored = apply_evidence(facts, listed, matched, name_score, needed)
        if scored is None:
            continue
        score, evidence = scored
        strength = "strong" if score >= strong else "possible"
        f = listed.facts
        matches.append(
            Match.screened(
                f[FACT_ID],
                ent_source[ei],
                f[FACT_NAME],
                matched,
                score,
                list(f[FACT_COUNTRIES]),
                Explanation(ps, pen, words, name_score, evidence, strength),
                EntityRef(ents, ei),
            )
        )
        places.append(ei)
        total = 0.0
        for e in evidence:
            total += e["delta"]
        totals.append(total)
    if len(matches) > 1:
        collapse = _may_collapse(matches, places, ents)
        # Among equal scores (1.0 caps many), the one with the better evidence first.
        keys = [(-m.score, -t, m.entity_id) for m, t in zip(matches, totals, strict=True)]
        order = sorted(range(len(matches)), key=keys.__getitem__)
        matches = [matches[i] for i in order]
        if collapse:  # (it reads the entities; the data dates are needed only then)
            matches = collapse_listings(matches, _data_dates(idx))
        matches = matches[:limit]
    result.matches = matches
    return result


def _may_collapse(matches: list[Match], places: list[int], ents: Entities) -> bool:
    """May :func:`~tradecheck.match.listing.collapse_listings` merge any of ``matches``?

    Only matches on the same list under the same primary-name key or the same list
    key are merged: when no two share one, it would return them as they are (and
    need not decode their entities to find that out). The matches of entities
    ``places`` (in any order).
    """
    seen: set[tuple[str, str, str]] = set()
    by_source: dict[str, int] = {}
    for m in matches:
        by_source[m.source] = by_source.get(m.source, 0) + 1
    for m, ei in zip(matches, places, strict=True):
        if by_source[m.source] < 2:
            continue
        keys = [("name", m.source, name_key(m.name))]
        source_key = ents.facts(ei)[FACT_SOURCE_KEY]
        if source_key:
            keys.append(("key", m.source, source_key))
        for k in keys:
            if k in seen:
                return True
            seen.add(k)
    return False


def _data_dates(idx: Index) -> dict[str, str]:
    """The data date of each dataset the index was built from (``""`` when unknown)."""
    return {
        str(s.get("dataset")): str(s.get("data_date") or "") for s in idx.meta.get("snapshots", [])
    }


def compare_names(a: str, b: str, *, type: str | None = None) -> dict[str, Any]:
    """Score two names against each other and say why.

    ``b`` is taken as the listed name, as screening takes it: it is also scored
    without its bracketed qualifier (less the qualifier penalty) and as its bracketed
    acronym (:func:`tradecheck.match.listing.compare_listed`), so that the score is
    the one ``screen`` would give ``a`` against a listing named ``b``.

    Returns:
        ``{"a", "b", "score", "match" (at the default threshold), "threshold", "explain",
        "algorithm"}``.
    """
    ca = check_query_name(a, where="name A")
    cb = check_query_name(b, where="name B")
    qtype = _check_type(type)
    ps, pen, words = compare_listed(ca, cb, person=None if qtype is None else qtype == "person")
    kind = "person" if ps is not None and ps.alignment.person else "organization"
    threshold = default_min_score(kind)
    score = round(ps.score - pen, 4) if ps else 0.0
    explain: dict[str, Any] = ps.explain() if ps else {"reason": "a name has no letters or digits"}
    if ps is not None and ps.candidate.raw != cb:
        # The listed name as it was matched: without its qualifier, or its acronym.
        explain["matched_form"] = ps.candidate.raw
    if pen:
        explain["features"].append(qualifier_feature(pen, words))
    return {
        "a": ca,
        "b": cb,
        "score": score,
        "match": score >= threshold,
        "threshold": threshold,
        "scored_as": kind,
        "algorithm": f"{ALGORITHM_NAME}/{ALGORITHM_VERSION}",
        "explain": explain,
    }


def screening_versions(*, index: Index | None = None, store: Store | None = None) -> dict[str, Any]:
    """Algorithm, normalisation, thresholds and the list snapshots screened against.

    The snapshots come from ``index`` (those it was built from) or else ``store``
    (its current ones).
    """
    out: dict[str, Any] = {
        "matcher": ALGORITHM_NAME,
        "matcher_version": ALGORITHM_VERSION,
        "normalization": normalization_version(),
        "default_thresholds": default_thresholds(),
    }
    if index is not None:
        out["index_normalization"] = index.meta.get("normalization")
        out["snapshots"] = index.meta.get("snapshots", [])
    elif store is not None:
        out["snapshots"] = snapshot_key(store)[1]
    return out


#: The last index screened (weakly held), the meta values its versions were made
#: from, and those versions (:func:`_index_versions`).
_VERSIONS: tuple[weakref.ref[Index], object, object, dict[str, Any]] | None = None
_NO_SNAPSHOTS = object()


def _index_versions(idx: Index) -> dict[str, Any]:
    """``screening_versions(index=idx)``, copied from the versions kept for the index
    screened last (made again when another index is screened or its ``meta`` names
    another normalisation or other snapshots). Raises :class:`IndexMismatchError`
    unless the index was built with this normalisation (checked when the versions are
    made: the normalisation version is fixed for the process, and the index's the
    same object as then).

    Every query's result carries them; making them anew (the normalisation version,
    the thresholds, the index's snapshots) cost about 2 % of screening a name. A new
    dict each call, its ``default_thresholds`` too, as :func:`screening_versions`
    gives (a caller may change its copy); the snapshots are the index's own list,
    as they always were.
    """
    global _VERSIONS
    meta = idx.meta
    norm = meta.get("normalization")
    snaps = meta.get("snapshots", _NO_SNAPSHOTS)
    kept = _VERSIONS
    if kept is None or kept[0]() is not idx or kept[1] is not norm or kept[2] is not snaps:
        idx.check_version(normalization_version())
        kept = _VERSIONS = (weakref.ref(idx), norm, snaps, screening_versions(index=idx))
    out = kept[3].copy()
    out["default_thresholds"] = default_thresholds()
    if snaps is _NO_SNAPSHOTS:
        out["snapshots"] = []  # (a new list each time, as ``meta.get`` gave)
    return out


# --- batch

_WORKER_INDEX: Index | None = None
_WORKER_OPTS: dict[str, Any] = {}


def _screen_row(row: dict[str, Any]) -> dict[str, Any]:
    assert _WORKER_INDEX is not None
    res = screen_party(
        str(row["name"]),
        country=row.get("country") or None,
        type=row.get("type") or None,
        address=row.get("address") or None,
        identifier=row.get("identifier") or None,
        index=_WORKER_INDEX,
        **_WORKER_OPTS,
    )
    return {"id": row.get("id"), "matches": [m.to_dict() for m in res.matches]}


def screen_batch(
    rows: Sequence[dict[str, Any]],
    workers: int | None = None,
    *,
    index: Index | None = None,
    store: Store | None = None,
    min_score: float | None = None,
    limit: int = 10,
    sources: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Screen many rows (``{"id", "name", "country"?, "type"?, "address"?, "identifier"?}``).

    Yields the results in input order.

    Every row is checked first; a bad row raises :class:`InputError` naming it, before
    any work. ``workers`` > 1 uses that many processes (default: all cores).
    """
    for i, row in enumerate(rows, start=1):
        where = f"row {row.get('_line', i)}" + (
            f" (id {row.get('id')})" if row.get("id") not in (None, "") else ""
        )
        check_query_name(row.get("name"), where=where)
        try:
            _check_country(row.get("country"))
            _check_type(row.get("type"))
            check_address(row.get("address"))
            check_identifier(row.get("identifier"))
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    global _WORKER_INDEX, _WORKER_OPTS
    _WORKER_INDEX = _resolve_index(store, index)
    if any(row.get("address") for row in rows):
        rarity_for(_WORKER_INDEX)  # counted once, before the workers fork
    _WORKER_OPTS = {"min_score": min_score, "limit": limit, "sources": sources}
    # The same party often appears on many rows: each distinct (name, country, type,
    # address, identifier) is screened once, its result given to every row that has it.
    keys = [_row_key(row) for row in rows]
    first: dict[tuple[str, ...], int] = {}
    uniques: list[dict[str, Any]] = []
    left: list[int] = []  # rows still to be given each unique party's result
    for row, key in zip(rows, keys, strict=True):
        u = first.get(key)
        if u is None:
            first[key] = u = len(uniques)
            uniques.append(row)
            left.append(0)
        left[u] += 1
    held: dict[int, list[dict[str, Any]]] = {}  # results not yet given to every row
    done = 0
    stream = _screen_uniques(uniques, workers or os.cpu_count() or 1)
    for row, key in zip(rows, keys, strict=True):
        u = first[key]
        while done <= u:
            held[done] = next(stream)
            done += 1
        matches = held[u]
        left[u] -= 1
        if left[u] == 0:
            del held[u]
        yield {"id": row.get("id"), "matches": matches}
        if progress:
            progress(1)


def _row_key(row: dict[str, Any]) -> tuple[str, ...]:
    return (
        " ".join(str(row.get("name")).split()).casefold(),
        str(row.get("country") or "").strip().upper(),
        str(row.get("type") or "").strip().lower(),
        " ".join(str(row.get("address") or "").split()),
        " ".join(str(row.get("identifier") or "").split()),
    )


def _screen_uniques(rows: list[dict[str, Any]], n_workers: int) -> Iterator[list[dict[str, Any]]]:
    """Matches of each row, in order, on ``n_workers`` processes (forked: they share the index)."""
    if n_workers > 1 and len(rows) >= 200:
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: one process
            ctx = None
        if ctx is not None:
            with ctx.Pool(n_workers) as pool:
                for out in pool.imap(_screen_row, rows, chunksize=64):
                    yield out["matches"]
            return
    for row in rows:
        yield _screen_row(row)["matches"]


__all__ = [
    "BATCH_COLUMNS",
    "Match",
    "ScreenResult",
    "build_index",
    "check_query_name",
    "compare_names",
    "default_min_score",
    "default_thresholds",
    "index_for_store",
    "index_from_list_file",
    "read_screen_rows",
    "screen_batch",
    "screen_party",
    "screening_versions",
    "strong_score",
]
