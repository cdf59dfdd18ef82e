"""The name-matching algorithm: a declared list of small features over a token alignment.

Algorithm :data:`ALGORITHM_NAME` version :data:`ALGORITHM_VERSION`:

1. Both names are normalised (:mod:`tradecheck.match.normalize`).
2. Adjacent tokens of one side that join into a token of the other side are
   merged ("hua wei" ~ "huawei", "vladimirputin" ~ "vladimir putin").
3. Tokens are aligned one to one, best similarity first
   (:func:`tradecheck.match.similarity.token_similarity`, paired by
   :func:`tradecheck.match.pairing.pair_tokens`); order is free.
4. ``name_tokens``: a weighted Dice coefficient over the alignment; each token
   weighs by its class (``weights.yaml``): distinctive words 1.0, generic
   organisation words, name particles, legal forms and titles little.
5. Further features multiply it: numbers must agree, a distinctive token must
   match, Chinese/Korean characters must agree one by one when both names are
   written in them.

The score depends only on the two names (and the tables), never on the lists
loaded: the same pair always scores the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from tradecheck.match.abjad import display
from tradecheck.match.acronyms import align_acronym
from tradecheck.match.features import (
    NAME_WORD_WEIGHT,
    Alignment,
    FeatureFn,
    _adds_number,
    _each_adds,
    _ends_in_order,
    _is_syllabic,
    _rare_part,
    _spelt_out,
    _substituted,
    _wholly_aligned,
    cjk_characters,
    designators_agree,
    distinctive_match,
    lineage_order,
    numbers_agree,
    places_agree,
)
from tradecheck.match.initials import compound_initials
from tradecheck.match.normalize import NameForm, normalize_name
from tradecheck.match.pairing import pair_numbers as _pair_numbers
from tradecheck.match.pairing import pair_tokens
from tradecheck.match.spelling import osa_distance
from tradecheck.match.tables import word_set
from tradecheck.match.weights import INITIAL_WEIGHT, form_weights, token_weights

ALGORITHM_NAME = "tc-name"
ALGORITHM_VERSION = "1.6"

#: Share of a person's score given by how much of the shorter name is covered.
PART_CREDIT: Final = 0.4

#: Share of an organisation's score given by how much of the query is covered by the
#: listed name (a listed name with one more word: "Lightborn Goods Trading Ltd").
ORG_PART_CREDIT: Final = 0.25

#: Share of a person's score given by coverage when the shorter name is the longer
#: one's first and last names with nothing in between contradicting it, in order
#: ("Jamal Sultan al-Tikriti" for "Jamal Mustafa Abdallah Sultan al-Tikriti": the
#: middle names left out), or a two-word name that agrees on a word that is no common
#: name ("Janan Agha" for "Janan Mohammad Ahmed Agha").
ORDERED_PART_CREDIT: Final = 0.7

#: Fewest words of the shorter name for that credit (two common words collide too often).
ORDERED_MIN_PARTS: Final = 3

#: Factor on an organisation's score when each name has a word the other lacks, in
#: the same place ("China State Construction Equipment" / "... Engineering") or not
#: ("Bowne Enterprise Solutions" / "Bowne Technology Enterprise").
ORG_REPLACED: Final = 0.9

#: Joined words at least this long may differ by one typo from the token they spell.
LONG_JOIN: Final = 10


def _within(word: str, other: tuple[str, ...]) -> bool:
    """``word in other``, compared as strings (a compiled loop, length first)."""
    return any(t == word for t in other)


def _spells(parts: tuple[str, ...], other: tuple[str, ...], short_parts: bool) -> bool:
    joined = "".join(parts)
    n = len(joined)
    if _within(joined, other):
        return True
    # One typo is forgiven when joining syllables ("Ho Kar" ~ "Howkar") or words
    # long enough for one typo to leave no doubt ("FridrichBuchenberg"): words of
    # three letters or more, none of them already on the other side.
    if n < 5:
        return False
    for p in parts:
        if not _within(p, other):
            break
    else:
        return False  # each part is on the other side as it stands: nothing to join
    if not short_parts:
        if n < LONG_JOIN or not joined.isalpha():
            return False
        for p in parts:
            if len(p) < 3 or _within(p, other):
                return False
    for t in other:
        m = len(t)
        if m >= 5 and -1 <= m - n <= 1 and osa_distance(joined, t, 1) <= 1:
            return True
    return False


def _merge(
    tokens: tuple[str, ...],
    classes: tuple[str, ...],
    lens: tuple[int, ...],
    other: tuple[str, ...],
    lengths: tuple[int, ...],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Join runs of 2–4 adjacent tokens that spell (to one typo) a token of the other side.

    ``lens``: the tokens' lengths. The tokens are given back as they are (no copy)
    unless some are joined.
    """
    n = len(tokens)
    if n < 2:
        return tokens, classes
    shortest = lens[0]
    for m in lens:
        if m < shortest:
            shortest = m
    longest = 0
    for m in lengths:
        if m > longest:
            longest = m
    if longest <= shortest + 1:
        return tokens, classes  # nothing on the other side is long enough to be a join
    # The lengths a join may have, as bits: a token's on the other side, give or take
    # one letter.
    near = 0
    for m in lengths:
        near |= (7 << m) >> 1
    out_t: list[str] | None = None
    out_c: list[str] = []
    i = 0
    while i < n:
        size = lens[i]
        found = 0
        sizes = 0  # (the numbers of tokens whose join has such a length, as bits)
        top = min(4, n - i)
        for k in range(2, top + 1):
            size += lens[i + k - 1]
            if (near >> size) & 1:
                sizes |= 1 << k
        for k in range(top, 1, -1):  # (the longest join first)
            if not (sizes >> k) & 1:
                continue
            short_parts = True
            for m in range(i, i + k):
                if lens[m] > 4:
                    short_parts = False
            if _spells(tokens[i : i + k], other, short_parts):
                found = k
                break
        if found:
            if out_t is None:
                out_t, out_c = list(tokens[:i]), list(classes[:i])
            out_t.append("".join(tokens[i : i + found]))
            seg = classes[i : i + found]
            out_c.append("core" if "core" in seg else seg[0])
            i += found
        else:
            if out_t is not None:
                out_t.append(tokens[i])
                out_c.append(classes[i])
            i += 1
    if out_t is None:
        return tokens, classes
    return tuple(out_t), tuple(out_c)


def _is_han_form(form: NameForm) -> bool:
    return form.han


def _align_compound(
    q: NameForm, c: NameForm, found: tuple[bool, int, int, int], exact_only: bool
) -> Alignment:
    """:func:`align` when one form gives two given names of the other as initials: the
    initials are one token (an initial, weight ``INITIAL_WEIGHT``), the two names one
    (a compound given name), aligned with each other as an initial (``INITIAL_SIM``)."""
    query_side, k, n, j = found
    ini, names = (q, c) if query_side else (c, q)
    it = list(ini.tokens)
    ic = list(ini.classes)
    it[k : k + n] = ["-".join(ini.tokens[k : k + n])]
    ic[k : k + n] = ["core"]
    nt = list(names.tokens)
    nc = list(names.classes)
    nt[j : j + 2] = [f"{nt[j]}-{nt[j + 1]}"]
    nc[j : j + 2] = ["core"]
    iw = token_weights(tuple(it), tuple(ic), True, ini.syllabic)
    iw[k] = INITIAL_WEIGHT
    nw = token_weights(tuple(nt), tuple(nc), True, names.syllabic)
    if query_side:
        qt, qc, qw, ct, cc, cw, preset = it, ic, iw, nt, nc, nw, (k, j)
    else:
        qt, qc, qw, ct, cc, cw, preset = nt, nc, nw, it, ic, iw, (j, k)
    pairs = pair_tokens(tuple(qt), tuple(ct), True, exact_only, preset)
    return Alignment(qt, ct, tuple(qw), tuple(cw), qc, cc, pairs, True)


def align(q: NameForm, c: NameForm, person: bool) -> Alignment:
    """Align the tokens of two forms one to one, best similarity first."""
    if person:
        found = compound_initials(q, c)
        if found is not None:
            return _align_compound(q, c, found, False)
    # A join needs a token on the other side longer than the shortest two of ours.
    # (Tuples are used as they are unless tokens are joined: no copies on the hot path.)
    qt: tuple[str, ...]
    qc: tuple[str, ...]
    ct: tuple[str, ...]
    cc: tuple[str, ...]
    if c.maxlen > q.join_min:
        qt, qc = _merge(q.tokens, q.classes, q.lens, c.tset, c.lens)
    else:
        qt, qc = q.tokens, q.classes
    if len(qt) == len(q.tokens):
        if q.maxlen > c.join_min:
            ct, cc = _merge(c.tokens, c.classes, c.lens, q.tset, q.lens)
        else:
            ct, cc = c.tokens, c.classes
    else:
        ct, cc = _merge(c.tokens, c.classes, c.lens, qt, tuple([len(t) for t in qt]))
    qw = form_weights(q, qt, qc, person)
    cw = form_weights(c, ct, cc, person)
    # A pinyin syllable stands for a whole character: "ming" is not "ping". Tokens
    # read from Chinese characters match exactly (joined syllables included).
    exact_only = (_is_syllabic(q) and _is_syllabic(c)) or _is_han_form(q) or _is_han_form(c)
    if not person:  # (an acronym of the other name's words: "PLA", acronyms.py)
        acr = align_acronym(q, c, qt, qc, ct, cc, exact_only)
        if acr is not None:
            return acr
    pairs = pair_tokens(qt, ct, person, exact_only)
    _pair_numbers(qt, ct, pairs)
    return Alignment(qt, ct, qw, cw, qc, cc, pairs, person)


# --- features: each returns (value, reason); the first is the base score, the rest multiply it.


def name_tokens(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """Weighted Dice coefficient of the aligned tokens (order-free)."""
    value, kind, dice, cov = _name_tokens(al, q, c)
    return value, _name_tokens_reason(al, kind, dice, cov)


def _name_tokens_reason(al: Alignment, kind: int, dice: float, cov: float) -> str:
    """:func:`name_tokens`' reason, from how its value was found (:func:`_name_tokens`)."""
    n = f"{len(al.pairs)} of {len(al.q)}/{len(al.c)} tokens aligned"
    if kind == _NO_TOKENS:
        return "no tokens"
    if kind == _ORG_REPLACED:
        if _substituted(al):
            return f"{n} (weighted Dice {_two(dice)}), a word of each name in the same place unlike"
        return f"{n} (weighted Dice {_two(dice)}), each name with a word the other lacks"
    if kind == _ORG_DICE:
        return f"{n} (weighted Dice)"
    if kind == _ORG_LISTED:
        return f"{n}: weighted Dice {_two(dice)}, every query word listed"
    return f"{n}: weighted Dice {_two(dice)}, shorter name covered {_two(cov)}"


_TWO_PLACES: Final[dict[float, str]] = {}


def _two(x: float) -> str:
    """``f"{x:.2f}"``, remembered (most names explained have a Dice coefficient of 1)."""
    if x == 0.0:
        return f"{x:.2f}"  # (-0.0 would meet 0.0 as a key)
    got = _TWO_PLACES.get(x)
    if got is None:
        if len(_TWO_PLACES) >= 1 << 14:
            _TWO_PLACES.clear()
        got = _TWO_PLACES[x] = f"{x:.2f}"
    return got


# How name_tokens found its value (for its reason, worked out only when explained).
_NO_TOKENS: Final = 0
_ORG_REPLACED: Final = 1
_ORG_DICE: Final = 2
_ORG_LISTED: Final = 3
_PERSON: Final = 4


def _name_tokens(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, int, float, float]:
    """:func:`name_tokens`' value, how it was found, the Dice coefficient and the coverage."""
    # (Each sum in its own float variable: mypyc miscompiles the sum of two sums. Each
    # side's sum is taken once and used again as its total.)
    q_sum: float = sum(al.qw)
    c_sum: float = sum(al.cw)
    total = q_sum + c_sum
    if total <= 0:
        return 0.0, _NO_TOKENS, 0.0, 0.0
    qw, cw = al.qw, al.cw
    num = sum(s * (qw[i] + cw[j]) for i, j, s, _ in al.pairs)
    dice = min(1.0, num / total)
    if not al.person:
        # Organisations: some credit when every word of the query is in the listed
        # name (the listed name is longer), none for words of the query not listed.
        qcov = sum(s * qw[i] for i, _, s, _ in al.pairs) / q_sum if q_sum else 0.0
        # (Not when the listed name adds a number: "Fund II" is one of a series, and
        # the query names none of them.)
        if qcov < 0.999 or len(al.q) < 2 or _adds_number(al):
            if _each_adds(al):
                return ORG_REPLACED * dice, _ORG_REPLACED, dice, 0.0
            return dice, _ORG_DICE, dice, 0.0
        value = (1 - ORG_PART_CREDIT) * dice + ORG_PART_CREDIT * qcov
        return value, _ORG_LISTED, dice, 0.0
    # A person's name is often listed or given in part (no father's or tribal name):
    # half the score is how much of the SHORTER name is covered, so a name that is
    # a part of the other is not punished like a name with a conflicting token.
    # A one-word name has no parts to give: it gets no such credit.
    query_shorter = q_sum <= c_sum
    if query_shorter:
        cov = sum(s * qw[i] for i, _, s, _ in al.pairs) / q_sum if q_sum else 0.0
        parts = _parts(qw)
    else:
        cov = sum(s * cw[j] for _, j, s, _ in al.pairs) / c_sum if c_sum else 0.0
        parts = _parts(cw)
    if parts < 2 or _substituted(al):
        # (A word of each name in the same place, unlike: no name given in part, but
        # one name where the other has another: the Dice coefficient alone.)
        cov = dice
    credit = PART_CREDIT
    if _wholly_aligned(al, query_shorter) and (
        (parts >= ORDERED_MIN_PARTS and _ends_in_order(al, query_shorter))
        or (
            parts == 2
            and not (q.syllabic or c.syllabic)
            and _rare_part(al, query_shorter, _spelt_out(q), _spelt_out(c))
        )
    ):
        credit = ORDERED_PART_CREDIT
    value = min(1.0, (1 - credit) * dice + credit * cov)
    return value, _PERSON, dice, cov


def _parts(weights: tuple[float, ...]) -> int:
    """The number of words of a person's name (particles included, titles not)."""
    n = 0
    for w in weights:
        if w >= NAME_WORD_WEIGHT:
            n += 1
    return n


#: The declared features of this algorithm version, in order.
FEATURES: tuple[FeatureFn, ...] = (
    name_tokens,
    numbers_agree,
    places_agree,
    distinctive_match,
    cjk_characters,
    lineage_order,
    designators_agree,
)

#: Their names (as :attr:`PairScore.features` gives them).
_FEATURE_NAMES: Final[tuple[str, ...]] = tuple(fn.__name__ for fn in FEATURES)


@dataclass(slots=True, init=False)
class PairScore:
    """The score of one query form against one candidate form, with its reasons."""

    score: float
    query: NameForm
    candidate: NameForm
    alignment: Alignment
    #: How :func:`name_tokens` found the base score: (value, kind, Dice, coverage).
    base: tuple[float, int, float, float]

    def __init__(
        self,
        score: float,
        query: NameForm,
        candidate: NameForm,
        alignment: Alignment,
        base: tuple[float, int, float, float],
    ) -> None:
        # (Written out: the generated one runs as Python, once for every pair scored.)
        self.score = score
        self.query = query
        self.candidate = candidate
        self.alignment = alignment
        self.base = base

    @property
    def features(self) -> list[tuple[str, float, str]]:
        """Each feature's name, value and reason, in the order of :data:`FEATURES`.

        Worked out when asked for (the features depend on the alignment and the forms
        alone): the reasons are needed only for the matches explained, and most pairs
        scored are no match.
        """
        al, q, c = self.alignment, self.query, self.candidate
        value, kind, dice, cov = self.base
        # (Called by name in the order of FEATURES, as score_forms calls them.)
        return [
            (_FEATURE_NAMES[0], value, _name_tokens_reason(al, kind, dice, cov)),
            _named(1, numbers_agree(al, q, c)),
            _named(2, places_agree(al, q, c)),
            _named(3, distinctive_match(al, q, c)),
            _named(4, cjk_characters(al, q, c)),
            _named(5, lineage_order(al, q, c)),
            _named(6, designators_agree(al, q, c)),
        ]

    def explain(self) -> dict[str, Any]:
        """The explanation: aligned tokens, their weights, the features and their reasons."""
        al = self.alignment
        matched_q = {i for i, _, _, _ in al.pairs}
        matched_c = {j for _, j, _, _ in al.pairs}
        out: dict[str, Any] = {
            "algorithm": f"{ALGORITHM_NAME}/{ALGORITHM_VERSION}",
            "query_form": " ".join(display(t) for t in self.query.tokens),
            "candidate_form": " ".join(display(t) for t in self.candidate.tokens),
            "tokens": [
                {
                    "query": display(al.q[i]),
                    "candidate": display(al.c[j]),
                    "similarity": _round(s, 3),
                    "how": how,
                    "weight": _round((al.qw[i] + al.cw[j]) / 2, 3),
                    "class": al.ccls[j],
                }
                for i, j, s, how in al.pairs
            ],
            "unmatched_query": [
                {"token": display(t), "weight": _round(al.qw[i], 3), "class": al.qcls[i]}
                for i, t in enumerate(al.q)
                if i not in matched_q
            ],
            "unmatched_candidate": [
                {"token": display(t), "weight": _round(al.cw[j], 3), "class": al.ccls[j]}
                for j, t in enumerate(al.c)
                if j not in matched_c
            ],
            "features": [
                {"name": n, "value": _round(v, 4), "reason": r} for n, v, r in self.features
            ],
        }
        via = self.query.via or self.candidate.via
        if via:
            out["via"] = via
        return out


def _named(k: int, got: tuple[float, str]) -> tuple[str, float, str]:
    """The k-th feature's name with its value and reason (:attr:`PairScore.features`)."""
    return _FEATURE_NAMES[k], got[0], got[1]


#: ``round(x, 3)`` and ``round(x, 4)`` of the values met so far (the same few weights
#: and similarities recur in every explanation, and rounding a float is slow).
_ROUNDED_3: Final[dict[float, float]] = {}
_ROUNDED_4: Final[dict[float, float]] = {}


def _round(x: float, digits: int) -> float:
    """``round(x, digits)`` (``digits`` 3 or 4), remembered."""
    if x == 1.0 or x == 0.0:
        return x  # (rounded as it is; and -0.0 would meet 0.0 as a key)
    seen = _ROUNDED_3 if digits == 3 else _ROUNDED_4
    got = seen.get(x)
    if got is None:
        if len(seen) >= 1 << 14:
            seen.clear()
        got = seen[x] = round(x, digits)
    return got


def score_forms(q: NameForm, c: NameForm, *, person: bool = False) -> PairScore:
    """Score one query form against one candidate form.

    The base score of :func:`name_tokens` times the other features' values; their
    reasons are put into words only when asked for (:attr:`PairScore.features`).
    """
    return score_aligned(align(q, c, person), q, c)


def score_aligned(al: Alignment, q: NameForm, c: NameForm) -> PairScore:
    """:func:`score_forms` of an alignment already made (``align(q, c, person)``)."""
    base = _name_tokens(al, q, c)
    # The features after name_tokens, in the order of FEATURES (the same product),
    # called by name: a compiled call each, not one through the tuple's function
    # objects with its arguments and result boxed.
    score = base[0] * numbers_agree(al, q, c)[0]
    score = score * places_agree(al, q, c)[0]
    score = score * distinctive_match(al, q, c)[0]
    score = score * cjk_characters(al, q, c)[0]
    score = score * lineage_order(al, q, c)[0]
    score = score * designators_agree(al, q, c)[0]
    return PairScore(_round(score, 4), q, c, al, base)


def best_pair(
    q_forms: list[NameForm], c_forms: list[NameForm], *, person: bool = False
) -> PairScore | None:
    """The best-scoring pair among all forms of two names."""
    best: PairScore | None = None
    for qf in q_forms:
        for cf in c_forms:
            ps = score_forms(qf, cf, person=person)
            if best is None or ps.score > best.score:
                best = ps
    return best


def compare(a: str, b: str, *, person: bool | None = None) -> PairScore | None:
    """Score two raw names; ``person`` None guesses from the absence of legal forms."""
    qa, qb = normalize_name(a), normalize_name(b)
    if not qa or not qb:
        return None
    if person is None:
        person = not any(cls in ("legal", "generic") for f in (*qa, *qb) for cls in f.classes)
    return best_pair(qa, qb, person=person)


__all__ = [
    "ALGORITHM_NAME",
    "ALGORITHM_VERSION",
    "FEATURES",
    "PairScore",
    "best_pair",
    "compare",
    "score_aligned",
    "score_forms",
    "word_set",
]
