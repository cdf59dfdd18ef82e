"""Address and identifier evidence in screening: the order of same-name listings.

Runs on entries of the bundled us-csl snapshot (the OFAC SDN addresses of
2025-12-24 joined into the CSL): two SDN entries named "ZHANG, Jian" (entity
numbers 21042, Shanghai and Dezhou; 52174, Dubai) and two named "LIMITED LIABILITY
COMPANY LEGION KOMPLEKT" (Moscow 127238 and Moscow 117312).
"""

from __future__ import annotations

from functools import cache

import pytest

from tradecheck.entity import Address, Entity
from tradecheck.lists.datasets import get_dataset
from tradecheck.match.index import Index
from tradecheck.screening import build_index, screen_party

from .conftest import make

NAMES = {"zhang, jian", "limited liability company legion komplekt", "feniks"}


@cache
def _bundled() -> tuple[Entity, ...]:
    found = tuple(
        e for e in get_dataset("us-csl").load_bundled().entities if e.name.casefold() in NAMES
    )
    for e in found:
        e.dataset = "us-csl"  # as the store gives them
    return found


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(_bundled())


def _sdn(index: Index, name: str, **kw: str) -> list[str]:
    res = screen_party(name, index=index, sources=["SDN"], **kw)  # type: ignore[arg-type]
    return [m.entity.source_key or "" for m in res.matches]


def test_the_bundle_holds_the_pairs() -> None:
    keys = {e.source_key for e in _bundled() if e.source == "SDN"}
    assert {"21042", "52174", "45946", "50427"} <= keys


def test_same_name_entries_of_one_list_are_two_listings(index: Index) -> None:
    assert sorted(_sdn(index, "Zhang Jian")) == ["21042", "52174"]


def test_a_city_puts_the_listing_there_first(index: Index) -> None:
    assert _sdn(index, "Zhang Jian")[0] == "21042"  # without an address: by id
    assert _sdn(index, "Zhang Jian", address="Dubai") == ["52174", "21042"]
    assert _sdn(index, "Zhang Jian", address="Shanghai") == ["21042", "52174"]


def test_a_city_in_chinese_meets_the_english_listing(index: Index) -> None:
    res = screen_party("张健", index=index, sources=["SDN"], address="上海市")
    first = res.matches[0]
    assert first.entity.source_key == "21042"
    assert any(e["reason"] == "address agrees: city Shanghai" for e in first.explain["evidence"])
    assert res.query["address"] == "上海市"


def test_a_postal_code_orders_two_listings_in_one_city(index: Index) -> None:
    name = "Limited Liability Company Legion Komplekt"
    assert _sdn(index, name, address="Moscow 117312") == ["50427", "45946"]
    assert _sdn(index, name, address="Moscow, 127238") == ["45946", "50427"]
    res = screen_party(name, index=index, sources=["SDN"], address="Moscow 117312")
    reasons = [e["reason"] for m in res.matches for e in m.explain["evidence"]]
    assert reasons == [
        "address agrees: city Moscow, postal 117312",
        "address agrees: city Moscow; postal differs: 127238 listed",
    ]


def test_an_address_that_differs_lowers_a_little_and_never_removes(index: Index) -> None:
    base = screen_party("Feniks", index=index, sources=["SDN"]).matches
    res = screen_party("Feniks", index=index, sources=["SDN"], address="Vladivostok").matches
    assert len(res) == len(base) == 2
    for m in res:
        assert m.score == pytest.approx(1.0 - 0.03)
        assert m.explain["evidence"][-1]["reason"].startswith("address differs: Vladivostok vs")


def _keyed(eid: str, key: str, reg: str) -> Entity:
    e = make(eid, "Orion Trading LLC", ids=(("Registration", reg),))
    e.source_key, e.dataset = key, "custom"
    return e


ENTITIES = [_keyed("a-1", "1", "RU-1027700132195"), _keyed("a-2", "2", "RU-5087746390353")]


def test_an_identifier_orders_two_listings_with_the_same_name() -> None:
    idx = build_index(ENTITIES)
    ids = [m.entity_id for m in screen_party("Orion Trading", index=idx).matches]
    assert ids == ["a-1", "a-2"]
    got = screen_party("Orion Trading", index=idx, identifier="ru 5087746390353").matches
    assert [m.entity_id for m in got] == ["a-2", "a-1"]
    assert got[0].explain["evidence"][0]["reason"].startswith("identifier agrees")
    assert got[1].explain["evidence"][0]["reason"] == (
        "identifier given; none of the listing's equals it"
    )


def test_an_address_never_lifts_a_candidate_over_the_threshold() -> None:
    ent = make("b-1", "Saransk Instrument Works", countries=("RU",))
    ent.addresses = [Address(city="Saransk 430004", street="Ul. Lenina 5", country="RU")]
    idx = build_index([ent])
    near = screen_party("Saransk Instrument", index=idx, min_score=0)
    name_score = near.matches[0].score
    assert name_score < 0.99
    above = name_score + 0.005
    q = {"index": idx, "min_score": above}
    assert screen_party("Saransk Instrument", **q).matches == []  # type: ignore[arg-type]
    both = screen_party("Saransk Instrument", address="ul. Lenina 5, Saransk 430004", **q)  # type: ignore[arg-type]
    assert both.matches == []


def test_an_address_that_differs_keeps_a_match_at_the_threshold() -> None:
    ent = make("c-1", "Saransk Instrument Works", countries=("RU",))
    ent.addresses = [Address(city="Saransk 430004", country="RU")]
    idx = build_index([ent])
    name_score = screen_party("Saransk Instrument", index=idx, min_score=0).matches[0].score
    got = screen_party("Saransk Instrument", index=idx, min_score=name_score, address="Omsk")
    assert got.matches[0].score == pytest.approx(name_score)
    assert got.matches[0].explain["evidence"][-1]["reason"].endswith("kept at the threshold")
