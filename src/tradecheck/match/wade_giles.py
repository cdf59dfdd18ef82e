"""Wade–Giles names read as Hanyu Pinyin.

"Mao Tse-tung" and "Mao Zedong" are one name in two romanisations; so are
"Chiang Ching-kuo" and "Jiang Jingguo". A Latin name that is recognisably
Wade–Giles gets a second form in pinyin (:func:`wade_giles_reading`), which the
matcher compares like any other form. The syllable table is data
(``data/match/wade_giles.yaml``, generated from pypinyin's cited table).

A name is read only when it shows Wade–Giles — a word whose syllables are joined
by hyphens, each a Wade–Giles syllable ("Chin-ping"), or a syllable of three
letters or more that is Wade–Giles and not pinyin ("Hsi", "Tse", "Tung") — and
at least half of its words are Wade–Giles syllables. Each word whose syllables are
all Wade–Giles is converted, its syllables joined as pinyin writes a given name;
other words stay as they are. The aspiration mark decides between the two
readings ("ch'in" → qin, "chin" → jin); when it is left out, as it usually is,
the unaspirated reading is taken and the typo-level similarity of the scorer
bridges the rest ("Hsi Chin-ping" → "xi jinbing" ~ "xi jinping").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from tradecheck.errors import DataFileError
from tradecheck.match.tables import load_table

_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʻ": "'", "ʼ": "'"})
_SPLIT: Final = re.compile(r"[^a-z0-9'\-]+")
_RUN: Final = re.compile(r"[a-z0-9']+")
#: Characters of lower-case text that neither ``_APOSTROPHES`` nor ü → u make ASCII.
_FOREIGN: Final = re.compile(r"[^\x00-\x7f’‘ʻʼü]")
#: A syllable shows Wade–Giles on its own only from this length ("hsi", "tung"):
#: shorter ones ("i", "o", "no") are words, initials and numerals of other languages.
_MIN_SHOWING: Final = 3


@cache
def syllables() -> dict[str, str]:
    """Wade–Giles syllable (ASCII, aspiration mark kept) → pinyin syllable."""
    raw = load_table("wade_giles.yaml").get("syllables")
    if not isinstance(raw, dict) or not raw:
        raise DataFileError("expected a mapping 'syllables'", file="wade_giles.yaml")
    return {str(k): str(v) for k, v in raw.items()}


@cache
def _pinyin_syllables() -> frozenset[str]:
    return frozenset(syllables().values())


@cache
def _showing() -> frozenset[str]:
    """Syllables that show Wade-Giles on their own (not pinyin, three letters or more)."""
    pinyin = _pinyin_syllables()
    return frozenset(s for s in syllables() if s not in pinyin and len(s) >= _MIN_SHOWING)


def _fold(text: str) -> str | None:
    """Lower-case ASCII with ü → u, or None when the text is not in Latin letters."""
    # Lower case first (the same text: no character of the table has a case).
    t = text.lower()
    if t.isascii():
        # "`" is the one ASCII character of the table.
        return t.replace("`", "'") if "`" in t else t
    if _FOREIGN.search(t) is not None:
        return None  # a character that nothing below makes ASCII (a name in another script)
    return t.translate(_APOSTROPHES).replace("ü", "u")


def shows_wade_giles(words: list[str]) -> bool:
    """Does one of ``words`` (lower case, letters only) show Wade–Giles on its own?

    A text of letters and spaces only is read (:func:`wade_giles_reading`) only when
    one of its words does: the caller that has the words already asks this first.
    """
    showing = _showing()
    return any(w in showing for w in words)


def wade_giles_reading(text: str) -> str | None:
    """``text`` with its Wade–Giles words in pinyin, or None when it shows no Wade–Giles.

    Total: never raises. The result is lower case, one space between words.
    """
    folded = _fold(text)
    if folded is None:
        return None
    if "-" not in folded:
        # Without hyphens the words are the runs of letters, digits and apostrophes:
        # nothing in the name can show Wade-Giles unless one of them does (the common
        # case, checked fast).
        if folded.replace(" ", "").isalpha():
            # Letters and spaces only (most names; ASCII): the runs are the words.
            if not shows_wade_giles(folded.split()):
                return None
        else:
            showing = _showing()
            if not any(w.strip("'") in showing for w in _RUN.findall(folded)):
                return None
    words = [w.strip("-'") for w in _SPLIT.split(folded)]
    table = syllables()
    pinyin = _pinyin_syllables()
    shows = False
    changed = False
    read = 0
    out: list[str] = []
    for word in words:
        if not word:
            continue
        parts = [p for p in word.split("-") if p]
        if parts and all(p in table for p in parts):
            if len(parts) >= 2 or any(p not in pinyin and len(p) >= _MIN_SHOWING for p in parts):
                shows = True
            new = "".join(table[p] for p in parts)
            changed = changed or new != word.replace("-", "")
            out.append(new)
            read += 1
        else:
            out.append(word)
    # Most words of the name must be Chinese syllables: one stray syllable in a
    # Western or Korean name is not a Chinese name.
    if not (shows and changed) or 2 * read < len(out):
        return None
    return " ".join(out)


__all__ = ["shows_wade_giles", "syllables", "wade_giles_reading"]
