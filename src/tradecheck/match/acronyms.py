"""An organisation's acronym against its name spelt out ("PLA" / "People's Liberation Army").

Organisations are named by the initials of their words as often as by the words:
"PLA" for "People's Liberation Army", "IRGC" for "Islamic Revolutionary Guard
Corps". The lists give the acronym only now and then ("... (SMIC)", which
:func:`~tradecheck.match.variants.name_variants` reads), so the scorer reads it too:
a word of one name written in capitals, of three letters or more, whose letters are
the initials of three or more adjacent words of the other name, in order, stands for
those words. Linking words ("of", "the", "and" …, ``ACRONYM_SKIP``) may be left out
of the initials, as acronyms do ("BOC" for "Bank of China"); a legal form may be
spelt ("SMIC" for "Semiconductor Manufacturing International Corporation").
Words around the acronym are compared as usual ("PLA China").

Cautious on purpose:

* capitals are the mark of an acronym: a word written in capitals within a name that
  is not all capitals, or a name that is that one word ("PLA"); in a name written
  all in capitals ("SUN TRADING LTD") every word is in capitals and none is taken
  for an acronym;
* three letters or more, each word spelt out of two letters or more: two letters
  spell too many pairs of words, and single letters are initials already joined by
  the scorer ("ABC" / "A.B.C.");
* organisations only, and not when the word is itself a word of the other name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tradecheck.match.features import Alignment
from tradecheck.match.normalize import NameForm
from tradecheck.match.pairing import pair_numbers, pair_tokens
from tradecheck.match.weights import token_weights

#: Words an acronym may leave out (English, French, Spanish, German linking words).
ACRONYM_SKIP: Final = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "del", "y", "et", "und"}
)

#: Fewest letters of an acronym (and so fewest words it spells out).
MIN_LETTERS: Final = 3

#: Most letters of an acronym looked at.
MAX_LETTERS: Final = 8


#: No word that may be an acronym.
_NONE: Final[frozenset[str]] = frozenset()


def _capital_words(raw: str) -> frozenset[str]:
    """The words of ``raw`` written in capitals (folded), empty when none may be an
    acronym (no such word, or a name of several words all in capitals)."""
    words = raw.replace("’", "'").split()
    several = len(words) > 1
    if several and raw.isupper():
        return _NONE  # (no lower-case letter: half the listed names, found at once)
    caps: list[str] = []
    for w in words:
        if MIN_LETTERS <= len(w) <= MAX_LETTERS and w.isupper() and w.isalpha():
            caps.append(w.lower())
    if not caps:
        return _NONE
    # A name of several words with no lower-case letter. (``raw`` has a capital and is
    # not all capitals, ``isupper``: so it has a lower-case or a title-case letter, and
    # ASCII has no title-case letters.)
    if several and not raw.isascii() and not any(ch.islower() for ch in raw):
        return _NONE
    return frozenset(caps)


def capitals(form: NameForm) -> frozenset[str]:
    """The words of ``form``'s name that may be acronyms (:func:`_capital_words` of its
    raw name), cached on the form: most names have none, and then neither side of a
    pair of them spells an acronym, found at once."""
    caps = form.capitals
    if caps is None:
        caps = form.capitals = _capital_words(form.raw)
    return caps


def _spelt(acronym: str, tokens: Sequence[str], start: int) -> int:
    """The end of the run of ``tokens`` from ``start`` whose initials spell ``acronym``
    (linking words optionally left out), or -1."""
    k = 0
    j = start
    n = len(tokens)
    while j < n and k < len(acronym):
        t = tokens[j]
        if len(t) < 2 or not t.isalpha():
            return -1
        if t[0] == acronym[k] and not (t in ACRONYM_SKIP and k == 0):
            k += 1
        elif t not in ACRONYM_SKIP or k == 0:
            return -1
        j += 1
    return j if k == len(acronym) else -1


def find_acronym(
    acr_tokens: Sequence[str], raw: str, tokens: Sequence[str]
) -> tuple[int, int, int] | None:
    """An acronym among ``acr_tokens`` (of a name written ``raw``) spelling a run of
    ``tokens``: (its position, the run's start, the run's end), or None."""
    return _find(acr_tokens, _capital_words(raw), tokens)


def _find(
    acr_tokens: Sequence[str], caps: frozenset[str], tokens: Sequence[str]
) -> tuple[int, int, int] | None:
    """:func:`find_acronym`, given the capital words (``caps``) of the acronym's name."""
    if not caps:
        return None
    for i, a in enumerate(acr_tokens):
        if not (MIN_LETTERS <= len(a) <= MAX_LETTERS) or a not in caps or a in tokens:
            continue
        for start in range(len(tokens) - len(a) + 1):
            if tokens[start][0] != a[0] or tokens[start] in ACRONYM_SKIP:
                continue
            end = _spelt(a, tokens, start)
            if end > 0:
                return i, start, end
    return None


#: Similarity of an acronym to the words it spells ("PLA" / "People's Liberation Army"):
#: an acronym may stand for other names too.
ACRONYM_SIM: Final = 0.95


def align_acronym(
    q: NameForm,
    c: NameForm,
    qt: Sequence[str],
    qc: Sequence[str],
    ct: Sequence[str],
    cc: Sequence[str],
    exact_only: bool,
) -> Alignment | None:
    """:func:`~tradecheck.match.score.align` for organisations when a word of one name
    is an acronym of adjacent words of the other (``qt``/``qc``, ``ct``/``cc``: the
    tokens and classes as the scorer has them): those words are one token, aligned
    with the acronym (``ACRONYM_SIM``). None when neither name has such an acronym."""
    q_caps = capitals(q)
    c_caps = capitals(c)
    if not q_caps and not c_caps:
        return None  # (most pairs)
    query_side = True
    found = _find(qt, q_caps, ct)
    if found is None:
        found = _find(ct, c_caps, qt)
        query_side = False
        if found is None:
            return None
    k, start, end = found
    acr, spelt_t, spelt_c = (qt, ct, cc) if query_side else (ct, qt, qc)
    # The spelt-out words stand as the acronym itself for the pairing (so that it meets
    # them), then as the words, for the explanation.
    one_t = [*spelt_t[:start], acr[k], *spelt_t[end:]]
    one_c = [*spelt_c[:start], "core", *spelt_c[end:]]
    # (The pairing reads tuples; the spelt words are put back before the weights.)
    paired_t = tuple(one_t)
    if query_side:
        pairs0 = pair_tokens(tuple(qt), paired_t, False, exact_only)
        target = (k, start)
    else:
        pairs0 = pair_tokens(paired_t, tuple(ct), False, exact_only)
        target = (start, k)
    pairs = [
        (i, j, ACRONYM_SIM, "acronym") if (i, j) == target else (i, j, s, how)
        for i, j, s, how in pairs0
    ]
    if query_side:
        pair_numbers(tuple(qt), paired_t, pairs)
    else:
        pair_numbers(paired_t, tuple(ct), pairs)
    one_t[start] = " ".join(spelt_t[start:end])
    if query_side:
        qt2, qc2, ct2, cc2 = tuple(qt), tuple(qc), tuple(one_t), tuple(one_c)
    else:
        qt2, qc2, ct2, cc2 = tuple(one_t), tuple(one_c), tuple(ct), tuple(cc)
    qw = tuple(token_weights(qt2, qc2, False, q.syllabic))
    cw = tuple(token_weights(ct2, cc2, False, c.syllabic))
    return Alignment(qt2, ct2, qw, cw, qc2, cc2, pairs, False)


def may_spell(q: NameForm, c: NameForm) -> bool:
    """Could a word of one form be an acronym of words of the other? (Such a pair's
    score is not bounded by its token weights: :func:`~tradecheck.match.bound.may_join`.)"""
    q_caps = capitals(q)
    c_caps = capitals(c)
    if not q_caps and not c_caps:
        return False  # (most pairs)
    return (
        _find(q.tokens, q_caps, c.tokens) is not None
        or _find(c.tokens, c_caps, q.tokens) is not None
    )


__all__ = ["ACRONYM_SIM", "ACRONYM_SKIP", "align_acronym", "capitals", "find_acronym", "may_spell"]
