"""An exact upper bound of a pair's score from its token weights, to skip hopeless pairs.

The bound holds when no tokens can be joined (:func:`may_join` false); the
screening loop checks both before skipping a candidate.
"""

from __future__ import annotations

from typing import Final

from tradecheck.match.abjad import MARK
from tradecheck.match.acronyms import may_spell
from tradecheck.match.features import NAME_WORD_WEIGHT, Alignment
from tradecheck.match.initials import compound_initials
from tradecheck.match.normalize import NameForm
from tradecheck.match.score import (
    LONG_JOIN,
    ORDERED_PART_CREDIT,
    ORG_PART_CREDIT,
    PART_CREDIT,
)
from tradecheck.match.similarity import TRANSLIT_SIM, token_similarity
from tradecheck.match.weights import form_weights


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


def _prefix(form: NameForm, person: bool) -> tuple[float, ...]:
    """Running sums of a form's weights, heaviest first (cached on the form)."""
    got = form.prefix.get(person)
    if got is None:
        # Heaviest first, by insertion (a handful of weights; equal weights in any
        # order give the same sums).
        w: list[float] = []
        for x in form_weights(form, form.tokens, form.classes, person):
            k = len(w)
            w.append(x)
            while k > 0 and w[k - 1] < x:
                w[k] = w[k - 1]
                k -= 1
            w[k] = x
        pre = [0.0]
        for x in w:
            pre.append(pre[-1] + x)
        got = form.prefix[person] = tuple(pre)  # (a tuple: untracked by the garbage collector)
    return got


#: Coverage from which the scorer grants the partial-name credits (score.name_tokens).
_FULL: Final = 0.999


def _covered(a: NameForm, b: NameForm, person: bool) -> bool:
    """Could ``a`` be covered (``_FULL``) by ``b``? Only exact tokens score 1.0, so the
    weight of ``a``'s tokens that ``b`` lacks must be within the shortfall allowed."""
    w = form_weights(a, a.tokens, a.classes, person)
    total = 0.0
    missing = 0.0
    # A number may stand in the place of another number (score.align).
    numbers = any(u.isdigit() for u in b.tokens)
    for t, x in zip(a.tokens, w, strict=True):
        total += x
        if t not in b.tset and not (numbers and t.isdigit()):
            missing += x
    return missing <= (1.0 - _FULL) * total + 1e-9


def _aligned(a: NameForm, b: NameForm, person: bool, a_is_query: bool) -> bool:
    """Could every weighted word of ``a`` match a word of ``b`` at the transliteration
    similarity or better (features._wholly_aligned, for persons' partial-name credits)?

    (The similarity is symmetric; it is asked for with the query's token first, as the
    scorer asks, so that the scorer finds it remembered.)"""
    w = form_weights(a, a.tokens, a.classes, person)
    exact_only = (a.syllabic and b.syllabic) or a.han or b.han
    numbers = any(u.isdigit() for u in b.tokens)
    for t, x in zip(a.tokens, w, strict=True):
        if x < NAME_WORD_WEIGHT or t in b.tset or (numbers and t.isdigit()):
            continue
        if exact_only and t[:1] != MARK:
            return False
        for u in b.tokens:
            sim = (
                token_similarity(t, u, exact_only)
                if a_is_query
                else token_similarity(u, t, exact_only)
            )
            if sim[0] >= TRANSLIT_SIM:
                break
        else:
            return False
    return True


def _credits(q: NameForm, c: NameForm, person: bool) -> tuple[float, float]:
    """The least and the most partial-name credit the pair's kind of name can get."""
    if person:
        return PART_CREDIT, ORDERED_PART_CREDIT
    if len(q.tokens) >= 2:
        return 0.0, ORG_PART_CREDIT
    return 0.0, 0.0  # an organisation gets no credit unless every query word is listed


def _credit(q: NameForm, c: NameForm, person: bool, q_sum: float, c_sum: float) -> float:
    """The largest partial-name credit the pair can get (see :func:`best_possible`)."""
    if person:
        # The partial-name credits (in order, or a two-word name with a rare word) need
        # the shorter name (the lighter) wholly matched: each of its words by a word of
        # the other at the transliteration similarity or better.
        # (Near-equal sums: either may be the lighter, summed in another order.)
        if abs(q_sum - c_sum) < 1e-9:
            shorter: tuple[tuple[NameForm, NameForm, bool], ...] = ((q, c, True), (c, q, False))
        elif q_sum < c_sum:
            shorter = ((q, c, True),)
        else:
            shorter = ((c, q, False),)
        for a, b, a_is_query in shorter:
            if len(a.tokens) >= 2 and _aligned(a, b, person, a_is_query):
                return ORDERED_PART_CREDIT
        return PART_CREDIT
    if len(q.tokens) >= 2 and _covered(q, c, person):
        return ORG_PART_CREDIT
    return 0.0  # an organisation gets no credit unless every query word is listed


def aligned_bound(al: Alignment) -> float:
    """An upper bound of the score of a pair aligned as ``al``, found from its pairs alone.

    The base score (``score.name_tokens``) is the weighted Dice coefficient, or for
    an organisation at most the mean of it and the query's coverage weighted by
    ``ORG_PART_CREDIT``, for a person at most the Dice coefficient and the better
    coverage of either name weighted by the larger credit; every other feature
    multiplies it by a factor of 1 or less. (1e-9 covers sums rounded in another
    order.) The screening loop skips a pair when even this cannot reach the
    threshold, before the features are worked out.
    """
    qw, cw = al.qw, al.cw
    q_sum: float = 0.0
    for x in qw:
        q_sum += x
    c_sum: float = 0.0
    for x in cw:
        c_sum += x
    total = q_sum + c_sum
    if total <= 0:
        return 0.0
    num: float = 0.0
    q_num: float = 0.0
    c_num: float = 0.0
    for p in al.pairs:
        s: float = p[2]
        a: float = s * qw[p[0]]
        b: float = s * cw[p[1]]
        num += a + b
        q_num += a
        c_num += b
    dice = num / total
    if dice > 1.0:
        dice = 1.0
    q_cov = q_num / q_sum if q_sum > 0 else 0.0
    if not al.person:
        org = (1 - ORG_PART_CREDIT) * dice + ORG_PART_CREDIT * q_cov
        return (org if org > dice else dice) + 1e-9
    # (Either credit, either name's coverage or the Dice coefficient in its place.)
    cov = q_cov
    c_cov = c_num / c_sum if c_sum > 0 else 0.0
    if c_cov > cov:
        cov = c_cov
    if dice > cov:
        cov = dice
    best = 0.0
    for credit in (PART_CREDIT, ORDERED_PART_CREDIT):
        v = (1 - credit) * dice + credit * cov
        if v > best:
            best = v
    return (best if best < 1.0 else 1.0) + 1e-9


def _bound(q: NameForm, c: NameForm, person: bool, needed: float | None, lift: float) -> float:
    """:func:`best_possible`; or, given ``needed``, when the credit cannot change whether
    the bound plus ``lift`` (and 1e-4 for rounding) reaches ``needed``, a bound on the
    same side of it found without the credit's token comparisons."""
    if len(q.tokens) == len(c.tokens):
        return 1.0  # every token may have its match: the Dice bound is 1 (any credit)
    pq, pc = _prefix(q, person), _prefix(c, person)
    total = pq[-1] + pc[-1]
    if total <= 0:
        return 1.0
    k = min(len(pq), len(pc)) - 1
    dice = min(1.0, (pq[k] + pc[k]) / total)
    if dice >= 1.0:
        return 1.0  # (whatever the credit)
    least, most = _credits(q, c, person)
    lo = (1 - least) * dice + least
    hi = (1 - most) * dice + most
    if least == most:
        return lo
    if needed is not None and (
        max(lo, hi) + lift + 1e-4 < needed or min(lo, hi) + lift + 1e-4 >= needed
    ):
        return max(lo, hi)
    credit = _credit(q, c, person, pq[-1], pc[-1])
    return (1 - credit) * dice + credit


def best_possible(q: NameForm, c: NameForm, *, person: bool) -> float:
    """An upper bound of a pair's score from its token weights alone, without aligning.

    Tokens align one to one, so at most ``k = min(len(q), len(c))`` pairs: the
    weighted Dice numerator is at most the ``k`` heaviest weights of each side;
    the partial-name credit adds at most its share, the larger ones only when the
    shorter name can be wholly matched — a person's words each by a word of the other
    at the transliteration similarity or better, an organisation query's words all in
    the listed name, as only equal tokens score 1.0; the other features only lower
    the score. Joined tokens change the weights: check :func:`may_join` before
    relying on the bound.
    """
    return _bound(q, c, person, None, 0.0)


def hopeless(q: NameForm, c: NameForm, *, person: bool, needed: float, lift: float = 0.0) -> bool:
    """Can the pair's score plus ``lift`` not reach ``needed``, whatever the alignment?

    The screening loop's test before scoring a candidate: :func:`best_possible` plus
    ``lift`` (and 1e-4: scores are rounded to 4 places) below ``needed``, no tokens
    to join (:func:`may_join`). The same answer as that test, cheaper: the
    partial-name credit's token comparisons are made only when the credit decides.
    """
    return _bound(q, c, person, needed, lift) + lift + 1e-4 < needed and not may_join(q, c)


def may_join(q: NameForm, c: NameForm) -> bool:
    """Could the scorer join adjacent tokens of one form into a token of the other?

    (Initials of a compound given name, "J.-C." or "JC" for "Jean Claude", are such a
    join: :func:`~tradecheck.match.initials.compound_initials`; so is an acronym of
    adjacent words: :func:`~tradecheck.match.acronyms.may_spell`.)
    """
    return (
        _may_join(q, c) or _may_join(c, q) or compound_initials(q, c) is not None or may_spell(q, c)
    )


__all__ = ["aligned_bound", "best_possible", "hopeless", "may_join"]
