"""The compiled screening loop: which records it scores and which it keeps per entity."""

from __future__ import annotations

from tradecheck.entity import EntityType
from tradecheck.match.normalize import NameForm, normalize_name
from tradecheck.match.score import score_forms
from tradecheck.match.shortlist import best_records, is_person
from tradecheck.screening import build_index

from .conftest import ENTITIES, make

PERSON = EntityType.PERSON.value
ORG = EntityType.ORGANIZATION.value
UNKNOWN = EntityType.UNKNOWN.value


def _form(name: str) -> NameForm:
    return normalize_name(name)[0]


def test_the_listing_type_decides_then_the_query_type_then_the_words() -> None:
    plain, legal = _form("John Smith"), _form("Smith Holdings Ltd")
    assert is_person(None, PERSON, True, legal)
    assert not is_person("person", ORG, False, plain)
    assert is_person("person", UNKNOWN, True, legal)
    assert not is_person("org", UNKNOWN, False, plain)
    assert is_person(None, UNKNOWN, False, plain)
    assert not is_person(None, UNKNOWN, False, legal)  # the record's words
    assert not is_person(None, UNKNOWN, True, plain)  # the query's words


def _best(name: str, **kw: object) -> dict[int, tuple[float, int, object, float, float, list[str]]]:
    idx = build_index(ENTITIES)
    args: dict[str, object] = {
        "k": 10,
        "floor": 0.0,
        "sources": None,
        "query_type": None,
        "person_needed": 0.5,
        "org_needed": 0.5,
        "lift": 0.0,
    }
    args.update(kw)
    return {
        int(idx.entities[ei].id == "el-huawei"): v
        for ei, v in best_records(idx, normalize_name(name), **args).items()  # type: ignore[arg-type]
    }


def test_the_best_record_of_each_entity_with_its_score_and_threshold() -> None:
    got = _best("Huawei Technologies Co Ltd")
    sc, r, ps, needed, pen, words = got[1]
    assert sc == 1.0 and needed == 0.5 and pen == 0.0 and words == []
    idx = build_index(ENTITIES)
    want = score_forms(_form("Huawei Technologies Co Ltd"), idx.record_form(r), person=False)
    assert ps.score == want.score  # type: ignore[attr-defined]


def test_floor_sources_and_thresholds_keep_records_from_being_scored() -> None:
    assert _best("Huawei Technologies Co Ltd", floor=1.1) == {}
    assert _best("Huawei Technologies Co Ltd", sources={"SDN"}) == {}
    assert 1 in _best("Huawei Technologies Co Ltd", sources={"EL"})
    # Out of reach whatever the alignment: not scored at all.
    assert _best("Huawei Technologies Co Ltd", org_needed=2.0) == {}


def test_an_entitys_records_are_compared_by_score_less_the_qualifier_penalty() -> None:
    idx = build_index([make("el-q", "Acme Trading (Dubai) LLC")])
    got = best_records(idx, normalize_name("Acme Trading LLC"), 10, 0.0, None, None, 0.5, 0.5, 0.0)
    ((sc, r, ps, _needed, pen, words),) = got.values()
    # The record without the qualifier scores 1.0, less 0.02 for "dubai": above the
    # full name's score, so kept, with its penalty and the word taken for it.
    assert ps.score == 1.0 and pen == 0.02 and sc == 0.98 and words == ["dubai"]
    assert idx.record_form(r).tokens == normalize_name("Acme Trading LLC")[0].tokens


def test_a_record_whose_alignment_cannot_reach_the_threshold_is_not_kept() -> None:
    # Every token has its match (the length bound lets it through), but one pair is
    # a typo: the alignment's bound is below 0.99, so the features are not worked out
    # and the entity is not among those kept.
    query = "Huawey Technologies Co Ltd"  # (0.931)
    assert 1 in _best(query, org_needed=0.9)
    assert 1 not in _best(query, org_needed=0.99)


#: Entities whose records are scored as persons or organisations by their words
#: (unknown type): the two thresholds meet within one entity.
MIXED = [
    *ENTITIES,
    make("x-acme", "Acme Smith", "Acme Smith Trading Ltd", "Acme Smyth", type=EntityType.UNKNOWN),
    make("x-ali", "Ali Hassan Rahimi", "Ali Hasan Holding Co", type=EntityType.UNKNOWN),
    make("x-star", "Star Light Ltd", "Starlight Ali", type=EntityType.UNKNOWN),
]


def _reference(idx, forms, query_type, person_needed, org_needed, lift):  # type: ignore[no-untyped-def]
    """The loop before the alignment bound: every record the length bound lets through
    is scored; each entity's best record."""
    from tradecheck.match.bound import hopeless
    from tradecheck.match.listing import qualifier_penalty

    org_words = any(c in ("legal", "generic") for f in forms for c in f.classes)
    best: dict[int, tuple[float, int, float, float]] = {}
    for form in forms:
        for _est, r in idx.candidates(form, 10):
            ei = idx.rec_entity[r]
            rf = idx.record_form(r)
            person = is_person(query_type, idx.ent_type[ei], org_words, rf)
            needed = person_needed if person else org_needed
            if hopeless(form, rf, person=person, needed=needed, lift=lift):
                continue
            ps = score_forms(form, rf, person=person)
            pen = 0.0
            if ps.score + lift >= needed:
                pen, _ = qualifier_penalty(idx, r, form, ps.score)
            sc = round(ps.score - pen, 4)
            if ei not in best or sc > best[ei][0]:
                best[ei] = (sc, r, needed, pen)
    return best


def test_the_entities_reported_are_those_of_the_long_way() -> None:
    # What screening reports of the best records (those at their threshold, less the
    # lift) is the same with the bound as without it, across thresholds of the two
    # kinds apart and together, the query's type given or not.
    idx = build_index(MIXED)
    queries = [
        "Acme Smith",
        "Acme Smit",
        "Acme Smith Trading",
        "Ali Hasan Rahimi",
        "Ali Hassan",
        "Ali Hasan Holding",
        "Star Light",
        "Starlight Ali Ltd",
        "Huawei Technology",
        "Vladimir Putin",
        "Kim Jong-un",
        "Bank Meli",
    ]
    n_reported = 0
    for name in queries:
        forms = normalize_name(name)
        for qtype in (None, "person", "org"):
            for pn in (0.5, 0.7, 0.8, 0.89, 0.95):
                for on in (0.5, 0.7, 0.8, 0.89, 0.95):
                    for lift in (0.0, 0.05):
                        got = best_records(idx, forms, 10, 0.0, None, qtype, pn, on, lift)
                        want = _reference(idx, forms, qtype, pn, on, lift)
                        got_r = {
                            ei: (v[0], v[1], v[3], v[4])
                            for ei, v in got.items()
                            if v[0] + lift >= v[3]
                        }
                        want_r = {
                            ei: (v[0], v[1], v[2], v[3])
                            for ei, v in want.items()
                            if v[0] + lift >= v[2]
                        }
                        assert got_r == want_r, (name, qtype, pn, on, lift)
                        n_reported += len(got_r)
    assert n_reported > 100
