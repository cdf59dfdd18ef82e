from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tradecheck.entity import EntityType
from tradecheck.errors import IndexMismatchError
from tradecheck.match.abjad import MARK
from tradecheck.match.containers import Csr
from tradecheck.match.index import Index, name_variants
from tradecheck.match.normalize import normalize_name
from tradecheck.screening import build_index, screen_party

from .conftest import ENTITIES, make


def test_name_variants_from_trailing_parenthetical() -> None:
    assert name_variants("Semiconductor Manufacturing International Corporation (SMIC)") == [
        "Semiconductor Manufacturing International Corporation (SMIC)",
        "Semiconductor Manufacturing International Corporation",
        "SMIC",
    ]
    # A qualifier is not a name of its own.
    assert "Bolivia" not in name_variants("Huawei Technologies (Bolivia) S.R.L.")
    assert "Huawei Technologies S.R.L." in name_variants("Huawei Technologies (Bolivia) S.R.L.")


def test_candidates_do_not_score_every_name(index: Index) -> None:
    form = normalize_name("Hikvision Digital")[0]
    cands = index.candidates(form)
    ents = {index.entities[index.rec_entity[r]].id for _, r in cands}
    assert "el-hik" in ents
    assert len(cands) < len(index.entities)
    assert "sdn-putin" not in ents


def test_typo_and_joined_keys_find_candidates(index: Index) -> None:
    for q, want in (("Hikvisoin", "el-hik"), ("Hua Wei", "el-huawei"), ("KimJongUn", "un-kim")):
        cands = index.candidates(normalize_name(q)[0])
        assert want in {index.entities[index.rec_entity[r]].id for _, r in cands}, q


def test_index_round_trips_through_a_file(index: Index, tmp_path: Path) -> None:
    path = tmp_path / "idx.pkl"
    index.save(path)
    loaded = Index.load(path)
    assert loaded.meta == index.meta
    assert len(loaded.rec_raw) == len(index.rec_raw)


def test_index_refuses_other_normalisation(tmp_path: Path) -> None:
    idx = build_index([make("x", "Acme")])
    idx.meta["normalization"] = "tc-norm-0+000000000000"
    with pytest.raises(IndexMismatchError):
        idx.check_version("tc-norm-1+111111111111")
    path = tmp_path / "old.pkl"
    idx.save(path)
    with pytest.raises(IndexMismatchError):
        Index.load(path)


def test_common_tokens_do_not_flood_candidates() -> None:
    ents = [make(f"e{i}", f"Mohammad Person{i:05d}") for i in range(2000)]
    ents.append(make("target", "Mohammad Zarkari"))
    idx = build_index(ents)
    cands = idx.candidates(normalize_name("Mohammad Zarkari")[0])
    assert len(cands) <= 12
    assert idx.entities[idx.rec_entity[cands[0][1]]].id == "target"


def test_every_entity_indexed() -> None:
    idx = build_index(ENTITIES)
    assert idx.meta["entities"] == len(ENTITIES)


@pytest.mark.parametrize("others", [10, 120])  # few postings / many (ties in record order)
def test_an_entitys_full_name_is_scored_when_a_short_alias_ranks_first(others: int) -> None:
    # The key overlap favours short names: the alias ranks first, yet the query is
    # the full name with one typo, and that full name must be the one scored.
    person = make(
        "p-1", "NAJIB BEN OMAR BEN SALAH BEN HAMMAMI", "Nagib ben Hammami", type=EntityType.PERSON
    )
    fillers = [make(f"f-{i}", f"Hammami Najib Trading {i}") for i in range(others)]
    idx = build_index([person, *fillers])
    query = "NAJIB BEN OMMAR BEN SALAH BEN HAMMAMI"
    ranked = [idx.rec_raw[r] for _, r in idx.candidates(normalize_name(query)[0])]
    assert ranked[:2] == ["Nagib ben Hammami", "NAJIB BEN OMAR BEN SALAH BEN HAMMAMI"]
    res = screen_party(query, type="person", index=idx)
    assert res.matches[0].entity_id == "p-1"
    assert res.matches[0].matched_name == "NAJIB BEN OMAR BEN SALAH BEN HAMMAMI"
    assert res.matches[0].score >= 0.95


def test_a_runner_up_is_not_scored_when_the_best_record_is_as_long_as_the_query() -> None:
    person = make("p-1", "Omar Salah Hammami", "Omar S Hammami", type=EntityType.PERSON)
    idx = build_index([person, *(make(f"f-{i}", f"Hammami Trading {i}") for i in range(10))])
    ranked = [r for _, r in idx.candidates(normalize_name("Omar Salah Hammami")[0])]
    assert [idx.rec_entity[r] for r in ranked].count(0) == 1


def _fresh_hits(idx: Index, token: str) -> tuple[tuple[int, float], ...]:
    """``token``'s neighbours found now, as for a token first seen at query time."""
    kept = idx._kept_hits
    idx._kept_hits = False
    idx._token_cache.clear()
    try:
        return idx._token_hits(token)
    finally:
        idx._kept_hits = kept
        idx._token_cache.clear()


def test_kept_neighbours_are_those_found_on_first_sight(tmp_path: Path) -> None:
    # Typo and sound-alike neighbours among the listed tokens, and a word in Arabic script.
    ents = [
        *ENTITIES,
        make("p1", "Mohammad Rezaei"),
        make("p2", "Muhammad Rezai"),
        make("p3", "Mohamed Rezayi"),
        make("p4", "قاسم سلیمانی"),
        make("p5", "Qasem Soleimani"),
    ]
    path = tmp_path / "idx.pkl"
    build_index(ents).save(path)
    idx = Index.load(path)
    assert idx._kept_hits
    assert len(idx.hit_offsets) == len(idx.vocab) + 1
    for token in idx.vocab:
        assert idx._token_hits(token) == _fresh_hits(idx, token), token
    assert any(len(idx._token_hits(t)) > 1 for t in idx.vocab)  # (not only exact hits)


def test_neighbours_kept_by_other_code_are_found_again(tmp_path: Path) -> None:
    idx = build_index([make("a", "Mohammad Rezaei"), make("b", "Muhammad Rezai")])
    idx.meta["neighbours"] = "0" * 16  # as if built before a change to the similarity rules
    path = tmp_path / "idx.pkl"
    idx.save(path)
    loaded = Index.load(path)
    assert not loaded._kept_hits
    form = normalize_name("Mohamad Rezaei")[0]
    assert loaded.candidates(form) == build_index(
        [make("a", "Mohammad Rezaei"), make("b", "Muhammad Rezai")]
    ).candidates(form)


def test_an_index_file_without_folds_gets_them_on_load(tmp_path: Path) -> None:
    # A new token's sound-alikes are compared with the folds the index keeps; a file
    # written before it kept them has them made when read.
    ents = [make("a", "Mohammad Rezaei"), make("b", "Muhammad Rezai")]
    fresh = build_index(ents)
    assert len(fresh.folds) == len(fresh.vocab)
    old = build_index(ents)
    old.folds = []
    path = tmp_path / "idx.pkl"
    old.save(path)
    loaded = Index.load(path)
    assert loaded.folds == fresh.folds
    assert loaded._token_hits("mohamad") == _fresh_hits(fresh, "mohamad")


def _scanned(obj: object) -> bool:
    """Is ``obj`` among what the garbage collector's generations hold (not frozen)?"""
    return any(o is obj for o in gc.get_objects())


def test_record_forms_and_script_keys_are_not_scanned_by_the_collector(tmp_path: Path) -> None:
    # The forms are made before the index is settled (gc.freeze) and the Arabic-script
    # key map, made on first use, is flat: a long run adds nothing to be scanned.
    ents = [make(f"q{i}", n, EntityType.PERSON) for i, n in enumerate(["Mohammad Rashid", "Ali"])]
    path = tmp_path / "index.pkl"
    build_index(ents).save(path)
    idx = Index.load(path)
    forms = [idx.record_form(r) for r in range(len(idx.rec_raw))]
    assert [f.tokens for f in forms] == idx.rec_tokens
    assert all(idx.record_form(r) is f for r, f in enumerate(forms))
    assert not any(_scanned(f) for f in forms)
    hits = idx._token_hits(MARK + "رشيد")
    assert idx._vocab_list()[hits[0][0]] == "rashid"
    keys = idx.__dict__["_script_keys"]
    # (Three objects, not a list per key; the map of strings to numbers is untracked.)
    assert isinstance(keys, Csr) and not gc.is_tracked(keys.keys)
