"""The multiplying features of the name score and the alignment they read.

:mod:`tradecheck.match.score` aligns two names' tokens (:class:`Alignment`) and takes
its base score from the weighted Dice coefficient of the alignment; each feature here
returns a factor (1.0: nothing against the match) and its reason, in the order of
``score.FEATURES``. Below them, what ``score.name_tokens`` reads of an alignment
besides the Dice coefficient: whether a name is given in part, a word replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Final

from rapidfuzz.distance import Indel

from tradecheck.errors import DataFileError
from tradecheck.match.abjad import MARK, display, has_arabic
from tradecheck.match.normalize import NameForm, is_rare_word
from tradecheck.match.similarity import TRANSLIT_SIM
from tradecheck.match.tables import common_names, load_table, word_set
from tradecheck.match.translit import _han_phrases, _is_han, _is_hangul

#: Factor when both names carry numbers and they differ ("Fund VII" / "Fund VIII"):
#: below the strong score, above the organisations' threshold when all else agrees.
NUMBERS_DIFFER: Final = 0.85

#: Lightest word that counts as a word of a person's name: particles do, titles and
#: legal forms do not ("Dr Rashid Tarkan" is a two-word name given in part).
NAME_WORD_WEIGHT: Final = 0.3

#: Factor when each of two organisations' names has a place the other lacks (two
#: branches: "Bank of China (Hong Kong)" / "Bank of China (Singapore)").
PLACES_DIFFER: Final = 0.8


class Alignment:
    """The aligned tokens of a query form and a candidate form (hot path: slots only)."""

    __slots__ = ("c", "ccls", "cw", "pairs", "person", "q", "qcls", "qw")

    def __init__(
        self,
        q: Sequence[str],
        c: Sequence[str],
        qw: tuple[float, ...],
        cw: tuple[float, ...],
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
    for t in al.q:
        if t.isdigit():
            break
    else:
        return 1.0, "numbers agree or absent"  # (most names: no set built)
    qn = {t for t in al.q if t.isdigit()}
    cn = {t for t in al.c if t.isdigit()}
    if cn and qn != cn:
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
    if "place" not in al.qcls or "place" not in al.ccls:
        return 1.0, "a place in one name at most"  # (most names: no lists built)
    q_places = [i for i, k in enumerate(al.qcls) if k == "place"]
    c_places = [j for j, k in enumerate(al.ccls) if k == "place"]
    q_met = {i for i, _, s, _ in al.pairs if s >= TRANSLIT_SIM}
    c_met = {j for _, j, s, _ in al.pairs if s >= TRANSLIT_SIM}
    q_own = [al.q[i] for i in q_places if i not in q_met]
    c_own = [al.c[j] for j in c_places if j not in c_met]
    if q_own and c_own:
        return PLACES_DIFFER, f"places differ: {', '.join(q_own)} vs {', '.join(c_own)}"
    return 1.0, "places agree"


#: Factor when a company's full registered name (with its legal form) is met by a
#: listed registered name that adds a place or a number to it ("Banco Santander S.A."
#: / "Banco Santander México S.A."): the listing is another company of the group.
DESIGNATOR_ADDED = 0.8


def designators_agree(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """A registered company name is not its group's company in a named country or series.

    When both names carry a legal form, each is the full name of one legal entity: a
    listed name that adds a country ("Banco Santander México S.A.") or a series
    number ("Bowne Global Solutions II Denmark A/S") the query lacks names a
    subsidiary or sibling, which the queried company is not: a parent is not listed
    with its subsidiary. So does a query that is the listed name with a series number
    added ("Northwind Fund II Ltd" for "Northwind Fund Ltd"): a second fund or company
    of a series is never a branch of the first. Two legal forms that one company law
    keeps apart ("AG" and "GmbH": ``legal_forms.yaml`` ``distinct_forms``) are two
    companies too, a company being registered in one form at a time. A brand or short
    name without a legal form ("faberlic" for "FABERLIC EUROPE Sp. z o.o.") may stand
    for any company of the group and is left alone, as is a query that adds a place
    itself (it may name a branch of the listed company: "Deutsche Bank (Schweiz) AG"
    for "Deutsche Bank AG").
    """
    if al.person or "legal" not in al.qcls or "legal" not in al.ccls:
        return 1.0, "not two registered company names"
    clash = _forms_clash(
        [t for i, t in enumerate(al.q) if al.qcls[i] == "legal"],
        [t for j, t in enumerate(al.c) if al.ccls[j] == "legal"],
    )
    if clash is not None:
        return DESIGNATOR_ADDED, (
            f"legal forms {clash[0]} and {clash[1]} of one company law: two companies"
        )
    # (A word aligned with a word of the other name, however loosely, is not added:
    # "Bank of Chima" for "Bank of China" misspells the place; two different places or
    # numbers are places_agree's and numbers_agree's.)
    q_met = {i for i, _, _, _ in al.pairs}
    if len({j for _, j, _, _ in al.pairs}) == len(al.c):
        # Every listed word met: the query is the listed name and more.
        q_added = [t for i, t in enumerate(al.q) if i not in q_met and t.isdigit()]
        if q_added:
            return DESIGNATOR_ADDED, (
                f"the query adds {', '.join(q_added)}: another company of the series"
            )
    for i, t in enumerate(al.q):
        if i not in q_met and (al.qcls[i] == "place" or t.isdigit()):
            return 1.0, "the query names its own place or number"
    c_met = {j for _, j, _, _ in al.pairs}
    added = [
        t for j, t in enumerate(al.c) if j not in c_met and (al.ccls[j] == "place" or t.isdigit())
    ]
    if added:
        return DESIGNATOR_ADDED, (
            f"the listed company adds {', '.join(added)}: another company of the group"
        )
    return 1.0, "no place or number added"


#: Legal form code -> the codes one company law keeps apart from it (filled once).
_DISTINCT_FORMS: dict[str, frozenset[str]] = {}


def _distinct_forms() -> dict[str, frozenset[str]]:
    """``legal_forms.yaml`` ``distinct_forms``: each code with the codes of the other
    forms of its company law (a row without codes or source is a DataFileError)."""
    if not _DISTINCT_FORMS:
        out: dict[str, set[str]] = {"": set()}  # (never empty once read)
        rows = load_table("legal_forms.yaml").get("distinct_forms") or []
        for k, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not row.get("source"):
                raise DataFileError(
                    "each row needs codes and a source",
                    file="legal_forms.yaml",
                    row=k,
                    field="distinct_forms",
                )
            codes = [str(x) for x in row.get("codes") or []]
            if len(codes) < 2:
                raise DataFileError(
                    "a row names two forms or more",
                    file="legal_forms.yaml",
                    row=k,
                    field="distinct_forms",
                )
            for a in codes:
                out.setdefault(a, set()).update(x for x in codes if x != a)
        _DISTINCT_FORMS.update({a: frozenset(b) for a, b in out.items()})
    return _DISTINCT_FORMS


def _forms_clash(q_forms: Sequence[str], c_forms: Sequence[str]) -> tuple[str, str] | None:
    """A legal form of each name that one company law keeps apart, no form in both."""
    if not q_forms or not c_forms:
        return None
    for a in q_forms:
        if a in c_forms:
            return None  # (a form in both names: another may be written in one only)
    distinct = _distinct_forms()
    for a in q_forms:
        others = distinct.get(a)
        if others:
            for b in c_forms:
                if b in others:
                    return a, b
    return None


def distinctive_match(al: Alignment, q: NameForm, c: NameForm) -> tuple[float, str]:
    """At least one distinctive token must match when both names have one."""
    if not any(w >= 0.9 for w in al.qw) or not any(w >= 0.9 for w in al.cw):
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


_LEGAL_CODES: Final = frozenset({"ltd", "co", "corp", "inc", "llc", "ooo"})


#: Factor on a person's score when the names put one name on opposite sides of "bin"
#: ("Omar bin Abdullah" / "Abdullah bin Omar": a son and his father).
LINEAGE_CROSSED: Final = 0.75


def _lineage(
    tokens: Sequence[str], weights: tuple[float, ...], links: Collection[int]
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
    if not any(t in lineage for t in al.q) and not any(t in lineage for t in al.c):
        return 1.0, "no name chain (bin, ibn)"
    q_links = {i for i, t in enumerate(al.q) if t in lineage}
    c_links = {j for j, t in enumerate(al.c) if t in lineage}
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


# --- what name_tokens (score) reads of an alignment: partial names, replaced words


def _adds_number(al: Alignment) -> bool:
    """Does the candidate have a number no query word is aligned with?"""
    c_met = {j for _, j, _, _ in al.pairs}
    return any(t.isdigit() and j not in c_met for j, t in enumerate(al.c))


def _each_adds(al: Alignment) -> bool:
    """Does each name have a word the other lacks (titles and legal forms left aside)?

    "Northwind Trading Services Ltd" / "Northwind Marine Trading Ltd": neither is the
    other given in part, wherever the words stand.
    """
    q_met = {i for i, _, _, _ in al.pairs}
    c_met = {j for _, j, _, _ in al.pairs}
    return any(w >= NAME_WORD_WEIGHT and i not in q_met for i, w in enumerate(al.qw)) and any(
        w >= NAME_WORD_WEIGHT and j not in c_met for j, w in enumerate(al.cw)
    )


def _substituted(al: Alignment) -> bool:
    """Does each name have an unmatched word between the same matched words?

    "Mohammed Qasim Mir Abdul Khudai Rahim" / "Mohammed Qasim Mir Wali Khudai Rahim":
    where one has Abdul the other has Wali — a word replaced, not left out. Only when
    the matched words stand in the same order in both names; titles and legal forms
    left aside.
    """
    if not al.pairs:
        return False
    # The candidate's word matched with each query word, and the reverse.
    to_c = [-1] * len(al.q)
    to_q = [-1] * len(al.c)
    for i, j, _, _ in al.pairs:
        to_c[i] = j
        to_q[j] = i
    last = -1
    for j in to_c:
        if j >= 0:
            if j < last:
                return False  # not in the same order
            last = j
    return (_gaps(to_c, al.qw) & _gaps(to_q, al.cw)) != 0


def _gaps(matched: list[int], weights: tuple[float, ...]) -> int:
    """The gaps holding an unmatched word, as bits: gap k lies between the k-th and the
    (k+1)-th matched word (0: before the first; the number matched: after the last).
    ``matched``: for each word, its match's position on the other side, or -1."""
    out = 0
    k = 0
    for pos in range(len(weights)):
        if matched[pos] >= 0:
            k += 1
        elif weights[pos] >= NAME_WORD_WEIGHT:
            out |= 1 << k
    return out


def _wholly_aligned(al: Alignment, query_shorter: bool) -> bool:
    """Is every weighted word of the shorter name matched at least as a transliteration?

    ("Barack Obama" in "Барак Хусеин Обама": Barack / Barak 0.9, the middle name
    left out.) A word matched below that (a typo-level or sound-alike match) is too
    uncertain for a name given in part to be credited like a whole one.
    """
    short_w = al.qw if query_shorter else al.cw
    matched = {(i if query_shorter else j) for i, j, s, _ in al.pairs if s >= TRANSLIT_SIM}
    return all(k in matched for k in range(len(short_w)) if short_w[k] >= NAME_WORD_WEIGHT)


def _spelt_out(form: NameForm) -> bool:
    """Are the form's words spelt with their vowels? (Not a letter-by-letter reading of
    Arabic script: "mhmd" is Mohammad, however rare the letters look.)"""
    return form.via is not None or form.raw.isascii() or not has_arabic(form.raw)


def _rare_part(al: Alignment, query_shorter: bool, q_spelt: bool, c_spelt: bool) -> bool:
    """Does a two-word name agree with the longer one on a word that may identify a person?

    "Ali Khamenei" for "KHAMENEI, Ali Husseini": Khamenei is no common name, so the
    name given in part is credited like a name with its middle names left out.
    "Jason Smith" for "Jason Dean Smith" is not: both words are common names
    (``common_names.yaml``), and such partial names collide with innocent people.
    """
    short_cls = al.qcls if query_shorter else al.ccls
    short_tok = al.q if query_shorter else al.c
    long_tok = al.c if query_shorter else al.q
    short_spelt, long_spelt = (q_spelt, c_spelt) if query_shorter else (c_spelt, q_spelt)
    for i, j, s, _ in al.pairs:
        if s < TRANSLIT_SIM:
            continue
        k, other = (i, long_tok[j]) if query_shorter else (j, long_tok[i])
        word = short_tok[k]
        if word[:1] == MARK or not short_spelt:
            if other[:1] == MARK or not long_spelt:
                continue  # Arabic script on both sides: how common the name is is unknown
            word = other  # the Latin spelling the Arabic word was read as
        if is_rare_word(word, short_cls[k]) and (other[:1] == MARK or other not in common_names()):
            return True
    return False


def _ends_in_order(al: Alignment, query_shorter: bool) -> bool:
    """Is the shorter name, word for word in order, the longer one with names left out?

    It starts with the longer name's first name (names left out in the middle or at
    the end: "Sami Karim Haddad" for "Sami Nabil Karim Haddad Shalhoub", a father's or
    tribal name appended), or it ends with the longer name's last name, with leading
    given names or middle names left out.
    """
    pairs = sorted(
        ((i, j) if query_shorter else (j, i)) for i, j, s, _ in al.pairs if s >= TRANSLIT_SIM
    )
    short_w = al.qw if query_shorter else al.cw
    long_w = al.cw if query_shorter else al.qw
    if len(pairs) < 2 or any(
        short_w[k] >= NAME_WORD_WEIGHT for k in range(len(short_w)) if k not in dict(pairs)
    ):
        return False
    longs = [j for _, j in pairs]
    if longs != sorted(longs):
        return False
    # First and last names (titles, particles and repeats left aside) on the long side,
    # met by names: a particle aligned before the first name ("Abdul" of "Abdul Ghani")
    # is stepped over, as the first name is found.
    heavy = [k for k, w in enumerate(long_w) if w >= 0.9]
    met = [j for j in longs if long_w[j] >= 0.9]
    if not heavy or not met:
        return False
    if met[0] == heavy[0]:
        return True  # the first name: names left out after it (or none)
    if met[-1] != heavy[-1]:
        return False
    # Leading given names left out: the shorter name whole, word for word, as the end
    # of the longer one ("MOHAMMAD RASUL AYYUB" for "ABDUL JALIL MOHAMMAD RASUL AYYUB").
    return _leading_left_out(longs, long_w)


def _leading_left_out(longs: list[int], long_w: tuple[float, ...]) -> bool:
    """Are the longer name's words ``longs`` (in order) adjacent, up to its end?"""
    return longs == list(range(longs[0], longs[0] + len(longs))) and all(
        w < NAME_WORD_WEIGHT for w in long_w[longs[-1] + 1 :]
    )
