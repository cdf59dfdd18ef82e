"""The multiplying features of the name score and the alignment they read.

:mod:`tradecheck.match.score` aligns two names' tokens (:class:`Alignment`) and takes
its base score from the weighted Dice coefficient of the alignment; each feature here
returns a factor (1.0: nothing against the match) and its reason, in the order of
``score.FEATURES``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from rapidfuzz.distance import Indel

from tradecheck.match.abjad import display
from tradecheck.match.normalize import NameForm
from tradecheck.match.similarity import TRANSLIT_SIM
from tradecheck.match.tables import word_set
from tradecheck.match.translit import _han_phrases, _is_han, _is_hangul

#: Factor when both names carry numbers and they differ ("Fund VII" / "Fund VIII"):
#: below the strong score, above the organisations' threshold when all else agrees.
NUMBERS_DIFFER = 0.85

#: Factor when each of two organisations' names has a place the other lacks (two
#: branches: "Bank of China (Hong Kong)" / "Bank of China (Singapore)").
PLACES_DIFFER = 0.8


class Alignment:
    """The aligned tokens of a query form and a candidate form (hot path: slots only)."""

    __slots__ = ("c", "ccls", "cw", "pairs", "person", "q", "qcls", "qw")

    def __init__(
        self,
        q: Sequence[str],
        c: Sequence[str],
        qw: Sequence[float],
        cw: Sequence[float],
        qcls: Sequence[str],
        ccls: Sequence[str],
        pairs: list[tuple[int, int, float, str]],
        person: bool,
    ) -> None:
        self.person = person
        self.q = q
        self.c = c
        self.qw = qw
        self.cw = cw
        self.qcls = qcls
        self.ccls = ccls
        self.pairs = pairs


FeatureFn = Callable[[Alignment, NameForm, NameForm], tuple[float, str]]


def _is_syllabic(form: NameForm) -> bool:
    return form.syllabic


def numbers_agree(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """Numbers in both names should be the same ("CETC 13" is not "CETC 14").

    Names that differ only in their numbers are two of a series (a fund, an
    institute, a vessel of one owner): no longer one name, but a sibling a reviewer
    should see — the score stays a possible match, never a strong one.
    """
    qn = {t for t in al.q if t.isdigit()}
    cn = {t for t in al.c if t.isdigit()}
    if qn and cn and qn != cn:
        return NUMBERS_DIFFER, f"numbers differ: {sorted(qn)} vs {sorted(cn)}"
    return 1.0, "numbers agree or absent"


def places_agree(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """An organisation's places must not contradict each other.

    A place in one name only names a branch ("Deutsche Bank (Schweiz) AG" for
    "Deutsche Bank AG") and weighs little; a place in each name that the other lacks
    names two branches ("Bank of China (Hong Kong)" / "Bank of China (Singapore)").
    """
    if al.person:
        return 1.0, "not an organisation"
    q_places = [i for i, k in enumerate(al.qcls) if k == "place"]
    c_places = [j for j, k in enumerate(al.ccls) if k == "place"]
    if not q_places or not c_places:
        return 1.0, "a place in one name at most"
    q_met = {i for i, _, s, _ in al.pairs if s >= TRANSLIT_SIM}
    c_met = {j for _, j, s, _ in al.pairs if s >= TRANSLIT_SIM}
    q_own = [al.q[i] for i in q_places if i not in q_met]
    c_own = [al.c[j] for j in c_places if j not in c_met]
    if q_own and c_own:
        return PLACES_DIFFER, f"places differ: {', '.join(q_own)} vs {', '.join(c_own)}"
    return 1.0, "places agree"


def distinctive_match(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """At least one distinctive token must match when both names have one."""
    q_core = [i for i, w in enumerate(al.qw) if w >= 0.9]
    c_core = [j for j, w in enumerate(al.cw) if w >= 0.9]
    if not q_core or not c_core:
        return 1.0, "no distinctive token on one side"
    if any(s >= 0.75 and al.qw[i] >= 0.9 and al.cw[j] >= 0.9 for i, j, s, _ in al.pairs):
        return 1.0, "a distinctive token matches"
    return 0.6, "only generic words, particles or legal forms agree"


def _cjk_core(text: str) -> str:
    chars = "".join(ch for ch in text if _is_han(ch) or _is_hangul(ch))
    for han, latin in _han_phrases():
        if latin in _LEGAL_CODES and han in chars:
            chars = chars.replace(han, "")
    return chars


_LEGAL_CODES = frozenset({"ltd", "co", "corp", "inc", "llc", "ooo"})


#: Factor on a person's score when the names put one name on opposite sides of "bin"
#: ("Omar bin Abdullah" / "Abdullah bin Omar": a son and his father).
LINEAGE_CROSSED = 0.75


def _lineage(
    tokens: Sequence[str], weights: Sequence[float], links: Collection[int]
) -> tuple[int, int] | None:
    """Positions of the own name and the father's around the first lineage word, if any.

    ``links`` are the positions of the lineage words ("bin", "ibn", "ben" …, or a word
    aligned with one on the other side: "been" for "ben"). The own name is the nearest
    weighted word before the first of them, the father's the nearest weighted word
    after it; particles ("al") are stepped over. None when the name has no lineage
    word with a name on each side.
    """
    for k in range(len(tokens)):
        if k in links:
            before = [i for i in range(k) if weights[i] >= 0.9]
            after = [i for i in range(k + 1, len(tokens)) if weights[i] >= 0.9]
            if before and after:
                return before[-1], after[0]
            return None
    return None


def lineage_order(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """A person's own name must not stand where the other name has the father's.

    In a name chain ("nasab") the word before "bin" is the person's own name and the
    word after it the father's: a match that aligns one name's own name with the
    other's father's name (or the reverse) is two generations of one family.
    """
    if not al.person:
        return 1.0, "not a person"
    lineage = word_set("lineage_particles")
    q_links = {i for i, t in enumerate(al.q) if t in lineage}
    c_links = {j for j, t in enumerate(al.c) if t in lineage}
    if not q_links and not c_links:
        return 1.0, "no name chain (bin, ibn)"
    for i, j, _, _ in al.pairs:
        if i in q_links or j in c_links:
            q_links.add(i)
            c_links.add(j)
    lq = _lineage(al.q, al.qw, q_links)
    lc = _lineage(al.c, al.cw, c_links)
    if lq is None or lc is None:
        return 1.0, "no name chain (bin, ibn) on both sides"
    to_c = {i: j for i, j, s, _ in al.pairs if s >= TRANSLIT_SIM}
    (q_own, q_father), (c_own, c_father) = lq, lc
    if to_c.get(q_own) == c_father or to_c.get(q_father) == c_own:
        return LINEAGE_CROSSED, (
            f"name chain crossed: {display(al.q[q_own])} son of {display(al.q[q_father])} "
            f"vs {display(al.c[c_own])} son of {display(al.c[c_father])}"
        )
    return 1.0, "name chains agree"


def cjk_characters(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """Names both written in Chinese or Korean characters must agree character by character."""
    if not (_is_syllabic(q) and _is_syllabic(c)):
        return 1.0, "not both in Chinese/Korean characters"
    a, b = _cjk_core(q.raw), _cjk_core(c.raw)
    if not a or not b or a == b:
        return 1.0, "characters agree"
    sim = Indel.normalized_similarity(a, b)
    return sim * sim, f"characters differ ({a} vs {b}): similarity {sim:.2f}"
