"""Transliteration of non-Latin scripts to Latin letters.

Han characters become pinyin syllables (pypinyin, which reads whole phrases so
that polyphones come out right), one token per syllable: the matcher later joins
adjacent syllables, so that spaced pinyin ("hua wei") meets joined pinyin
("huawei"). Generic Chinese organisation words and legal forms are translated
before that (``abbreviations.yaml`` ``han``, ``legal_forms.yaml``), so that
技术 meets "Technology". Hangul syllables are romanised one by one, for the same
reason. Greek letter pairs that stand for one sound (ου, ντ, μπ, αυ …) are
transcribed as ELOT 743 does (``greek.yaml``). Every other script (Cyrillic,
Arabic, Hebrew, Devanagari …) and the remaining Greek letters go through
``anyascii``, which also strips Latin diacritics.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Final

from anyascii import anyascii
from pypinyin import lazy_pinyin

from tradecheck.match.tables import load_table


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
    )


def _is_hangul(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7A3


def is_han(ch: str) -> bool:
    """True for a Han (Chinese) character."""
    return _is_han(ch)


def is_hangul(ch: str) -> bool:
    """True for a Hangul (Korean) syllable."""
    return _is_hangul(ch)


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Han character."""
    # Code points read in place (compiled, ord(text[i]) makes no string): on a name's
    # few characters, cheaper than a regular expression's search.
    for i in range(len(text)):
        o = ord(text[i])
        if o >= 0x3400 and (
            o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F
        ):
            return True
    return False


def has_hangul(text: str) -> bool:
    """True when ``text`` holds at least one Hangul syllable."""
    return any(0xAC00 <= ord(text[i]) <= 0xD7A3 for i in range(len(text)))


@cache
def _han_phrases() -> tuple[tuple[str, str], ...]:
    """Han phrases translated before transliteration: (han, latin), longest first."""
    pairs: dict[str, str] = {}
    for form in load_table("legal_forms.yaml").get("forms") or []:
        for v in form.get("variants") or []:
            v = str(v)
            if v and all(_is_han(c) for c in v):
                pairs[v] = str(form["code"])
    for canon, words in (load_table("abbreviations.yaml").get("han") or {}).items():
        for w in words or []:
            pairs[str(w)] = str(canon)
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@cache
def _han_phrases_by_first() -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`_han_phrases` by their first character, longest first (the phrases that
    may start at a character: the first of them that does is the first of all)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for han, latin in _han_phrases():
        out.setdefault(han[0], []).append((han, latin))
    return {first: tuple(rows) for first, rows in out.items()}


#: Han chunks up to this many characters are read as one word ("华为" → "huawei",
#: "建国" → "jianguo"); longer chunks stay one token per syllable.
WORD_CHARS = 4


@lru_cache(maxsize=1 << 16)
def _pinyin_chunk_cached(chunk: str) -> tuple[str, ...]:
    syllables = lazy_pinyin(chunk)
    if len(chunk) <= WORD_CHARS:
        return ("".join(syllables),)
    return tuple(syllables)


def _pinyin_chunk(chunk: str) -> list[str]:
    return list(_pinyin_chunk_cached(chunk))


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERALS: Final = frozenset(_CN_DIGITS) | frozenset(_CN_UNITS)


def _chinese_number(text: str) -> int | None:
    """A number written in Chinese numerals (十三 → 13, 二十 → 20, 一百零八 → 108)."""
    if not text or any(ch not in _CN_NUMERALS for ch in text):
        return None
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def _han_run(run: str) -> list[str]:
    """Translate known phrases in a Han run, pinyin for the rest; a list of tokens."""
    out: list[str] = []
    pending = ""
    i = 0
    phrases = _han_phrases_by_first()
    while i < len(run):
        if run[i] == "第":
            j = i + 1
            while j < len(run) and run[j] in _CN_NUMERALS:
                j += 1
            number = _chinese_number(run[i + 1 : j])
            if number is not None:
                # An ordinal (第十三研究所: the 13th Research Institute) is its number.
                if pending:
                    out.extend(_pinyin_chunk(pending))
                    pending = ""
                out.append(str(number))
                i = j
                continue
        for han, latin in phrases.get(run[i], ()):
            if run.startswith(han, i):
                if pending:
                    out.extend(_pinyin_chunk(pending))
                    pending = ""
                out.append(latin)
                i += len(han)
                break
        else:
            pending += run[i]
            i += 1
    if pending:
        out.extend(_pinyin_chunk(pending))
    return out


def han_person_split(text: str) -> tuple[str, str] | None:
    """Surname and given name of a Chinese personal name of 2–4 characters, in pinyin.

    "张伟" → ("zhang", "wei"); None unless ``text`` is 2–4 Han characters only.
    """
    t = text.strip()
    if not 2 <= len(t) <= WORD_CHARS or not all(_is_han(c) for c in t):
        return None
    syl = lazy_pinyin(t)
    return syl[0], "".join(syl[1:])


def _is_greek(ch: str) -> bool:
    return "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff"


@cache
def _greek_table() -> tuple[dict[str, tuple[str, str, str]], str, str]:
    """Greek pair → (latin, after a vowel, before a voiceless letter); the voiceless
    letters; the vowels (``greek.yaml``, ELOT 743)."""
    table = load_table("greek.yaml")
    pairs: dict[str, tuple[str, str, str]] = {}
    for row in table.get("pairs") or []:
        latin = str(row["latin"])
        pairs[str(row["greek"])] = (
            latin,
            str(row.get("after_vowel") or latin),
            str(row.get("before_voiceless") or latin),
        )
    return pairs, str(table.get("voiceless") or ""), str(table.get("vowels") or "")


def _greek_run(run: str) -> str:
    """A run of Greek letters in Latin letters: ELOT 743's letter pairs, then anyascii."""
    # Accents off (a diaeresis stays: it keeps two vowels apart); lower case.
    text = "".join(
        c for c in unicodedata.normalize("NFD", run.lower()) if c not in ("\u0301", "\u0342")
    )
    text = unicodedata.normalize("NFC", text)
    pairs, voiceless, vowels = _greek_table()
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        pair = pairs.get(text[i : i + 2])
        if pair is not None:
            latin, after_vowel, before_voiceless = pair
            nxt = text[i + 2] if i + 2 < n else ""
            if i > 0 and text[i - 1] in vowels:
                out.append(after_vowel)
            elif nxt == "" or nxt in voiceless:
                out.append(before_voiceless)
            else:
                out.append(latin)
            i += 2
        else:
            out.append(anyascii(text[i]))
            i += 1
    return "".join(out)


#: The Latin text of single characters read one by one (:func:`_char_latin`), as met.
_CHAR_LATIN: Final[dict[str, str]] = {}
#: At most this many characters are remembered (the text screened is anyone's).
_CHAR_LATIN_MAX: Final = 1 << 16


def _char_latin(ch: str) -> str:
    """What :func:`transliterate` writes for a character outside the Han and Greek
    runs and ASCII (remembered: a look-up costs less than reading it again)."""
    if _is_hangul(ch):
        part = " " + anyascii(ch) + " "
    elif unicodedata.category(ch)[0] in "SPZC":
        # Symbols, emoji, punctuation, spaces: a separator, not a word (anyascii
        # would spell an emoji out as ":rocket:"); format characters such as the
        # zero-width non-joiner inside Persian words: nothing.
        part = "" if unicodedata.category(ch) == "Cf" else " "
    else:
        part = anyascii(ch)
    if len(_CHAR_LATIN) < _CHAR_LATIN_MAX:
        _CHAR_LATIN[ch] = part
    return part


def transliterate(text: str) -> str:
    """Return ``text`` in Latin letters (lower case is kept; other ASCII passes through).

    Total: never raises; a character with no Latin form is dropped.
    """
    if text.isascii():
        return text
    parts: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if _is_han(ch):
            j = i
            while j < n and _is_han(text[j]):
                j += 1
            parts.append(" " + " ".join(_han_run(text[i:j])) + " ")
            i = j
        elif _is_greek(ch):
            j = i
            while j < n and _is_greek(text[j]):
                j += 1
            parts.append(_greek_run(text[i:j]))
            i = j
        elif ord(ch) < 128:
            parts.append(ch)
            i += 1
        else:
            part = _CHAR_LATIN.get(ch)
            parts.append(_char_latin(ch) if part is None else part)
            i += 1
    return "".join(parts)


# Hangul as the lists spell North Korean names (McCune-Reischauer, without its
# breves and apostrophes: "Kim Jong Un", "Ri Yong Ho", "Pak Pong Ju"), from the
# Revised Romanization anyascii gives ("gim jeong eun", "li yeong ho", "bag bong ju").
# National Institute of Korean Language, "Romanization of Korean" (2000), and
# G. M. McCune and E. O. Reischauer, "The Romanization of the Korean Language" (1939).
_MR_INITIAL = {"g": "k", "d": "t", "b": "p", "l": "r"}
_MR_FINAL = {"g": "k", "d": "t", "b": "p"}


def _mr_syllable(ch: str) -> str:
    syl = anyascii(ch).lower()
    if not syl:
        return ""
    syl = _MR_INITIAL.get(syl[0], syl[0]) + syl[1:]
    syl = syl.replace("eo", "o").replace("eu", "u")
    if len(syl) > 1 and syl[-1] in _MR_FINAL and syl[-2:] != "ng":
        syl = syl[:-1] + _MR_FINAL[syl[-1]]
    return syl


def korean_listed_reading(text: str) -> list[str] | None:
    """A name written in Hangul only, read as the lists spell Korean names; else None.

    The syllables of a word are joined, so that the order of a given name's syllables
    counts (은정 "unjong" is not 정은 "jongun"); a word of two to four syllables
    written alone is a surname and a given name ("김정은" → ["kim", "jongun"]). The
    scorer joins spaced syllables of the other name to meet it ("Kim Jong Un").
    """
    if not has_hangul(text):
        return None  # most names: no letter is Hangul (a fast scan)
    letters = False
    for ch in text:
        if ch.isalpha():
            if not _is_hangul(ch):
                return None  # most names: the first letter settles it
            letters = True
    if not letters:
        return None
    words = [[_mr_syllable(ch) for ch in w if _is_hangul(ch)] for w in text.split()]
    words = [[s for s in w if s] for w in words]
    words = [w for w in words if w]
    if len(words) == 1 and 2 <= len(words[0]) <= 4:
        words = [words[0][:1], words[0][1:]]
    return ["".join(w) for w in words] or None
