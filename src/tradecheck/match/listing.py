"""Listing-level adjustments of screening matches: qualifiers dropped, duplicate listings.

Two things the name score of one record cannot see:

* A listed name with a trailing qualifier in brackets ("Huawei Technologies (UK)
  Co., Ltd.") is also indexed without it (:func:`tradecheck.match.index.name_variants`),
  so that "Huawei Technologies Co., Ltd." finds the subsidiary. A match on that
  shortened record lowers the score a little for each distinctive qualifier word
  the query does not have, so the listing that carries the queried name as it
  stands ranks first and the subsidiary just below it (still reported).
* The same listing published in two datasets (the CMIC entry of a company in
  both ``us-csl`` and ``us-ofac-cons``) is one listing to a user: matches with
  the same list code and list key (``source_key``), or the same list code and
  normalised primary name, collapse into one, the newest dataset's entity kept
  and the others named in ``also_in``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from tradecheck.match.alternatives import listed_forms
from tradecheck.match.features import PLACES_DIFFER
from tradecheck.match.normalize import NameForm, normalize_name, normalize_text
from tradecheck.match.score import PairScore, compare
from tradecheck.match.tables import load_table, word_set
from tradecheck.match.variants import name_variants

if TYPE_CHECKING:
    from tradecheck.match.index import Index
    from tradecheck.match.results import Match


@cache
def _ranking() -> tuple[float, float]:
    raw = load_table("calibration.yaml").get("ranking") or {}
    return float(raw.get("qualifier_word_penalty", 0.02)), float(
        raw.get("qualifier_max_penalty", 0.04)
    )


def _is_acronym(inner: str, outer: str) -> bool:
    """Is ``inner`` (one word) an acronym of ``outer``: its letters in order among the
    initials of ``outer``'s words ("SMIC" for "Semiconductor Manufacturing
    International Corporation")?"""
    letters = [c for c in inner.lower() if c.isalnum()]
    if len(inner.split()) != 1 or len(letters) < 2:
        return False
    initials = iter(w[0] for w in normalize_text(outer).split())
    return all(ch in initials for ch in letters)


def qualifier_words(raw: str, kept: set[str]) -> tuple[str, ...]:
    """Distinctive words of ``raw``'s trailing bracketed qualifier not in ``kept`` (the
    tokens of the name without it); empty when the brackets hold an acronym of the
    name or share a word with it (then they are a name, not a qualifier)."""
    start, end = raw.rfind("("), raw.rfind(")")
    if not 0 < start < end:
        return ()
    inner = raw[start + 1 : end]
    outer = raw[:start] + " " + raw[end + 1 :]
    if kept & set(normalize_text(inner).split()) or _is_acronym(inner, outer):
        return ()
    return tuple(
        t
        for f in normalize_name(inner)[:1]
        for t, c in zip(f.tokens, f.classes, strict=True)
        if c in ("core", "number", "place") and t not in kept
    )


def _places_conflict(words: list[str], form: NameForm, kept: set[str] | frozenset[str]) -> bool:
    """Does the dropped qualifier name a place while the query names another one?

    ("Bank of China (Hong Kong)" for "Bank of China (Singapore)": two branches, not a
    branch and its parent.)"""
    places = word_set("places")
    if not any(w in places for w in words):
        return False
    return any(
        c == "place" and t not in kept for t, c in zip(form.tokens, form.classes, strict=True)
    )


def _penalty(
    words: list[str], form: NameForm, kept: set[str] | frozenset[str], score: float
) -> float:
    """The qualifier penalty: a little per word the query lacks; a branch's share of the
    score (score.PLACES_DIFFER) when the query names another place."""
    per, most = _ranking()
    pen = min(most, per * len(words))
    if _places_conflict(words, form, kept):
        pen = max(pen, score * (1.0 - PLACES_DIFFER))
    return pen


def qualifier_tokens(idx: Index, r: int) -> tuple[str, ...]:
    """Distinctive words of the bracketed qualifier record ``r`` was indexed without.

    Empty unless record ``r`` is a listed name shortened by dropping a trailing
    qualifier in brackets that is not an acronym of the name. (Found when the index
    is built: :attr:`~tradecheck.match.index.Index.rec_qualifiers`.)
    """
    return idx.rec_qualifiers.get(r, ())


def qualifier_feature(pen: float, words: list[str]) -> dict[str, Any]:
    """The explanation's feature for a match on a listed name without its qualifier."""
    reason = f"matched the listed name without its qualifier ({' '.join(words)})"
    if pen > _ranking()[1] + 1e-9:
        reason += ", and the query names another place"
    return {"name": "qualifier_dropped", "value": round(-pen, 4), "reason": reason}


def compare_listed(
    query: str, listed: str, *, person: bool | None = None
) -> tuple[PairScore | None, float, list[str]]:
    """Score ``query`` against a listed name as screening does: also against the forms
    the listed name implies (:func:`name_variants`: without its bracketed qualifier,
    its bracketed acronym; :func:`listed_forms`: the alternatives of a slash), less
    the qualifier penalty for a shortened form.

    Returns the best pair, the penalty taken and the qualifier words it was taken for.
    """
    best: PairScore | None = None
    best_score = -1.0
    best_pen, best_words = 0.0, list[str]()
    for k, variant in enumerate(listed_forms(name_variants(listed))):
        ps = compare(query, variant, person=person)
        if ps is None:
            continue
        pen, words = 0.0, list[str]()
        if k > 0:
            kept = set(ps.candidate.tokens)
            words = [t for t in qualifier_words(listed, kept) if t not in ps.query.tset]
            if words:
                pen = _penalty(words, ps.query, kept, ps.score)
        sc = round(ps.score - pen, 4)
        if sc > best_score:
            best, best_score, best_pen, best_words = ps, sc, pen, words
    return best, best_pen, best_words


def qualifier_penalty(idx: Index, r: int, form: NameForm, score: float) -> tuple[float, list[str]]:
    """The score taken off a match (of ``score``) on record ``r`` for qualifier words
    the query lacks."""
    qualifier = idx.rec_qualifiers.get(r)  # (qualifier_tokens; most records have none)
    if qualifier is None:
        return 0.0, []
    words = [t for t in qualifier if t not in form.tset]
    if not words:
        return 0.0, []
    return _penalty(words, form, set(idx.rec_tokens[r]), score), words


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """The key :func:`collapse_listings` groups listed names by (their normalised text)."""
    return normalize_text(name)


def _other_key(group: list[Match], key: str, dataset: str | None) -> bool:
    """Does ``group`` hold an entry of ``dataset`` under another list key than ``key``?

    Two SDN entries named "ZHANG, Jian" with entity numbers 21042 and 52174 are two
    people; the same name in two datasets (keys spelt by two publishers) is one.
    """
    for o in group:
        _, o_key, o_dataset = o.listing()
        if o_dataset == dataset and o_key and o_key != key:
            return True
    return False


def collapse_listings(matches: list[Match], data_dates: dict[str, str]) -> list[Match]:
    """One match per listing: duplicates across datasets merged into the newest dataset's.

    ``matches`` must be sorted best first. Two matches are the same listing when
    they have the same list code and the same list key, or the same list code and
    the same normalised primary name (unless one dataset gives them two different
    list keys: two entries of one list are two listings). The kept match shows the newest dataset's
    entity (by the snapshot's data date), the group's best score and explanation,
    and ``also_in`` naming the other datasets' entries. (Read from each match's
    :meth:`~tradecheck.match.results.Match.listing`: no entity is decoded.)
    """
    if len(matches) < 2:
        return matches
    per_source: dict[str, int] = {}
    for m in matches:
        per_source[m.source] = per_source.get(m.source, 0) + 1
    if max(per_source.values()) < 2:
        return matches  # each match on another list: nothing to collapse
    groups: list[list[Match]] = []
    by_key: dict[tuple[str, str, str], int] = {}
    dataset_of: dict[int, str | None] = {}
    for m in matches:
        if per_source[m.source] < 2:
            groups.append([m])
            continue
        name, key, dataset = m.listing()
        dataset_of[id(m)] = dataset
        keys = [("name", m.source, name_key(name))]
        if key:
            keys.append(("key", m.source, key))
        g = next((by_key[k] for k in keys if k in by_key), None)
        if g is not None and key and _other_key(groups[g], key, dataset):
            g = None  # one list's two entries under their own keys: two listings
        if g is None:
            g = len(groups)
            groups.append([])
        groups[g].append(m)
        for k in keys:
            by_key.setdefault(k, g)
    out: list[Match] = []
    for group in groups:
        best = group[0]
        if len(group) == 1:
            out.append(best)
            continue
        # Newest dataset first; among equals, the better score (stable: input order).
        keep = max(
            group,
            key=lambda m: (data_dates.get(dataset_of[id(m)] or "", ""), m.score),
        )
        also: list[dict[str, Any]] = [
            {
                "dataset": dataset_of[id(m)],
                "entity_id": m.entity_id,
                "score": m.score,
                "data_date": data_dates.get(dataset_of[id(m)] or ""),
            }
            for m in group
            if m is not keep
        ]
        keep.score = best.score
        if keep is not best:
            keep.explain = best.explain
            keep.matched_name = best.matched_name
        keep.also_in = also
        keep.explain["also_in"] = also
        out.append(keep)
    return out


__all__ = [
    "collapse_listings",
    "name_key",
    "qualifier_penalty",
    "qualifier_tokens",
    "qualifier_words",
]
