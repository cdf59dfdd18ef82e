"""A small phonetic key for Latin-letter tokens.

Spellings of one name across transliteration schemes differ mostly in vowels and
in letters that sound alike (Mohammed / Muhamad, Qaddafi / Gadafi, Tsvetkov /
Cvetkov). The key keeps the first letter's sound class and the consonant skeleton:
vowels dropped, like-sounding consonants merged, repeats collapsed unless a vowel
stands between them (as Soundex does: "Teterin" keeps t-t-r-n, "Mohammed" is m-h-m-d).
"""

from __future__ import annotations

from typing import Final

# Digraphs first: their sound differs from their letters'. (A list: compiled, a loop
# over a tuple of pairs made a new tuple for each, three times slower.)
_DIGRAPHS: Final = [
    ("sch", "s"),
    ("tch", "c"),
    ("ph", "f"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "j"),
    ("dh", "d"),
    ("th", "t"),
    ("ts", "s"),
    ("tz", "s"),
    ("ck", "k"),
    ("ks", "x"),
    ("dj", "j"),
    ("dzh", "j"),
]
#: Sound class of a letter ("": vowels, h and y); a letter not listed is its own class.
#: (A dictionary look-up per letter: ``str.translate`` made a new string for each.)
_CLASS_OF: Final[dict[str, str]] = {
    "b": "p",
    "p": "p",
    "c": "k",
    "k": "k",
    "q": "k",
    "g": "k",
    "d": "t",
    "t": "t",
    "f": "f",
    "v": "f",
    "w": "f",
    "s": "s",
    "z": "s",
    "x": "s",
    "j": "j",
    "y": "",
    "h": "",
    "l": "l",
    "r": "r",
    "m": "m",
    "n": "n",
    "a": "",
    "e": "",
    "i": "",
    "o": "",
    "u": "",
}
_VOWELS: Final = frozenset("aeiouy")


#: Keys worked out so far (a dict, not an lru_cache: a compiled call, no wrapper),
#: emptied when it holds ``_KEYS_MAX``.
_KEYS: Final[dict[str, str]] = {}
_KEYS_MAX: Final = 1 << 17


def phonetic_key(token: str) -> str:
    """The phonetic key of a lower-case token; empty for tokens under four letters.

    >>> phonetic_key("mohammed") == phonetic_key("muhamad")
    True
    """
    got = _KEYS.get(token)
    if got is None:
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        got = _KEYS[token] = _phonetic_key(token)
    return got


def _phonetic_key(token: str) -> str:
    """:func:`phonetic_key`, worked out."""
    if len(token) < 4 or not token.isalpha():
        return ""
    t = token
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    head = "a" if t[0] in "aeiouy" else _CLASS_OF.get(t[0], t[0]) or t[0]
    out = [head]
    prev = head
    for ch in t[1:]:
        code = _CLASS_OF.get(ch, ch)
        if not code:
            if ch in _VOWELS:
                prev = ""  # a vowel keeps two like sounds apart (Teterin: t-t-r-n)
            continue
        if code != prev:
            out.append(code)
        prev = code
    key = "".join(out)
    return key if len(key) >= 3 else ""
