"""Names in Arabic script read against their Latin spellings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.entity import EntityType
from tradecheck.match.abjad import (
    MARK,
    latin_key,
    script_form_tokens,
    script_keys,
    script_words,
    spells,
)
from tradecheck.match.normalize import normalize_name
from tradecheck.match.score import compare
from tradecheck.match.similarity import similarities_to, token_similarity
from tradecheck.screening import build_index, screen_party

from .conftest import make


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("قاسم", "qasem"),
        ("قاسم", "ghasem"),
        ("قاسم", "qassim"),
        ("سلیمانی", "soleimani"),
        ("سلیمانی", "soleymani"),
        ("سلیمانی", "sulaimani"),
        ("محمد", "mohammad"),
        ("محمد", "muhammad"),
        ("حسین", "hossein"),
        ("حسین", "husayn"),
        ("خامنه\u200cای", "khamenei"),  # a final h before the non-joiner is a vowel
        ("عبدالله", "abdullah"),
        ("بيريز", "perez"),  # Arabic writes p as b
        ("عثمان", "othman"),
        ("عثمان", "osman"),
        ("וייס", "weiss"),  # Hebrew is read alike
        ("כהן", "cohen"),
        ("נתניהו", "netanyahu"),
    ],
)
def test_spellings_the_word_admits(word: str, latin: str) -> None:
    assert spells(word, latin)
    assert latin_key(latin) in script_keys(word)


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("محمد", "mahmoud"),  # محمود writes its long u
        ("محمود", "mohammad"),
        ("حسن", "hussein"),  # no ی for the ei
        ("محمدی", "ahmadi"),
        ("قاسم", "kasim1"),
        ("قاسم", "قاسم"),
    ],
)
def test_spellings_it_does_not(word: str, latin: str) -> None:
    assert not spells(word, latin)


def test_article_is_its_own_token() -> None:
    assert script_words("عبدالعزيز الرشيد") == ["عبدالعزيز", "al", "رشيد"]
    toks, classes = script_form_tokens("الرشيد") or ((), ())
    assert toks == ("al", MARK + "رشيد") and classes == ("particle", "core")


def test_script_form_is_an_extra_form() -> None:
    forms = normalize_name("قاسم سلیمانی")
    assert forms[0].tokens == ("qsm", "slymny")  # the transliteration stays
    assert forms[-1].tokens == (MARK + "قاسم", MARK + "سلیمانی")
    assert forms[-1].via is not None
    assert script_form_tokens("Qasem Soleimani") is None


def test_compare_and_explain_show_the_words() -> None:
    ps = compare("قاسم سلیمانی", "SOLEIMANI, Qasem", person=True)
    assert ps is not None and ps.score >= 0.89
    ex = ps.explain()
    assert {t["how"] for t in ex["tokens"]} == {"script"}
    assert ex["query_form"] == "قاسم سلیمانی"
    assert not any(MARK in t["query"] for t in ex["tokens"])
    # Another name with the same consonants stays apart.
    ps = compare("محمد محمدی", "Mohammad Ahmadi", person=True)
    assert ps is not None and ps.score < 0.8


def test_similarity_paths_agree() -> None:
    others = ["qasem", "ghasem", "kasem", MARK + "قاسم", "q"]
    a = MARK + "قاسم"
    assert similarities_to(a, others) == [token_similarity(a, b)[0] for b in others]
    assert similarities_to("qasem", [a]) == [token_similarity("qasem", a)[0]]


def test_screening_finds_the_latin_listing() -> None:
    idx = build_index(
        [
            make(
                "p-sol",
                "SOLEIMANI, Qasem",
                "SULAYMANI, Qasim",
                source="SDN",
                type=EntityType.PERSON,
            ),
            make("p-zar", "ZARIF, Mohammad Javad", source="SDN", type=EntityType.PERSON),
            make("p-oth", "AHMADI, Mohammad", source="SDN", type=EntityType.PERSON),
        ]
    )
    res = screen_party("قاسم سلیمانی", type="person", index=idx)
    assert [m.entity.id for m in res.matches] == ["p-sol"]
    res = screen_party("محمد جواد ظریف", type="person", index=idx)
    assert [m.entity.id for m in res.matches] == ["p-zar"]
    res = screen_party("محمد محمدی", type="person", index=idx)
    assert res.matches == []


_ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي یکگپچژ\u200cآأإةىء", max_size=20)


@given(_ARABIC)
def test_reading_is_total(text: str) -> None:
    for w in script_words(text):
        keys = script_keys(w) if w != "al" else ()
        assert all(isinstance(k, str) for k in keys)
        spells(w, "ali")


@given(st.text(max_size=20))
def test_latin_key_is_total(text: str) -> None:
    k = latin_key(text)
    assert k == "" or k.isupper()


def test_many_vowel_letters_do_not_blow_up() -> None:
    # A backtracking pattern took seconds at 6 pairs and hung at 11; the position
    # sets take microseconds.
    word = "اع" * 200
    assert not spells(word, "a" * 39 + "b")
    assert spells("اع" * 3, "aaa")


def _spells_reference(word: str, latin: str) -> bool:
    """:func:`spells` as first written (``str.startswith`` at a position)."""
    from tradecheck.match.abjad import _MAX_LATIN, _VOWELS, _collapse, _units

    if not latin.isascii() or not latin.isalpha() or len(latin) > _MAX_LATIN:
        return False
    t = _collapse(latin)
    units = _units(word)
    if not units:
        return False
    n = len(t)
    reach = {0}
    for k, (spellings, _) in enumerate(units):
        starts = set(reach)
        if k:
            starts.update(p + 1 for p in reach if p < n and t[p] in _VOWELS)
        after: set[int] = set()
        for p in starts:
            for sp in spellings:
                if not sp:
                    after.add(p)
                elif t.startswith(sp, p):
                    after.add(p + len(sp))
        if not after:
            return False
        reach = after
    return n in reach or (n - 1 in reach and t[-1] in _VOWELS)


@given(
    st.text(alphabet="قاسمسلیمانیمحدحینخهعبللهريزعثوכהןנתיו", min_size=1, max_size=7),
    st.text(alphabet="aeiouqghkmdlnsrtbwyz", max_size=12),
)
def test_spells_answers_as_first_written(word: str, latin: str) -> None:
    assert spells(word, latin) == _spells_reference(word, latin)


def test_spells_answers_as_first_written_on_the_listed_spellings() -> None:
    pairs = [("محمد", "mohammad"), ("سلیمانی", "sulaimani"), ("נתניהו", "netanyahu")]
    pairs += [("عبدالله", x) for x in ("abdullah", "abdalla", "abdallahi", "abdulah")]
    for word, latin in pairs:
        assert spells(word, latin) == _spells_reference(word, latin)
    assert sum(spells(w, x) for w, x in pairs) >= 5


_SCRIPTS = st.text(
    alphabet="قاسم سلیمانی الرشيد عبدالله خامنه\u200cای\u200d כהן abc Жж 中 ً ٣ ؟ ـ -.،",
    max_size=25,
)


@given(_SCRIPTS)
def test_script_words_and_letters_as_first_written(text: str) -> None:
    import re

    from tradecheck.match.abjad import _ZWNJ, _letters, has_arabic

    def is_abjad(ch: str) -> bool:
        o = ord(ch)
        return (
            0x0600 <= o <= 0x06FF
            or 0x0750 <= o <= 0x077F
            or 0x08A0 <= o <= 0x08FF
            or 0x05D0 <= o <= 0x05EA
        )

    assert has_arabic(text) == any(is_abjad(ch) and ch.isalpha() for ch in text)
    letters = _letters()
    words: list[str] = []
    for raw in re.split(r"[^\w\u200c\u200d]+", text):
        w = "".join(ch for ch in raw if ch in letters or ch == _ZWNJ).strip(_ZWNJ)
        if w:
            if w.startswith("ال") and len(w) > 3:
                words.append("al")
                w = w[2:]
            words.append(w)
    # Twice: the second time each word's reading is remembered.
    assert script_words(text) == words
    assert script_words(text) == words


def _latin_key_reference(token: str) -> str:
    """:func:`latin_key` as first written (each letter's class looked up in turn)."""
    from tradecheck.match.tables import load_table

    if not token.isalpha() or not token.isascii():
        return ""
    rules = load_table("abjad.yaml")["latin_key"]
    out: list[str] = []
    prev = ""
    for ch in token:  # doubled consonants once
        if ch == prev and ch not in "aeiou":
            continue
        out.append(ch)
        prev = ch
    t = "".join(out)
    for a, b in rules["digraphs"].items():
        t = t.replace(a, b)
    key: list[str] = []
    for ch in t:
        k = rules["letters"].get(ch, ch) if ch.islower() else ch
        if k and (not key or key[-1] != k):
            key.append(k)
    return "".join(key)


@given(st.text(alphabet="abcdeghikklmnoprsstthuwxyzABKQ", max_size=15))
def test_latin_key_as_first_written(token: str) -> None:
    assert latin_key(token) == _latin_key_reference(token)


@pytest.mark.parametrize(
    "token", ["mohammad", "soleimani", "khamenei", "schacht", "ghasem", "ccheckk", "aeiou", "hhh"]
)
def test_latin_key_as_first_written_on_names(token: str) -> None:
    assert latin_key(token) == _latin_key_reference(token)
