"""How much each token of a name counts in the scorer's weighted Dice coefficient.

A token weighs by its class (``weights.yaml``): distinctive words 1.0, generic
organisation words, name particles, legal forms and titles little. A few rules
adjust that: a generic word or a place is a distinctive word in a person's name or
in an organisation's name that has no other; a repeated word of a person's name adds
little; a single letter is an initial in a person's name and a stray letter in an
organisation's. :mod:`tradecheck.match.score` aligns the tokens; :mod:`.bound` bounds
a pair's score from the same weights.
"""

from __future__ import annotations

from typing import Final

from tradecheck.match.normalize import NameForm
from tradecheck.match.tables import class_weights

#: Weight of a word repeated in a person's name (the second time).
DUPLICATE_WEIGHT: Final = 0.35

#: Weight of a single letter in an organisation's name ("S.A. de C.V.").
LETTER_WEIGHT: Final = 0.2

#: Weight of a single-letter token (an initial).
INITIAL_WEIGHT: Final = 0.5


class _Held:
    """The class weights, fetched once (a native attribute: no call through the
    table's cache wrapper for each name weighed)."""

    __slots__ = ("weights",)

    def __init__(self) -> None:
        self.weights: dict[str, float] | None = None


_HELD: Final = _Held()


def token_weights(
    tokens: tuple[str, ...], classes: tuple[str, ...], person: bool, syllabic: bool = False
) -> list[float]:
    """The weight of each of ``tokens`` (of classes ``classes``); ``syllabic``: the tokens
    are syllables read from Chinese or Korean characters."""
    cw = _HELD.weights
    if cw is None:
        cw = _HELD.weights = class_weights()
    has_core = False
    for c in classes:
        if c == "core" or c == "number":
            has_core = True
            break
    out: list[float] = []
    # A repeated word of a person's name adds little ("Sergey Sergey Shoigu");
    # not a syllable read from characters (柳 and 刘 both read "liu").
    repeats = person and not syllabic
    for k in range(len(tokens)):
        t, c = tokens[k], classes[k]
        if repeats and _repeated(tokens, k):
            out.append(min(DUPLICATE_WEIGHT, cw.get(c, 1.0)))
            continue
        if (c == "generic" or c == "place") and (person or not has_core):
            c = "core"
        w = cw.get(c, 1.0)
        if len(t) == 1 and c == "core" and not syllabic and not t.isdigit():
            # An initial in a person's name; a stray letter in an organisation's.
            w = INITIAL_WEIGHT if person else LETTER_WEIGHT
        out.append(w)
    return out


def _repeated(tokens: tuple[str, ...], k: int) -> bool:
    """Is ``tokens[k]`` one of the tokens before it? (A compiled loop over a handful of
    tokens: no set built for each name.)"""
    t = tokens[k]
    return any(tokens[j] == t for j in range(k))


def form_weights(
    form: NameForm, tokens: tuple[str, ...], classes: tuple[str, ...], person: bool
) -> tuple[float, ...]:
    """The weights of a form's tokens (``tokens``: the form's own, or some of them
    joined), cached on the form unless tokens were joined."""
    # A one-letter token read from Korean or Chinese is a whole syllable ("이" → "i"),
    # not an initial.
    if len(tokens) != len(form.tokens):
        return tuple(token_weights(tokens, classes, person, form.syllabic))
    w = form.weights.get(person)
    if w is None:
        # A tuple: the garbage collector stops tracking it (record forms are kept
        # for the life of the index, and every tracked object slows each collection).
        w = form.weights[person] = tuple(token_weights(tokens, classes, person, form.syllabic))
    return w


__all__ = ["DUPLICATE_WEIGHT", "INITIAL_WEIGHT", "LETTER_WEIGHT", "form_weights", "token_weights"]
