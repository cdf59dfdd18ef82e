"""What screening does around the scoring, made cheaper, gives what it always gave.

The evidence skipped when the query gives no fact, the versions copied from those
kept for the last index, the checks skipped for absent arguments: each compared
with the straightforward way (every evidence feature run, ``screening_versions``
called, every check made).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.entity import Address, EntityType, Name
from tradecheck.errors import InputError
from tradecheck.match.address import query_address, rarity_for
from tradecheck.match.checks import _CONTROL, check_query_name
from tradecheck.match.evidence import (
    EVIDENCE,
    ORDERING,
    Listed,
    QueryFacts,
    apply_evidence,
)
from tradecheck.match.index import Index
from tradecheck.match.listing import qualifier_penalty, qualifier_tokens
from tradecheck.match.normalize import MAX_QUERY_CHARS, normalize_name
from tradecheck.screening import build_index, default_thresholds, screen_party, screening_versions

from .conftest import make


def _reference_evidence(
    facts: QueryFacts, entity: Listed, matched: str, name_score: float, needed: float
) -> tuple[float, list[dict[str, Any]]] | None:
    """:func:`apply_evidence` as it was: every feature run."""
    score = name_score
    used: list[dict[str, Any]] = []
    for fn in EVIDENCE:
        delta, reason = fn(facts, entity, matched)
        if reason:
            used.append({"name": fn.__name__, "delta": delta, "reason": reason})
        score += delta
    if score < needed:
        return None
    for fn in ORDERING:
        delta, reason = fn(facts, entity, matched)
        if not reason:
            continue
        if score + delta < needed:
            delta = round(needed - score, 4)
            reason += "; kept at the threshold"
        used.append({"name": fn.__name__, "delta": delta, "reason": reason})
        score += delta
    return round(min(1.0, max(0.0, score)), 4), used


def _index() -> Index:
    weak = make("sdn-weak", "Orion Trading", countries=("RU",), ids=(("Registration", "77"),))
    weak.aliases = [Name("Orion Trd", quality="weak")]
    weak.addresses = [Address(city="Kazan", country="RU")]
    person = make("un-person", "Ivan Petrov", type=EntityType.PERSON, source="UN")
    unknown = make("x-unknown", "Orion", type=EntityType.UNKNOWN)
    bare = make("el-bare", "Orion Trading Co")
    return build_index([weak, person, unknown, bare])


def test_evidence_without_query_facts_is_the_same_as_every_feature_run() -> None:
    idx = _index()
    rarity = rarity_for(idx)
    countries = (None, "", "RU", "CN")
    types = (None, "person", "org")
    idents = (None, "77", "78")
    addresses = (None, query_address("Kazan", rarity), query_address("Paris", rarity))
    for ei in range(len(idx.entities)):
        listed = Listed(idx.entities, ei, idx.ent_type[ei])
        for matched in {idx.rec_raw[r] for r in range(len(idx.rec_raw))} | {"Orion Trd"}:
            for c, t, i, a in itertools.product(countries, types, idents, addresses):
                facts = QueryFacts(c, t, i, a)
                for score, needed in ((0.9, 0.8), (0.81, 0.8), (0.5, 0.8), (1.0, 1.0)):
                    got = apply_evidence(facts, listed, matched, score, needed)
                    want = _reference_evidence(facts, listed, matched, score, needed)
                    assert got == want, (facts, ei, matched, score, needed)


def test_a_weak_alias_is_evidence_when_the_query_gives_nothing_else() -> None:
    idx = _index()
    m = screen_party("Orion Trd", index=idx, min_score=0.5).matches
    weak = next(x for x in m if x.entity_id == "sdn-weak")
    assert [e["name"] for e in weak.explain["evidence"]] == ["weak_alias"]


def test_versions_are_those_screening_versions_gives_a_new_dict_each_time() -> None:
    idx = _index()
    first = screen_party("Orion Trading", index=idx)
    second = screen_party("Orion Trading", index=idx)
    assert first.versions == second.versions == screening_versions(index=idx)
    assert list(first.versions) == list(screening_versions(index=idx))
    assert first.versions is not second.versions
    assert first.versions["default_thresholds"] is not second.versions["default_thresholds"]
    # An index without snapshots gives each result a list of its own.
    snaps = first.versions["snapshots"]
    assert snaps == [] and snaps is not second.versions["snapshots"]
    first.versions["default_thresholds"]["person"] = 0.0
    first.versions["snapshots"].append({"dataset": "x"})
    third = screen_party("Orion Trading", index=idx)
    assert third.versions == screening_versions(index=idx)


def test_versions_follow_the_index_and_its_meta() -> None:
    a, b = _index(), _index()
    b.meta["snapshots"] = [{"dataset": "b", "content_hash": "h", "data_date": None}]
    for idx in (a, b, a, b):
        assert screen_party("Orion Trading", index=idx).versions == screening_versions(index=idx)
    a.meta["snapshots"] = [{"dataset": "a2", "content_hash": "h2", "data_date": None}]
    got = screen_party("Orion Trading", index=a).versions
    assert got["snapshots"][0]["dataset"] == "a2" and got == screening_versions(index=a)
    a.meta["snapshots"][0]["dataset"] = "a3"  # (the index's own list, as before)
    assert screen_party("Orion Trading", index=a).versions["snapshots"][0]["dataset"] == "a3"
    a.meta["normalization"] = "tc-norm-0+000000000000"
    with pytest.raises(Exception, match="normalisation"):
        screen_party("Orion Trading", index=a)


@pytest.mark.parametrize(
    ("kwargs", "extra"),
    [
        ({}, {}),
        ({"country": "", "type": "", "address": "", "identifier": ""}, {}),
        ({"country": " ru ", "type": "Company"}, {"country": "RU", "type": "org"}),
        ({"identifier": " 77 ", "address": "Kazan  RU"}, {}),
        ({"min_score": 0.5, "limit": 3, "sources": ["sdn", " un "]}, {}),
    ],
)
def test_the_query_is_what_it_always_was(kwargs: dict[str, Any], extra: dict[str, Any]) -> None:
    idx = _index()
    res = screen_party("  Orion   Trading ", index=idx, **kwargs)
    q = res.query
    ms = kwargs.get("min_score")
    src = kwargs.get("sources")
    want: dict[str, Any] = {
        "name": "Orion Trading",
        "country": extra.get("country"),
        "type": extra.get("type"),
        "sources": sorted({s.strip().upper() for s in src}) if src else None,
        "min_score": ms,
        "thresholds": default_thresholds() if ms is None else {"person": ms, "organization": ms},
        "limit": kwargs.get("limit", 10),
    }
    if kwargs.get("identifier"):
        want["identifier"] = "77"
    if kwargs.get("address"):
        want["address"] = "Kazan RU"
    want["normalized"] = q["normalized"]
    assert q == want and list(q) == list(want)
    assert q["thresholds"] is not res.versions["default_thresholds"]


def test_bad_arguments_are_still_refused() -> None:
    idx = _index()
    for kwargs in ({"country": "RUS"}, {"type": "ship"}, {"address": "x" * 501}):
        with pytest.raises(Exception, match=r"country|type|address"):
            screen_party("Orion", index=idx, **kwargs)


def _reference_check(name: str) -> str:
    """:func:`check_query_name` as it was (a strip, then a search for a control character)."""
    if not name.strip():
        raise InputError("name: empty name")
    if len(name) > MAX_QUERY_CHARS:
        raise InputError(f"name: name is {len(name)} characters long (limit {MAX_QUERY_CHARS})")
    bad = _CONTROL.search(name)
    if bad is not None:
        raise InputError(f"name: control character U+{ord(bad.group()):04X} in name")
    return " ".join(name.split())


def _outcome(fn: Callable[[str], str], name: str) -> str:
    try:
        return "ok: " + fn(name)
    except InputError as exc:
        return f"error: {exc}"


_SPACES_AND_CONTROLS = " \t\n\x0b\x1c\x85\xa0\u2028\u3000\x00\x7f\x9fab华"


@given(st.text(alphabet=st.sampled_from(_SPACES_AND_CONTROLS), max_size=8))
def test_name_check_is_the_same_on_white_space_and_control_characters(name: str) -> None:
    assert _outcome(check_query_name, name) == _outcome(_reference_check, name)


@given(st.text(max_size=30))
def test_name_check_is_the_same_on_any_text(name: str) -> None:
    assert _outcome(check_query_name, name) == _outcome(_reference_check, name)


def test_the_qualifier_penalty_is_the_same_as_from_qualifier_tokens() -> None:
    idx = build_index(
        [
            make("el-sub", "Huawei Technologies (Ruritania) Co., Ltd."),
            make("el-branch", "Bank of China (Hong Kong)"),
            make("el-plain", "Acme Rocket Works"),
        ]
    )
    queries = ["Huawei Technologies Co Ltd", "Huawei Ruritania", "Bank of China Singapore", "Acme"]
    for q in queries:
        form = normalize_name(q)[0]
        for r in range(len(idx.rec_raw)):
            words = [t for t in qualifier_tokens(idx, r) if t not in form.tset]
            got = qualifier_penalty(idx, r, form, 0.9)
            if not words:
                assert got == (0.0, [])
            else:
                assert got[1] == words and got[0] > 0.0
