"""China's MOFCOM lists: the project's data files and their parser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradecheck.entity import EntityType, make_entity_id
from tradecheck.lists.china import COLUMNS, parse_cn_list, status_on
from tradecheck.lists.datasets import DATASETS
from tradecheck.lists.formats import detect_format

SAMPLE = Path(__file__).parent / "samples" / "cn" / "cn_sample.csv"


@pytest.fixture(scope="module")
def ctrl() -> dict[str, object]:
    result = DATASETS["cn-ctrl"].load_bundled()
    return {"result": result, "by_name": {e.name: e for e in result.entities}}


def test_bundled_counts() -> None:
    counts = {
        k: len(DATASETS[k].load_bundled().entities) for k in ("cn-ctrl", "cn-watch", "cn-uel")
    }
    assert counts == {"cn-ctrl": 153, "cn-watch": 20, "cn-uel": 23}


def test_one_layout_and_format_detection() -> None:
    for key in ("cn-ctrl", "cn-watch", "cn-uel"):
        path = DATASETS[key].bundled_paths()[0]
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(COLUMNS)
        assert detect_format(path) == "cn-list"


def test_control_list_entry_ihi_aerospace(ctrl: dict) -> None:
    e = ctrl["by_name"]["IHI Aerospace Co., Ltd."]
    assert e.source == "CN-CTRL"
    assert e.dataset == "cn-ctrl"
    assert e.type is EntityType.ORGANIZATION
    assert e.id == make_entity_id("CN-CTRL", "商务部公告2026年第11号", "12")
    assert e.listed_on == "2026-02-24"
    assert e.citation == "商务部公告2026年第11号 (2026-02-24)"
    assert e.countries == ["JP"]
    han = [a for a in e.aliases if a.script == "Han"]
    assert [a.value for a in han] == ["IHI宇航株式会社"]
    assert e.extra["status"] == "active"
    assert e.extra["confidence"] == "secondary"
    assert "dual-use" in e.extra["measures"]
    assert e.source_url is not None and e.source_url.startswith("https://dltb.mofcom.gov.cn/")


def test_control_list_aggregates(ctrl: dict) -> None:
    result = ctrl["result"]
    assert result.data_date == "2026-07-24"
    assert result.meta["announcements"] == 11
    assert result.meta["by_status"] == {"active": 122, "suspended": 31, "removed": 0}
    # every row carries a Chinese name and its announcement
    assert all(any(a.script == "Han" for a in e.aliases) for e in result.entities)
    assert all(e.citation and e.citation.startswith("商务部公告") for e in result.entities)
    insitu = ctrl["by_name"]["Insitu, Inc."]
    assert insitu.extra["announcement_date"] == "2025-04-09"
    assert insitu.listed_on == "2025-04-10"


def test_suspension_windows(ctrl: dict) -> None:
    sierra = ctrl["by_name"]["Sierra Nevada Corporation"]  # Ann. 21/2025
    assert sierra.extra["status"] == "suspended"
    assert (sierra.extra["suspended_from"], sierra.extra["suspended_to"]) == (
        "2025-05-14",
        "2026-11-10",
    )
    assert status_on(sierra, date(2025, 4, 3)) == "not-yet-listed"
    assert status_on(sierra, date(2025, 4, 20)) == "active"
    assert status_on(sierra, date(2026, 11, 10)) == "suspended"
    assert status_on(sierra, date(2026, 11, 11)) == "active"  # revives unless extended
    leidos = ctrl["by_name"]["Leidos"]  # Ann. 13/2025: suspended, end not known
    assert leidos.extra["suspended_to"] is None
    assert status_on(leidos, date(2030, 1, 1)) == "suspended"


def test_watch_list_and_uel() -> None:
    watch = {e.name: e for e in DATASETS["cn-watch"].load_bundled().entities}
    subaru = watch["SUBARU Corporation"]
    assert subaru.source == "CN-WATCH"
    assert subaru.citation == "商务部公告2026年第12号 (2026-02-24)"
    assert [a.value for a in subaru.aliases] == ["斯巴鲁株式会社"]
    assert "individual licence" in subaru.extra["measures"]
    uel = {e.name: e for e in DATASETS["cn-uel"].load_bundled().entities}
    shield = uel["Shield AI, Inc."]
    assert shield.source == "CN-UEL"
    assert shield.listed_on == "2025-04-10"
    assert shield.extra["announcement"] == "不可靠实体清单工作机制公告2025年第8号"
    assert uel["Lockheed Martin Ventures"].extra["confidence"] == "unverified"


def test_sample_and_stable_ids() -> None:
    a = parse_cn_list(SAMPLE)
    b = parse_cn_list(SAMPLE)
    assert [e.source for e in a.entities] == ["CN-CTRL", "CN-CTRL", "CN-UEL"]
    assert [e.id for e in a.entities] == [e.id for e in b.entities]
    assert a.meta["lists"] == ["CN-CTRL", "CN-UEL"]
    assert a.entities[1].name == "Huntington Ingalls Industries, Inc."
    assert a.entities[1].extra["confidence"] == "verified"
