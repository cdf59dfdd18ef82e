"""Names in Arabic script read against their Latin spellings.

Arabic and Persian writing leaves most vowels out: علی خامنه‌ای is "Ali Khamenei",
قاسم سلیمانی is "Qasem Soleimani" or "Ghasem Soleymani". A letter-by-letter
transliteration ("ly khmnhy") is too far from any Latin spelling for the typo-level
similarity. So a name in Arabic script also gets a form of *script tokens*
(:data:`MARK` + the word in Arabic letters), and a script token is compared with a
Latin token by reading the Arabic word as the set of Latin spellings it admits:

* each consonant letter stands for its usual romanisations (ق: q, gh, k, g; ث: s, th;
  ض: z, d, dh …; ``abjad.yaml``);
* the letters that also write long vowels stand for a vowel or their consonant
  (و: v, w, o, u, ou …; ی: y, i, ee, ei …; final ه: h, e, a or nothing; ا: a, e, o …;
  ع and ء: a vowel or nothing);
* before each letter but the first, and at the end, one short vowel may be written,
  which the script leaves out;
* a doubled consonant in the Latin spelling counts once (Mohammad ~ محمد).

A Latin token that can be spelt so matches with :data:`ABJAD_SIM` (``how``: ``script``);
any other does not. Candidates are found by a consonant key (consonant classes in
order, vowels and the vowel letters left out) that both sides share.
The article ال at the start of a word is its own token "al" ("al-Rashid").
Hebrew, which also leaves vowels unwritten, is read the same way (its letters are in
the same table).
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import Final

from tradecheck.errors import DataFileError
from tradecheck.match.tables import load_table

#: Leads a script token: not a letter, so the Latin-only index paths pass it by.
MARK = "~"
#: Similarity of a Latin spelling the Arabic word admits (that of a transliteration variant).
ABJAD_SIM = 0.9
#: Key variants made for one word at most (each ambiguous letter doubles them).
_MAX_KEYS = 32
_VOWELS = frozenset("aeiou")
#: Longest Latin token compared with a word in Arabic script (no name word is longer).
_MAX_LATIN = 40
_ARTICLE = "ال"
_ZWNJ = "\u200c"


def has_arabic(text: str) -> bool:
    """True when ``text`` holds a letter of the Arabic script (or of Hebrew, read alike):
    a letter of the Arabic blocks (Arabic, Supplement, Extended-A) or a Hebrew letter."""
    # Code points read in place (compiled, ord(text[i]) makes no string): most names
    # have no character from U+05D0 on, and the loop passes them by.
    for i in range(len(text)):
        o = ord(text[i])
        if (
            o >= 0x05D0
            and (
                o <= 0x05EA
                or 0x0600 <= o <= 0x06FF
                or 0x0750 <= o <= 0x077F
                or 0x08A0 <= o <= 0x08FF
            )
            and text[i].isalpha()
        ):
            return True
    return False


@cache
def _letters() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Letter → (Latin spellings, consonant-key classes; "" = may be left out)."""
    raw = load_table("abjad.yaml").get("letters")
    if not isinstance(raw, dict) or not raw:
        raise DataFileError("expected a mapping 'letters'", file="abjad.yaml")
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for letter, row in raw.items():
        if not isinstance(row, dict) or not row.get("latin"):
            raise DataFileError("each letter needs 'latin'", file="abjad.yaml", row=str(letter))
        latin = tuple(str(x) for x in row["latin"])
        keys = tuple(str(x) for x in row.get("key", [""]))
        out[str(letter)] = (latin, keys)
    return out


@cache
def _latin_key_rules() -> tuple[tuple[tuple[str, str], ...], dict[int, str]]:
    """The digraphs in order, and the lower-case letters' classes as a table for
    ``str.translate`` (a class is one letter or none: what the key is made of)."""
    table = load_table("abjad.yaml").get("latin_key") or {}
    digraphs = tuple((str(k), str(v)) for k, v in (table.get("digraphs") or {}).items())
    singles: dict[int, str] = {}
    for k, v in (table.get("letters") or {}).items():
        letter, cls = str(k), str(v)
        if len(cls) > 1:
            raise DataFileError(
                "a letter's key class is one letter or none",
                file="abjad.yaml",
                row=letter,
                field="latin_key",
            )
        # Only a lower-case letter is read by its class (the digraphs' classes and
        # upper-case letters stand for themselves).
        if len(letter) == 1 and letter.islower():
            singles[ord(letter)] = cls
    return digraphs, singles


def _has_double(text: str, vowels_too: bool) -> bool:
    """Does a character of ``text`` come twice in a row (a consonant, unless ``vowels_too``)?"""
    for i in range(1, len(text)):
        ch = text[i]
        if ch == text[i - 1] and (vowels_too or ch not in "aeiou"):
            return True
    return False


def _collapse(token: str) -> str:
    """Doubled consonants counted once ("mohammad" → "mohamad"); doubled vowels kept."""
    if not _has_double(token, False):
        return token  # most tokens
    out: list[str] = []
    for ch in token:
        if out and out[-1] == ch and ch not in "aeiou":
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1 << 17)
def latin_key(token: str) -> str:
    """The consonant key of a Latin token: consonant classes in order, vowels left out."""
    if not token.isalpha() or not token.isascii():
        return ""
    digraphs, singles = _latin_key_rules()
    t = _collapse(token)
    for a, b in digraphs:
        if a in t:
            t = t.replace(a, b)
    # Each letter its class (the classes of none dropped), a class repeated once.
    t = t.translate(singles)
    if not _has_double(t, True):
        return t
    out: list[str] = []
    for ch in t:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


_NOT_WORD: Final = re.compile(r"[^\w\u200c\u200d]+")
#: The script words of a word of a name (:func:`_word_script_words`), by word (a cache).
_SCRIPT_WORDS: Final[dict[str, tuple[str, ...]]] = {}
_SCRIPT_WORDS_MAX: Final = 1 << 16


def script_words(text: str) -> list[str]:
    """The words of ``text`` in Arabic letters, the article split off as "al"."""
    known = _SCRIPT_WORDS
    words: list[str] = []
    for raw in _NOT_WORD.split(text):
        found = known.get(raw)
        words.extend(_word_script_words(raw) if found is None else found)
    return words


def _word_script_words(raw: str) -> tuple[str, ...]:
    letters = _letters()
    w = "".join(ch for ch in raw if ch in letters or ch == _ZWNJ).strip(_ZWNJ)
    out: tuple[str, ...] = ()
    if w:
        out = ("al", w[2:]) if w.startswith(_ARTICLE) and len(w) > 3 else (w,)
    if len(_SCRIPT_WORDS) >= _SCRIPT_WORDS_MAX:
        _SCRIPT_WORDS.clear()
    _SCRIPT_WORDS[raw] = out
    return out


@lru_cache(maxsize=1 << 14)
def _units(word: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The letters of a word as (spellings, key classes), a repeated letter once."""
    letters = _letters()
    units: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    prev = ""
    for i, ch in enumerate(word):
        row = letters.get(ch)
        if ch == prev or row is None:
            continue  # a repeated letter, the non-joiner, anything not in the table
        prev = ch
        latin, keys = row
        if ch in "هة" and (i == len(word) - 1 or word[i + 1] == _ZWNJ):
            # A final h is mostly a vowel ("Fatemeh", "Hamzah" / "Hamza").
            latin, keys = (*latin, "e", "a", "eh", "ah", ""), ("",)
        if i == 0 and ch in "اأإآ":
            latin = ("a", "e", "i", "o", "u", "")
        units.append((latin, keys))
    return tuple(units)


def script_keys(word: str) -> tuple[str, ...]:
    """The consonant keys a word may have (one per reading of its ambiguous letters)."""
    options = [keys for _, keys in _units(word)]
    out: set[str] = set()
    for combo in itertools.islice(itertools.product(*options), _MAX_KEYS * 4):
        key: list[str] = []
        for k in combo:
            if k and (not key or key[-1] != k):
                key.append(k)
        out.add("".join(key))
        if len(out) >= _MAX_KEYS:
            break
    return tuple(sorted(out))


#: A word's letters as :func:`spells` reads them: for each letter, whether it may be
#: left out, and its spellings by their first character (a cache, by word).
_Reading = tuple[tuple[bool, dict[str, tuple[str, ...]]], ...]
_READINGS: Final[dict[str, _Reading]] = {}
#: A Latin token as :func:`spells` reads it: doubled consonants once, and a bit set
#: for each position holding a vowel ("" for a token no word can spell; a cache).
_LATIN: Final[dict[str, tuple[str, int]]] = {}
_CACHE_MAX: Final = 1 << 16


def _reading(word: str) -> _Reading:
    out: list[tuple[bool, dict[str, tuple[str, ...]]]] = []
    for spellings, _ in _units(word):
        by_first: dict[str, list[str]] = {}
        for sp in spellings:
            if sp:
                by_first.setdefault(sp[0], []).append(sp)
        out.append(("" in spellings, {c: tuple(sps) for c, sps in by_first.items()}))
    reading = tuple(out)
    if len(_READINGS) >= _CACHE_MAX:
        _READINGS.clear()
    _READINGS[word] = reading
    return reading


def _latin(latin: str) -> tuple[str, int]:
    t = ""
    vowels = 0
    if latin.isascii() and latin.isalpha() and len(latin) <= _MAX_LATIN:
        t = _collapse(latin)
        for p in range(len(t)):
            if t[p] in _VOWELS:
                vowels |= 1 << p
    if len(_LATIN) >= _CACHE_MAX:
        _LATIN.clear()
    _LATIN[latin] = (t, vowels)
    return t, vowels


def spells(word: str, latin: str) -> bool:
    """Can ``latin`` (a normalised Latin token) be a spelling of the Arabic ``word``?

    Each letter in turn takes one of its spellings, with one short vowel allowed
    before every letter but the first and at the end. Worked out as the set of
    positions reachable in ``latin`` after each letter (bits of an integer) — time
    linear in the word, whatever the input (a backtracking pattern match could take
    exponential time on a word of many vowel letters).
    """
    found = _LATIN.get(latin)
    t, vowels = _latin(latin) if found is None else found
    if not t:
        return False
    units = _READINGS.get(word)
    if units is None:
        units = _reading(word)
    if not units:
        return False
    n = len(t)
    reach = 1  # position 0
    first = True
    for may_skip, by_first in units:
        # One short vowel may come before each letter but the first.
        starts = reach if first else reach | ((reach & vowels) << 1)
        first = False
        after = starts if may_skip else 0
        p = 0
        rest = starts
        while rest and p < n:
            if rest & 1:
                for sp in by_first.get(t[p], ()):
                    size = len(sp)
                    if size == 1 or t[p : p + size] == sp:
                        after |= 1 << (p + size)
            rest >>= 1
            p += 1
        if not after:
            return False
        reach = after
    return bool(reach >> n & 1) or bool(reach >> (n - 1) & 1 and vowels >> (n - 1) & 1)


def script_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two tokens of which at least one is a script token (:data:`MARK`)."""
    sa, sb = a.startswith(MARK), b.startswith(MARK)
    if sa and sb:
        return (1.0, "exact") if a == b else (0.0, "none")
    word, latin = (a[1:], b) if sa else (b[1:], a)
    if spells(word, latin):
        return ABJAD_SIM, "script"
    return 0.0, "none"


def script_form_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The script tokens of a name in Arabic script with their classes, or None."""
    if not has_arabic(text):
        return None
    toks: list[str] = []
    classes: list[str] = []
    for w in script_words(text):
        if w == "al":
            toks.append("al")
            classes.append("particle")
        else:
            toks.append(MARK + w)
            classes.append("core")
    if not any(c == "core" for c in classes):
        return None
    return tuple(toks), tuple(classes)


def display(token: str) -> str:
    """A token as shown to people (a script token without its mark)."""
    return token[1:] if token.startswith(MARK) else token


__all__ = [
    "ABJAD_SIM",
    "MARK",
    "display",
    "has_arabic",
    "latin_key",
    "script_form_tokens",
    "script_keys",
    "script_similarity",
    "script_words",
    "spells",
]
