"""The screening loop over a query's candidates, compiled: each entity's best record.

:func:`tradecheck.screening.screen_party` asks the index for each query form's
candidate records and scores those that may reach the threshold. That loop runs
for every candidate of every query, so it lives here, in a module compiled with
mypyc (``native.COMPILED``): the per-candidate tests (estimate floor, list filter,
person or organisation scoring, the length bound) and the bookkeeping of the best
record per entity cost less in C than in the interpreter. The matches themselves
(evidence, explanation) are made by ``screen_party`` from what this returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradecheck.entity import EntityType
from tradecheck.match.bound import aligned_bound, hopeless
from tradecheck.match.listing import qualifier_penalty
from tradecheck.match.normalize import NameForm
from tradecheck.match.score import PairScore, align, score_aligned

if TYPE_CHECKING:
    from tradecheck.match.index import Index

#: Token classes that make a name an organisation's when the types say nothing.
ORG_CLASSES = frozenset({"legal", "generic"})
# (Plain strings: an Enum member's ``.value`` is a descriptor call, on every candidate.)
_PERSON: str = EntityType.PERSON.value
_UNKNOWN: str = EntityType.UNKNOWN.value

#: A candidate entity's best record: (name score less the qualifier penalty, rounded;
#: record; its pair score; the threshold it must reach; the penalty; the qualifier words).
Best = tuple[float, int, PairScore, float, float, list[str]]


def is_person(
    query_type: str | None, entity_type: str, query_org_words: bool, record: NameForm
) -> bool:
    """Score as a person? The listing's type decides; else the query's; else the words."""
    if entity_type == _PERSON:
        return True
    if entity_type != _UNKNOWN:
        return False
    if query_type is not None:
        return query_type == "person"
    return not query_org_words and all(c not in ORG_CLASSES for c in record.classes)


def best_records(
    idx: Index,
    forms: list[NameForm],
    k: int,
    floor: float,
    sources: set[str] | None,
    query_type: str | None,
    person_needed: float,
    org_needed: float,
    lift: float,
) -> dict[int, Best]:
    """Each candidate entity's best-scored record over the query's ``forms``.

    ``k`` candidates per form (:meth:`Index.candidates`); a record whose key overlap
    is below ``floor`` or whose list is not among ``sources`` (upper case; all when
    None) is not scored, nor one whose alignment keeps its score plus ``lift``
    below the lowest threshold (``person_needed`` or ``org_needed``) its entity's
    records may have (:func:`~tradecheck.match.bound.aligned_bound`: it could not be
    reported), nor, for an entity of unknown type scored by the words, one whose
    length alone keeps it below its own (:func:`~tradecheck.match.bound.hopeless`).
    An entity's records are compared by their rounded score less the qualifier
    penalty; the first of equals is kept. Entities in the order first scored, and
    only those whose best record may reach its threshold are sure to be there.
    """
    org_words = False
    for f in forms:
        for c in f.classes:
            if c in ORG_CLASSES:
                org_words = True
    rec_entity = idx.rec_entity
    rec_forms = idx.record_forms()
    ent_source = idx.ent_source
    ent_type = idx.ent_type
    best: dict[int, Best] = {}
    least_any = min(person_needed, org_needed)
    for form in forms:
        for est, r in idx.candidates(form, k):
            if est < floor:
                continue
            ei: int = rec_entity[r]
            if sources is not None and ent_source[ei].upper() not in sources:
                continue
            rec_form = rec_forms[r]
            person = is_person(query_type, ent_type[ei], org_words, rec_form)
            needed = person_needed if person else org_needed
            # The entity's best record is reported only if it reaches its threshold;
            # a record whose score cannot reach the lowest threshold any record of
            # the entity may have can neither be reported nor keep another from
            # being: it is not scored (the features are not worked out). The records
            # of an entity of unknown type are scored by their words (``mixed``) as
            # persons or organisations, with two thresholds: one whose length alone
            # keeps it below its own is not aligned either (bound.hopeless), so that
            # it keeps no other from being reported.
            mixed = query_type is None and ent_type[ei] == _UNKNOWN
            if mixed and hopeless(form, rec_form, person=person, needed=needed, lift=lift):
                continue
            al = align(form, rec_form, person)
            if aligned_bound(al) + lift + 1e-4 < (least_any if mixed else needed):
                continue
            ps = score_aligned(al, form, rec_form)
            # A record shortened by a bracketed qualifier the query lacks ranks a
            # little below the listing that carries the queried name as it stands.
            pen = 0.0
            words: list[str] = []
            if ps.score + lift >= needed:  # (a penalty only lowers a score)
                pen, words = qualifier_penalty(idx, r, form, ps.score)
            sc = round(ps.score - pen, 4)
            cur = best.get(ei)
            if cur is None or sc > cur[0]:
                best[ei] = (sc, r, ps, needed, pen, words)
    return best


__all__ = ["ORG_CLASSES", "Best", "best_records", "is_person"]
