"""The shortcuts of normalize_name give the forms of the straightforward pipeline.

:func:`normalize_name` skips work most names do not need: NFKC for ASCII text, the
Wade–Giles reading when no word can show it, the readings of other scripts for
ASCII text, the Korean reading without a Hangul syllable. ``_forms_reference`` is
the pipeline written out without those shortcuts (every step on every name); the
tests compare the two on names of many scripts and on any text.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.abjad import script_form_tokens
from tradecheck.match.fold import basic_tokens, fold, legal_codes, nfkc_tokens
from tradecheck.match.normalize import (
    KOREAN_VIA,
    MAX_QUERY_CHARS,
    SCRIPT_VIA,
    NameForm,
    _cn_variant,
    normalize_name,
    plain_words,
    syllable_classes,
)
from tradecheck.match.translit import (
    _is_hangul,
    _mr_syllable,
    han_person_split,
    has_han,
    korean_listed_reading,
)
from tradecheck.match.wade_giles import shows_wade_giles, wade_giles_reading


def _korean_reference(text: str) -> list[str] | None:
    """:func:`korean_listed_reading` without its first scan for a Hangul syllable."""
    letters = False
    for ch in text:
        if ch.isalpha():
            if not _is_hangul(ch):
                return None
            letters = True
    if not letters:
        return None
    words = [[_mr_syllable(ch) for ch in w if _is_hangul(ch)] for w in text.split()]
    words = [[s for s in w if s] for w in words]
    words = [w for w in words if w]
    if len(words) == 1 and 2 <= len(words[0]) <= 4:
        words = [words[0][:1], words[0][1:]]
    return ["".join(w) for w in words] or None


def _forms_reference(raw: str) -> list[NameForm]:
    """Every step of normalize_name on every name, as first written."""
    text = unicodedata.normalize("NFKC", raw[:MAX_QUERY_CHARS])
    forms: list[NameForm] = []
    tokens, classes = fold(nfkc_tokens(text))
    if tokens:
        forms.append(NameForm(raw, tokens, classes, None))
    wg = wade_giles_reading(text)
    if wg is not None:
        wt, wc = fold(basic_tokens(wg))
        if wt and wt != tokens:
            forms.append(NameForm(raw, wt, wc, f"Wade-Giles read as pinyin: {wg}"))
    if not text.isascii():
        korean = _korean_reference(text)
        if korean is not None:
            kt, kc = fold(basic_tokens(" ".join(korean)))
            if kt and kt != tokens:
                kform = NameForm(raw, kt, syllable_classes(kc), KOREAN_VIA)
                kform.han = kform.syllabic = True
                forms.append(kform)
        script = script_form_tokens(text)
        if script is not None:
            forms.append(NameForm(raw, *script, SCRIPT_VIA))
    if not text.isascii() and has_han(text):
        split = han_person_split(text)
        if split is not None and len(tokens) == 1 and tokens[0] not in legal_codes():
            forms.append(NameForm(raw, split, ("core", "core"), None))
        found = _cn_variant(text)
        if found is not None:
            vtext, row = found
            vt, vc = fold(basic_tokens(vtext))
            if vt and vt != tokens:
                forms.append(NameForm(raw, vt, vc, f"{row.zh} → {row.en} ({row.source})"))
    return forms


def _seen(forms: list[NameForm]) -> list[tuple[object, ...]]:
    return [
        (f.raw, f.tokens, f.classes, f.via, f.han, f.syllabic, f.lens, f.maxlen, f.join_min)
        for f in forms
    ]


@pytest.mark.parametrize(
    "name",
    [
        "John Smith",
        "Mao Tse Tung",
        "Chiang Ching-kuo",
        "Hsi Chin-ping",
        "Ch'in Shih",
        "HUAWEI TECHNOLOGIES CO., LTD.",
        "Ｈｕａｗｅｉ",
        "Straße",
        "ẞ Kolář",
        "김정은",
        "Kim 정은",
        "محمد علي",
        "Иван Петров",
        "华为技术有限公司",
        "张伟",
        "Ἀλέξανδρος Παπαδόπουλος",
        "A.B.C. Trading & Co 3rd",
        "",
        "   ",
    ],
)
def test_forms_as_the_straightforward_pipeline(name: str) -> None:
    assert _seen(normalize_name(name)) == _seen(_forms_reference(name))


_NAMES = st.text(
    alphabet="abcxyz ABZ  -.,&'’`´ʻ0134579 hsiungtsechkp ñüéßẞİ ЖжщЯ Αα ابپعلی"
    "中国华为技术有限公司张伟 김정은 \u200c\u3000ＡＢ",
    max_size=24,
)


@given(_NAMES)
def test_forms_as_the_straightforward_pipeline_any_text(name: str) -> None:
    assert _seen(normalize_name(name)) == _seen(_forms_reference(name))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzHSTCK -'", max_size=24))
def test_forms_of_latin_text_as_the_straightforward_pipeline(name: str) -> None:
    # Letters and spaces, some hyphens and apostrophes: Wade-Giles shows or not.
    assert _seen(normalize_name(name)) == _seen(_forms_reference(name))


@given(st.text(max_size=16))
def test_plain_words_are_the_tokens(text: str) -> None:
    text = unicodedata.normalize("NFKC", text)
    words = plain_words(text)
    if words is not None:
        assert words == nfkc_tokens(text)
    if text.isascii() and text.replace(" ", "").isalpha():
        assert words is not None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=24))
def test_wade_giles_only_where_a_word_shows_it(text: str) -> None:
    if not shows_wade_giles(text.split()):
        assert wade_giles_reading(text) is None


@given(_NAMES)
def test_korean_reading_as_first_written(text: str) -> None:
    assert korean_listed_reading(text) == _korean_reference(text)
