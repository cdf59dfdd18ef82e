"""Wade–Giles names read as pinyin, and matched through that reading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.entity import EntityType
from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import compare
from tradecheck.match.tables import data_dir
from tradecheck.match.wade_giles import syllables, wade_giles_reading
from tradecheck.screening import build_index, screen_party

from .conftest import make

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("Chiang Ching-kuo", "jiang jingguo"),
        ("Chou En-lai", "zhou enlai"),
        ("Teng Hsiao-p'ing", "deng xiaoping"),  # the aspiration mark is read
        ("Teng Hsiao-ping", "deng xiaobing"),  # left out: the unaspirated reading
        ("LIU, Shao-ch’i", "liu shaoqi"),  # list order, typographic apostrophe
        ("Hsü Hsiang-ch'ien", "xu xiangqian"),
        # Without hyphens, in capitals, with the other apostrophes (each a path of its own).
        ("Mao Tse tung", "mao ze dong"),
        ("TENG Hsiao p`ing", "deng xiao ping"),
        ("HSÜ Hsiang-chʼien", "xu xiangqian"),
        ("Hsi Chin-p‘ing", "xi jinping"),
    ],
)
def test_reading(name: str, reading: str) -> None:
    assert wade_giles_reading(name) == reading


@pytest.mark.parametrize(
    "name",
    [
        "John Smith",
        "Zhang Wei",  # already pinyin
        "Kim Yong-chol",  # Korean (McCune-Reischauer): "chol" is no Chinese syllable
        "Citigroup Capital Trust I",  # a one-letter syllable shows nothing
        "Yard No. 455 Iran Marine",
        "Hung Dynasty Trading Co",  # one syllable among English words
        "Владимир Путин",  # not Latin
        "Mao Tse-tung 毛泽东",  # Latin with another script
        "",
    ],
)
def test_no_reading(name: str) -> None:
    assert wade_giles_reading(name) is None


def test_reading_is_an_extra_form_that_says_so() -> None:
    forms = normalize_name("Chiang Ching-kuo")
    assert [f.text for f in forms] == ["chiang ching kuo", "jiang jingguo"]
    assert forms[1].via is not None and "Wade-Giles" in forms[1].via


def test_wade_giles_meets_pinyin_both_ways() -> None:
    for a, b in (("Chiang Ching-kuo", "Jiang Jingguo"), ("Chou En-lai", "ZHOU Enlai")):
        for x, y in ((a, b), (b, a)):
            ps = compare(x, y, person=True)
            assert ps is not None and ps.score >= 0.95, (x, y)
    # Unaspirated reading of an aspirated syllable: still a strong typo-level match.
    ps = compare("Teng Hsiao-ping", "Deng Xiaoping", person=True)
    assert ps is not None and ps.score >= 0.89
    # ...and different people stay apart.
    ps = compare("Chiang Ching-kuo", "Jiang Zemin", person=True)
    assert ps is not None and ps.score < 0.8


def test_screening_finds_a_pinyin_listing_from_wade_giles() -> None:
    idx = build_index(
        [
            make("p-zhou", "ZHOU Enlai", source="SDN", type=EntityType.PERSON),
            make("p-other", "ZHOU Xiaochuan", source="SDN", type=EntityType.PERSON),
        ]
    )
    res = screen_party("Chou En-lai", type="person", index=idx)
    assert [m.entity.id for m in res.matches] == ["p-zhou"]
    assert "Wade-Giles" in res.matches[0].explain["via"]


@given(st.text(max_size=60))
def test_reading_is_total(text: str) -> None:
    out = wade_giles_reading(text)
    assert out is None or (out == out.lower() and "  " not in out)


def test_table_matches_pypinyin() -> None:
    """The data file is what scripts/make_wade_giles.py writes from the installed pypinyin."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_wade_giles
    finally:
        sys.path.pop(0)
    text = (data_dir() / "wade_giles.yaml").read_text(encoding="utf-8")
    assert text == make_wade_giles.render(), "run scripts/make_wade_giles.py"
    table = syllables()
    assert table["hsi"] == "xi" and table["ch'in"] == "qin" and table["chin"] == "jin"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzHT ", max_size=30))
def test_letters_and_spaces_read_as_any_text(text: str) -> None:
    # A trailing apostrophe sends the name down the general path (and changes no word).
    from tradecheck.match.wade_giles import wade_giles_reading

    assert wade_giles_reading(text) == wade_giles_reading(text + "'")
    assert wade_giles_reading("hsi " + text) == wade_giles_reading("hsi " + text + "'")
