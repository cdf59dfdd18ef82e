"""Initials of a compound given name: "J.-C." or "JC" for Jean-Claude.

French (and other languages) abbreviate a hyphenated given name by a hyphenated pair
of initials ("J.-C." for Jean-Claude, "J.-P." for Jean-Pierre); run together they
are a two-letter word without a vowel ("JC"). Against two adjacent given names that
begin with those letters, in order, the scorer takes them as one initial of one
compound name (:func:`tradecheck.match.score.align`).
"""

from __future__ import annotations

import re
from typing import Final

from tradecheck.match.normalize import NameForm

#: A hyphenated pair of initials ("J.-C.").
_HYPHEN_INITIALS: Final = re.compile(
    r"(?<![^\W\d_])([^\W\d_])\.?\s?[-\u2010\u2011\u2013]\s?([^\W\d_])\.?(?![^\W\d_])"
)
_VOWEL_LETTERS: Final = frozenset("aeiouy")


def _compound_initials(form: NameForm) -> tuple[int, ...]:
    """:func:`_find_compound_initials`, cached on the form."""
    got = form.compound
    if got is None:
        got = form.compound = _find_compound_initials(form)
    return got


def _find_compound_initials(form: NameForm) -> tuple[int, ...]:
    """Where a form abbreviates a compound given name: (first token, number of tokens).

    Either a hyphenated pair of initials ("J.-C.": two one-letter tokens), or a
    two-letter token without a vowel written so in the name ("JC"): no word of a
    name, two initials run together. Not a name read from another script (a word of
    Arabic script read letter by letter is often two consonants).
    """
    if 1 not in form.lens and 2 not in form.lens:
        return ()
    toks = form.tokens
    raw: str | None = None
    for k, t in enumerate(toks):
        if len(t) == 2 and t.isascii() and t.isalpha() and _VOWEL_LETTERS.isdisjoint(t):
            if form.classes[k] != "core":
                continue
            raw = form.raw.casefold() if raw is None else raw
            if re.search(rf"(?<![^\W\d_]){t}(?![^\W\d_])", raw):
                return k, 1
        elif len(t) == 1 and k + 1 < len(toks) and len(toks[k + 1]) == 1 and t.isalpha():
            for m in _HYPHEN_INITIALS.finditer(form.raw):
                if (m.group(1) + m.group(2)).casefold() == t + toks[k + 1]:
                    return k, 2
    return ()


def _given_names(form: NameForm, letters: str) -> int | None:
    """The first of two adjacent names of ``form`` that begin with ``letters``, in order.

    Not when the first name also ends with the second letter: then the letters may be
    that one name contracted to its first and last letters, as "Md" is Mohammad and
    "Wm" William.
    """
    toks, cls = form.tokens, form.classes
    for k in range(len(toks) - 1):
        a, b = toks[k], toks[k + 1]
        if (
            len(a) >= 2
            and len(b) >= 2
            and a[0] == letters[0]
            and b[0] == letters[1]
            and a[-1] != letters[1]
            and cls[k] == "core"
            and cls[k + 1] == "core"
            and a.isalpha()
            and b.isalpha()
        ):
            return k
    return None


def compound_initials(q: NameForm, c: NameForm) -> tuple[bool, int, int, int] | None:
    """Does one form give as initials two adjacent given names of the other?

    ("J.-C. Juncker", "JC Juncker" / "Jean-Claude Juncker".) Returns (the query holds
    the initials, their first token, their number of tokens, the first of the two
    names), or None. Persons' names in Latin letters only.
    """
    if q.syllabic or c.syllabic or q.han or c.han:
        return None
    # (Each side in turn, the query's first; most forms abbreviate nothing.)
    found = _compound_initials(q)
    if found:
        j = _given_names(c, "".join(q.tokens[found[0] : found[0] + found[1]]))
        if j is not None:
            return True, found[0], found[1], j
    found = _compound_initials(c)
    if found:
        j = _given_names(q, "".join(c.tokens[found[0] : found[0] + found[1]]))
        if j is not None:
            return False, found[0], found[1], j
    return None


__all__ = ["compound_initials"]
