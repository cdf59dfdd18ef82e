from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tradecheck.entity import EntityType
from tradecheck.errors import InputError
from tradecheck.match.index import Index
from tradecheck.screening import (
    build_index,
    compare_names,
    default_min_score,
    default_thresholds,
    index_for_store,
    screen_batch,
    screen_party,
    screening_versions,
)
from tradecheck.store import open_store

from .match.conftest import ENTITIES, make


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(ENTITIES)


def top(name: str, index: Index | None, **kw: object) -> str | None:
    res = screen_party(name, index=index, **kw)  # type: ignore[arg-type]
    return res.matches[0].entity_id if res.matches else None


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("华为技术有限公司", "el-huawei"),
        ("Hua Wei Ji Shu", "el-huawei"),
        ("海光信息技术股份有限公司", "el-higon"),
        ("中芯国际", "el-smic"),
        ("SMIC", "el-smic"),
        ("Владимир Владимирович Путин", "sdn-putin"),
        ("Vladimir Putin", "sdn-putin"),
        ("Jong Un Kim", "un-kim"),
        ("习近平", "sdn-xi"),
        ("Gazprom Telekom LLC", "sdn-gazprom"),
        ("洛克希德·马丁公司", "cn-lm"),
        ("Lockheed Martin Corp", "cn-lm"),
    ],
)
def test_finds_listed_party(query: str, want: str, index: Index) -> None:
    assert top(query, index) == want


@pytest.mark.parametrize(
    "query", ["Patricia Lucas Wheeler", "Acme Trading GmbH", "Bank of Nova Scotia", "Li Ming"]
)
def test_innocent_names_do_not_match(query: str, index: Index) -> None:
    assert screen_party(query, index=index).matches == []


def test_result_shape_is_the_cli_contract(index: Index) -> None:
    d = screen_party("Huawei Technologies", country="CN", index=index).to_dict()
    assert set(d) >= {"query", "matches"}
    assert d["query"]["name"] == "Huawei Technologies" and d["query"]["country"] == "CN"
    m = d["matches"][0]
    for key in ("entity_id", "source", "name", "matched_name", "score", "countries", "explain"):
        assert key in m
    assert 0.0 <= m["score"] <= 1.0
    ex = m["explain"]
    assert ex["tokens"] and ex["features"] and ex["algorithm"].startswith("tc-name/")
    assert {"name": "country", "delta": 0.03, "reason": "country agrees: CN"} in ex["evidence"]


def test_matches_best_first_and_limited(index: Index) -> None:
    res = screen_party(
        "China Electronics Technology Group Corporation", index=index, min_score=0.3, limit=1
    )
    assert len(res.matches) == 1
    res = screen_party(
        "China Electronics Technology Group 13th Research Institute", index=index, min_score=0.3
    )
    scores = [m.score for m in res.matches]
    assert scores == sorted(scores, reverse=True)
    assert res.matches[0].entity_id == "el-cetc13"


def test_sources_filter(index: Index) -> None:
    assert top("Vladimir Putin", index, sources=["EL"]) is None
    assert top("Vladimir Putin", index, sources=["sdn"]) == "sdn-putin"


def test_country_and_identifier_are_evidence(index: Index) -> None:
    base = screen_party("Vladimir Putin", index=index).matches[0].score
    other = screen_party("Vladimir Putin", index=index, country="FR", min_score=0).matches[0]
    assert other.score < base
    ident = screen_party("Vladimir Putin", index=index, identifier="ab123456").matches[0]
    assert any(e["name"] == "identifier" for e in ident.explain["evidence"])


def test_type_mismatch_lowers(index: Index) -> None:
    as_person = screen_party("Bank Melli Iran", index=index).matches[0].score
    as_wrong = screen_party("Bank Melli Iran", index=index, type="person", min_score=0)
    assert as_wrong.matches[0].score < as_person


def test_min_score_changes_what_is_reported(index: Index) -> None:
    assert screen_party("Hangzhou Hikvision", index=index, min_score=0.99).matches == []
    assert screen_party("Hangzhou Hikvision", index=index, min_score=0.5).matches


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty name"),
        ("   \t ", "empty name"),
        ("x" * 100_000, "100000 characters"),
        ("Huawei\x00Tech", r"control character U\+0000"),
    ],
)
def test_bad_names_are_clear_errors(name: str, message: str, index: Index) -> None:
    with pytest.raises(InputError, match=message):
        screen_party(name, index=index)


def test_bad_options_are_clear_errors(index: Index) -> None:
    with pytest.raises(InputError, match="ISO 3166"):
        screen_party("Huawei", index=index, country="China")
    with pytest.raises(InputError, match="person, org"):
        screen_party("Huawei", index=index, type="robot")
    with pytest.raises(InputError, match="unknown list code FOO"):
        screen_party("Huawei", index=index, sources=["EL", "foo"])
    with pytest.raises(InputError, match=r"outside 0\.\.1"):
        screen_party("Huawei", index=index, min_score=2)


def test_punctuation_only_and_mixed_script_are_sensible(index: Index) -> None:
    res = screen_party("!!!", index=index)
    assert res.matches == [] and "nothing to match" in res.query["note"]
    assert top("华为 Technologies Co., Ltd.", index) == "el-huawei"


def test_compare_names_explains() -> None:
    out = compare_names("華為技術有限公司", "Huawei Technologies Co., Ltd.")
    assert out["score"] >= 0.9 and out["match"] is True
    assert out["threshold"] == default_min_score("organization")
    assert out["scored_as"] == "organization"
    assert out["explain"]["tokens"]


def test_versions_name_algorithm_and_snapshots(index: Index) -> None:
    v = screening_versions(index=index)
    assert v["matcher"] == "tc-name" and v["normalization"].startswith("tc-norm-")


def test_thresholds_read_once_are_a_new_dict_for_every_caller(index: Index) -> None:
    # The calibration table is read once; a caller changing its copy (a result's
    # query, the versions) changes nobody else's.
    first = screen_party("Huawei", index=index)
    first.query["thresholds"]["person"] = 0.0
    first.versions["default_thresholds"]["organization"] = 0.0
    changed = default_thresholds()
    changed["organization"] = 0.0
    again = screen_party("Huawei", index=index)
    assert (
        again.query["thresholds"]
        == default_thresholds()
        == screening_versions()["default_thresholds"]
    )
    assert 0.0 not in default_thresholds().values()
    assert default_min_score("person") == default_thresholds()["person"] > 0.0


def test_batch_keeps_input_order_and_names_bad_rows(index: Index) -> None:
    rows = [{"id": str(i), "name": n} for i, n in enumerate(["Huawei", "Nobody Inc", "SMIC"])]
    out = list(screen_batch(rows, 1, index=index))
    assert [o["id"] for o in out] == ["0", "1", "2"]
    assert out[0]["matches"] and not out[1]["matches"] and out[2]["matches"]
    with pytest.raises(InputError, match=r"row 2 .*empty name"):
        list(screen_batch([{"id": "a", "name": "x"}, {"id": "b", "name": " "}], 1, index=index))


def test_batch_on_several_workers_matches_one(index: Index) -> None:
    rows = [{"id": str(i), "name": ["Huawei", "Putin Vladimir", "Acme"][i % 3]} for i in range(300)]
    one = list(screen_batch(rows, 1, index=index))
    two = list(screen_batch(rows, 2, index=index))
    assert one == two


def test_store_without_lists_says_what_to_do(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(InputError, match="lists update"):
        screen_party("Huawei", store=store)


def test_index_from_store_is_persisted_and_reused(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    store = open_store(f"sqlite:///{db}")
    store.write_snapshot("custom", ENTITIES, data_date=None, file_hash="x", format="test")
    assert top("Hikvision Digital Technology", index_for_store(store)) == "el-hik"
    files = list(tmp_path.glob("s.sqlite.index-*.pkl"))
    assert len(files) == 1
    assert top("Hikvision Digital Technology", None, store=store) == "el-hik"
    v = screening_versions(store=store)
    assert v["snapshots"][0]["dataset"] == "custom" and v["snapshots"][0]["content_hash"]


_names = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), max_codepoint=0x9FFF),
    min_size=2,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_names, min_size=1, max_size=4).map(" ".join))
@example("华为技术有限公㞓")
def test_a_listed_name_always_finds_itself(name: str) -> None:
    ents = [*ENTITIES, make("target", name, type=EntityType.UNKNOWN)]
    idx = build_index(ents)
    res = screen_party(name, index=idx, limit=50)
    # (A listing whose name key meets another's on the same list is reported once,
    # naming the other in also_in: "华为技术有限公㞓" is Huawei Technologies' key.)
    ids = {m.entity_id for m in res.matches}
    ids.update(a["entity_id"] for m in res.matches for a in m.also_in)
    if res.query.get("normalized"):
        assert "target" in ids


def test_batch_screens_repeated_parties_once(index: Index) -> None:
    rows = [
        {"id": "a", "name": "Huawei"},
        {"id": "b", "name": " huawei "},
        {"id": "c", "name": "SMIC"},
        {"id": "d", "name": "Huawei", "country": "CN"},
    ]
    out = list(screen_batch(rows, 1, index=index))
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert out[0]["matches"] and out[3]["matches"]
    assert out[2]["matches"][0]["entity_id"] == "el-smic"


def test_pinyin_of_a_curated_chinese_name_finds_the_english_listing(index: Index) -> None:
    res = screen_party("Haikang Weishi", index=index)
    assert res.matches[0].entity_id == "el-hik"
    assert "002415" in res.matches[0].explain["via"]


def test_emoji_and_parenthetical_legal_forms_are_not_names(index: Index) -> None:
    assert top("😀 Huawei 🚀", index) == "el-huawei"
    idx = build_index([make("llc", "Asia Energy General Trading (LLC)")])
    assert screen_party("Limited Liability Company", index=idx).matches == []


def test_compare_takes_the_second_name_as_listed_like_screen() -> None:
    # Screening also matches a listed name without its bracketed qualifier, less a
    # small penalty per qualifier word: compare gives the same score.
    out = compare_names("Huawei Technologies Co., Ltd.", "Huawei Technologies (UK) Co., Ltd.")
    assert out["score"] == 0.98 and out["match"]
    feats = {f["name"]: f for f in out["explain"]["features"]}
    assert feats["qualifier_dropped"]["value"] == -0.02
    assert "uk" in feats["qualifier_dropped"]["reason"]
    assert out["explain"]["matched_form"] == "Huawei Technologies Co., Ltd."
    # A bracketed acronym is a name of the listing: no penalty.
    smic = compare_names("SMIC", "Semiconductor Manufacturing International Corporation (SMIC)")
    assert smic["score"] == 1.0
    # The first name is the query: its own brackets are kept, as screen keeps them;
    # a place in them weighs little (a branch), a distinctive word would not.
    branch = compare_names("Deutsche Bank (Schweiz) AG", "Deutsche Bank AG")
    assert 0.8 <= branch["score"] < 0.95
    assert compare_names("Deutsche Bank (Zurich Trust) AG", "Deutsche Bank AG")["score"] < 0.8
    # Two places, one in each name: two branches.
    other = compare_names("Bank of China (Hong Kong) Limited", "Bank of China (Singapore) Limited")
    assert other["score"] < 0.8
    reasons = [f["reason"] for f in other["explain"]["features"]]
    assert any("another place" in r for r in reasons)
