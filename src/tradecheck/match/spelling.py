"""How two tokens' spellings compare: the reference in Python for the C extension of this name.

Two letter-level questions the token similarity (:mod:`tradecheck.match.similarity`)
asks many times a name: how many edits separate two tokens (:func:`osa_distance`;
the scorer's joins ask too), and how a token reads with the letters that
transliteration schemes swap folded (:func:`translit_fold`). ``setup.py`` compiles
``spelling.c``, the same functions in C, into a binary that Python imports in
preference to this file while it was built from the sources in place
(:mod:`tradecheck.match.native`): through rapidfuzz an edit count is a call with a
keyword argument whose own cost (about 1,350 instructions) far exceeds the count's,
and a fold here is a dozen string passes. Both builds give the same answers (the
edit distance rapidfuzz's): ``tests/match/test_spelling.py``.
"""

from __future__ import annotations

import re
from typing import Final

from rapidfuzz.distance import OSA


def osa_distance(a: str, b: str, cutoff: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b``, or ``cutoff + 1`` when
    it is larger: ``OSA.distance(a, b, score_cutoff=cutoff)``.

    Insertions, deletions, substitutions and transpositions of adjacent letters, no
    letter edited twice, compared by code point. ``cutoff`` is 0 or more.
    """
    if cutoff < 0:
        raise ValueError("osa_distance: cutoff must be 0 or more")
    return OSA.distance(a, b, score_cutoff=cutoff)


# Korean romanisations differ too (Revised: "gim jeong eun"; McCune-Reischauer:
# "Kim Jong Un"): eo/o, eu/u, and a word-initial g/k (b/p and d/t too would
# equate common Western names: Barry / Parry).
_ONSETS: Final = {"g": "k"}
_FOLDS: Final = [  # (in this order, each over the whole token)
    ("eo", "o"),
    ("eu", "u"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("o", "u"),
    ("e", "i"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
]

_DIPHTHONG: Final = re.compile(r"(?:ay|ai|ey|ei)(?=[b-df-hj-np-tv-xz])")
_DIPHTHONG_SIGN: Final = "\u00e4"


def translit_fold(token: str) -> str:
    """``token`` with letters that transliteration schemes swap folded, doubles collapsed
    (worked out each time: :func:`tradecheck.match.similarity.translit_fold`
    remembers it)."""
    t = _ONSETS.get(token[0], token[0]) + token[1:] if token else token
    # One diphthong, four spellings before a consonant (Husayn / Hussein / Husain,
    # Haydar / Heidar): folded to a sign of its own, so that it meets no plain vowel.
    # Before a vowel the y is a consonant (Andreyev), at the end a Russian ending
    # (Sergey / Sergei, folded below).
    # (The pattern is run only on a word that has one of its letter pairs.)
    if len(t) >= 5 and ("ay" in t or "ai" in t or "ey" in t or "ei" in t):
        t = _DIPHTHONG.sub(_DIPHTHONG_SIGN, t)
    # A j after the first letter is a y (Sergej / Sergey); a first j is not (jong / yong).
    if "j" in t[1:]:
        t = t[0] + t[1:].replace("j", "y")
    for a, b in _FOLDS:
        if a in t:
            t = t.replace(a, b)
    out: list[str] = []
    for ch in t:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


__all__ = ["osa_distance", "translit_fold"]
