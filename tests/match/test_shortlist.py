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
    # Out of reach whatever the alignment (the length bound): not scored at all.
    assert _best("Huawei Technologies Co Ltd", org_needed=2.0) == {}


def test_an_entitys_records_are_compared_by_score_less_the_qualifier_penalty() -> None:
    idx = build_index([make("el-q", "Acme Trading (Dubai) LLC")])
    got = best_records(idx, normalize_name("Acme Trading LLC"), 10, 0.0, None, None, 0.5, 0.5, 0.0)
    ((sc, r, ps, _needed, pen, words),) = got.values()
    # The record without the qualifier scores 1.0, less 0.02 for "dubai": above the
    # full name's score, so kept, with its penalty and the word taken for it.
    assert ps.score == 1.0 and pen == 0.02 and sc == 0.98 and words == ["dubai"]
    assert idx.record_form(r).tokens == normalize_name("Acme Trading LLC")[0].tokens
