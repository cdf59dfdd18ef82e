"""The edit distance of two tokens: the reference in Python for the C extension of this name.

The token similarity (:mod:`tradecheck.match.similarity`) and the scorer's joins
(:mod:`tradecheck.match.score`) count the edits between two tokens several times a
name, mostly of tokens of four to eight letters. Through rapidfuzz each count is a
call with a keyword argument whose own cost (about 1,350 instructions) far exceeds
the count's; ``setup.py`` compiles ``edits.c``, the same function in C (a positional
call and a bit-parallel count), into a binary that Python imports in preference to
this file while it was built from the sources in place (:mod:`tradecheck.match.native`).
Both give rapidfuzz's answers: ``tests/match/test_edits.py``.
"""

from __future__ import annotations

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


__all__ = ["osa_distance"]
