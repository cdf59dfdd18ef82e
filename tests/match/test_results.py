"""Screening's results: explanations made when read, the order of equal scores, pickling."""

from __future__ import annotations

import pickle

from tradecheck.entity import Entity
from tradecheck.match.index import Index
from tradecheck.match.results import Explanation, Match
from tradecheck.screening import build_index, screen_party

from .conftest import make


def test_the_explanation_is_made_when_first_read(index: Index) -> None:
    res = screen_party("Huawei Technologies", country="CN", index=index)
    m = res.matches[0]
    recipe = m.__dict__["_explain"]
    assert isinstance(recipe, Explanation)  # not made by screening
    explain = m.explain
    assert m.explain is explain and isinstance(explain, dict)  # made once, then kept
    assert list(explain)[-3:] == ["name_score", "evidence", "strength"]
    assert explain["name_score"] == recipe.name_score
    assert [e["name"] for e in explain["evidence"]] == ["country"]
    assert explain["strength"] == "strong" and m.score == 1.0
    assert explain["tokens"] and explain["features"]
    assert m.to_dict()["explain"] is explain


def test_a_qualifier_penalty_is_in_the_explanation() -> None:
    idx = build_index([make("el-sub", "Huawei Technologies (Ruritania) Co., Ltd.")])
    m = screen_party("Huawei Technologies Co Ltd", index=idx).matches[0]
    feats = {f["name"]: f for f in m.explain["features"]}
    assert feats["qualifier_dropped"]["value"] < 0
    assert "ruritania" in feats["qualifier_dropped"]["reason"]


def test_equal_scores_rank_the_better_evidence_first() -> None:
    # Both score 1.0 (the country's lift is capped): the country that agrees ranks first,
    # although its id sorts last.
    idx = build_index(
        [
            make("aa-nowhere", "Ruritanian Widget Works"),
            make("zz-home", "Ruritanian Widget Works", source="SDN", countries=("CN",)),
        ]
    )
    plain = screen_party("Ruritanian Widget Works", index=idx).matches
    assert [m.entity_id for m in plain] == ["aa-nowhere", "zz-home"]
    got = screen_party("Ruritanian Widget Works", country="CN", index=idx).matches
    assert [m.entity_id for m in got] == ["zz-home", "aa-nowhere"]
    assert got[0].score == got[1].score == 1.0


def test_a_pickled_match_holds_its_entity_and_explanation(index: Index) -> None:
    m = screen_party("Huawei Technologies", index=index).matches[0]
    data = pickle.dumps(m)
    assert len(data) < 20_000  # (not the index's entities)
    back = pickle.loads(data)
    assert isinstance(back.__dict__["_entity"], Entity)
    assert isinstance(back.__dict__["_explain"], dict)
    assert back == m and back.to_dict() == m.to_dict()


def test_a_match_made_by_hand_takes_a_dict() -> None:
    e = make("el-x", "X Works")
    m = Match("el-x", "EL", "X Works", "X Works", 0.9, [], {"k": 1}, e)
    assert m.explain == {"k": 1} and m.entity is e
    m.explain = {"k": 2}
    assert m.explain == {"k": 2}
