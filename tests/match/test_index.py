from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.errors import IndexMismatchError
from tradecheck.match.index import Index, name_variants
from tradecheck.match.normalize import normalize_name
from tradecheck.screening import build_index

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
