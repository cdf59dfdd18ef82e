"""An exact upper bound of a pair's score from its token weights, to skip hopeless pairs.

The bound holds when no tokens can be joined (:func:`may_join` false); the
screening loop checks both before skipping a candidate.
"""

from __future__ import annotations

from collections.abc import Sequence

from tradecheck.match.normalize import NameForm
from tradecheck.match.score import (
    LONG_JOIN,
    ORDERED_MIN_PARTS,
    ORDERED_PART_CREDIT,
    ORG_PART_CREDIT,
    PART_CREDIT,
    _form_weights,
)


def _may_join(a: NameForm, b: NameForm) -> bool:
    """Could the scorer join adjacent tokens of ``a`` into a token of ``b``?"""
    toks = a.tokens
    for i in range(len(toks) - 1):
        if len(toks[i]) <= 4 and len(toks[i + 1]) <= 4:
            return True  # syllables: joined to one typo
        size = len(toks[i])
        for k in (2, 3, 4):
            if i + k > len(toks):
                break
            size += len(toks[i + k - 1])
            if "".join(toks[i : i + k]) in b.tset:
                return True
            # Long joins to one typo (see _spells).
            if size >= LONG_JOIN and (size in b.lens or size - 1 in b.lens or size + 1 in b.lens):
                return True
    return False


def _prefix(form: NameForm, person: bool) -> Sequence[float]:
    """Running sums of a form's weights, heaviest first (cached on the form)."""
    got = form.prefix.get(person)
    if got is None:
        w = sorted(_form_weights(form, list(form.tokens), list(form.classes), person), reverse=True)
        pre = [0.0]
        for x in w:
            pre.append(pre[-1] + x)
        got = form.prefix[person] = tuple(pre)  # (a tuple: untracked by the garbage collector)
    return got


def best_possible(q: NameForm, c: NameForm, *, person: bool) -> float:
    """An upper bound of a pair's score from its token weights alone, without aligning.

    Tokens align one to one, so at most ``k = min(len(q), len(c))`` pairs: the
    weighted Dice numerator is at most the ``k`` heaviest weights of each side;
    the partial-name credit adds at most its share; the other features only lower
    the score. Joined tokens change the weights: check :func:`may_join` before
    relying on the bound.
    """
    pq, pc = _prefix(q, person), _prefix(c, person)
    total = pq[-1] + pc[-1]
    if total <= 0:
        return 1.0
    k = min(len(pq), len(pc)) - 1
    dice = min(1.0, (pq[k] + pc[k]) / total)
    if person:
        # The in-order credit needs the lighter name to have enough words (name_tokens).
        nq, nc = len(pq) - 1, len(pc) - 1
        # (Near-equal sums: either may be the lighter, summed in another order.)
        lighter = nq if pq[-1] < pc[-1] else nc
        parts = max(nq, nc) if abs(pq[-1] - pc[-1]) < 1e-9 else lighter
        credit = ORDERED_PART_CREDIT if parts >= ORDERED_MIN_PARTS else PART_CREDIT
        # A two-word name with a word that may identify a person (score._rare_part).
        if min(nq, nc) == 2 and (q.rare or c.rare):
            credit = ORDERED_PART_CREDIT
    else:
        credit = ORG_PART_CREDIT
    return (1 - credit) * dice + credit


def may_join(q: NameForm, c: NameForm) -> bool:
    """Could the scorer join adjacent tokens of one form into a token of the other?"""
    return _may_join(q, c) or _may_join(c, q)


__all__ = ["best_possible", "may_join"]
