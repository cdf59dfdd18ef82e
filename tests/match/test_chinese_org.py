"""Chinese organisation names: ordinals, translated words, city prefixes."""

from __future__ import annotations

import pytest

from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import compare
from tradecheck.match.translit import _chinese_number


@pytest.mark.parametrize(
    ("text", "number"),
    [("十三", 13), ("二十", 20), ("二十三", 23), ("一百零八", 108), ("三", 3), ("十", 10)],
)
def test_chinese_numerals(text: str, number: int) -> None:
    assert _chinese_number(text) == number


def test_not_numerals() -> None:
    assert _chinese_number("") is None
    assert _chinese_number("十三所") is None


def test_ordinal_becomes_its_number_only_after_di() -> None:
    assert normalize_name("中国电子科技集团公司第十三研究所")[0].text == (
        "china electronic technology group co 13 research institute"
    )
    # 一 in a person's name stays a syllable.
    assert normalize_name("张一鸣")[0].text == "zhangyiming"


def test_translated_name_meets_the_english_one_and_numbers_separate_institutes() -> None:
    zh = "中国电子科技集团公司第十三研究所"
    own = compare(zh, "China Electronics Technology Group Corporation 13th Research Institute")
    other = compare(zh, "China Electronics Technology Group Corporation 14th Research Institute")
    assert own is not None and other is not None
    # The sibling institute is a possible match for review, well below the own one.
    assert own.score >= 0.95 and 0.8 <= other.score < 0.9
    feats = {f["name"]: f for f in other.explain()["features"]}
    assert feats["numbers_agree"]["reason"] == "numbers differ: ['13'] vs ['14']"


def test_city_prefix_weighs_little_in_an_organisation_name() -> None:
    ps = compare("Beijing Megvii Technology Co., Ltd.", "Megvii Technology", person=False)
    assert ps is not None and ps.score >= 0.8
    # ...but a distinctive word still has to agree.
    ps = compare("Beijing Zenith Technology Co., Ltd.", "Beijing Acme Technology Co., Ltd.")
    assert ps is not None and ps.score < 0.8
