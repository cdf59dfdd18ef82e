"""Similarity of two normalised tokens, with the reason it holds."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Final

from tradecheck.match.abjad import MARK, script_similarity
from tradecheck.match.held_tables import (
    held_given_name_groups,
    held_name_affixes,
    held_romanisation,
    held_variant_groups,
)
from tradecheck.match.phonetic import phonetic_key
from tradecheck.match.spelling import osa_distance
from tradecheck.match.spelling import translit_fold as _translit_fold

#: The script mark and the edit distance, bound once (native constants: no look-ups).
_MARK: Final = MARK
_osa: Final = osa_distance

#: Similarity credited to a spelling that differs but sounds alike.
PHONETIC_SIM: Final = 0.8
#: Similarity credited to two spellings that differ only by transliteration scheme.
TRANSLIT_SIM: Final = 0.9

#: The class a first consonant has after folding (g/k/q, w/v, y/i); a first vowel
#: may fold with the next letter ("eu" → "u"), so vowels are not compared.
_ONSET_OF: Final = {"g": "k", "q": "k", "w": "v", "y": "i"}
_VOWELS: Final = frozenset("aeiou")

#: Similarity credited to a man's name with the Latvian nominative ending against the
#: name without it ("Lavrovs" ~ "Lavrov": ``romanisation.yaml``; persons only: an
#: organisation's word with an -s is a plural, scored as a typo, :func:`typo_similarity`).
LATVIAN_SIM: Final = 0.95
#: Similarity credited to an initial against a full name ("J" ~ "Joachim").
INITIAL_SIM: Final = 0.8
#: Similarities that hold between persons' names only (an initial, a familiar form).
_PERSON_ONLY: Final = frozenset({"initial", "nickname"})
#: Similarity credited to a familiar form of a given name ("Ben" ~ "Benjamin"; persons
#: only: ``given_names.yaml``).
NICKNAME_SIM: Final = 0.85


def is_nickname_pair(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` forms of one given name (``given_names.yaml``)?"""
    groups = held_given_name_groups()
    ga = groups.get(a)
    if ga is None:
        return False
    gb = groups.get(b)
    return gb is not None and not ga.isdisjoint(gb)


#: Folds worked out so far (a dict, not an lru_cache: a compiled call, no wrapper),
#: emptied when it holds ``_FOLDED_MAX`` (room for the lists' tokens and the queries').
_FOLDED: Final[dict[str, str]] = {}
_FOLDED_MAX: Final = 1 << 17


def translit_fold(token: str) -> str:
    """``token`` with letters that transliteration schemes swap folded, doubles collapsed
    (:func:`tradecheck.match.spelling.translit_fold`, remembered)."""
    got = _FOLDED.get(token)
    if got is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        got = _FOLDED[token] = _translit_fold(token)
    return got


@lru_cache(maxsize=1)
def _readings() -> tuple[re.Pattern[str], dict[str, str]]:
    rom = held_romanisation()
    table = dict(rom.readings)
    # Longest group first at each position; a j only after the first letter.
    alts = [re.escape(g) if g != "j" else "(?<=.)j" for g, _ in rom.readings]
    return re.compile("|".join(alts)), table


def _latvian_stem(token: str) -> str | None:
    """``token`` without the Latvian nominative ending of a man's name, if it has one."""
    rom = held_romanisation()
    ending = rom.ending
    if not token.endswith(ending):
        return None  # (most tokens: the ending read first, no slice made)
    stem = token[: -len(ending)]
    if (
        len(stem) < rom.min_stem
        or stem[-1] not in rom.after
        or not rom.not_letters.isdisjoint(token)
        or any(g in token for g in rom.not_groups)
    ):
        return None
    return stem


#: A j after a vowel and not before i or u: й, or the j of я, е, ё after a vowel
#: (Sergej, Selenskyj, Sulejman, Maja). Not the pinyin j (always before i or u:
#: Beijing, Nanjing), nor a Korean syllable's j after a consonant (Yeongja, Minjae).
_MARK_J: Final = re.compile(r"[aeiouy]j(?![iu])")


def scheme_marked(token: str) -> bool:
    """Does ``token`` show a letter group only the German, Polish, Czech or Latvian
    romanisations of Cyrillic write (``marks`` of ``romanisation.yaml``, a j after
    a vowel and not before i or u)?"""
    return bool(_flags(token) & _MARKED)


def _marked(token: str) -> bool:
    """:func:`scheme_marked`, worked out."""
    for m in held_romanisation().marks:
        if m in token:
            return True
    return token.find("j", 1) >= 0 and _MARK_J.search(token) is not None


@lru_cache(maxsize=1 << 16)
def scheme_reading(token: str) -> str:
    """``token`` read back into the lists' English convention, from the letters other
    languages' romanisations of Cyrillic use (``romanisation.yaml``): German, Polish,
    Czech, Latvian, French. ``token`` itself when it shows none of them.

    "selenskyj" → "selenskyy", "sergejs" → "sergey", "chruschtschow" → "khrushchov".
    A token is read so when it shows a letter group only those systems write
    (:func:`scheme_marked`); the Latvian ending -s is taken off a word of the
    Latvian alphabet.
    """
    if len(token) < 2 or not token.isalpha():
        return token
    t = _latvian_stem(token) or token
    if scheme_marked(token):
        pattern, table = _readings()
        t = pattern.sub(lambda m: table[m.group()], t)
    return t


_SCHEME_FOLDED: Final[dict[str, str]] = {}  # (as _FOLDED)


def scheme_fold(token: str) -> str:
    """:func:`translit_fold` of :func:`scheme_reading`, with the ``merge`` letters as one.

    Two tokens so folded alike, one of them marked (:func:`scheme_marked`), are
    transliteration variants of one Cyrillic name ("Selenskyj" / "Zelenskyy",
    "Sergejs" / "Sergey"); the letters are merged only then (German s for з).
    """
    got = _SCHEME_FOLDED.get(token)
    if got is None:
        if len(_SCHEME_FOLDED) >= _FOLDED_MAX:
            _SCHEME_FOLDED.clear()
        got = _SCHEME_FOLDED[token] = _scheme_fold(token)
    return got


def _scheme_fold(token: str) -> str:  # (scheme_fold, worked out)
    f = translit_fold(scheme_reading(token))
    merge = held_romanisation().merge
    if any(ch in f for ch in merge):
        f = "".join(merge.get(ch, ch) for ch in f)
        out: list[str] = []
        for ch in f:
            if not out or out[-1] != ch:
                out.append(ch)
        f = "".join(out)
    return f


def _latvian_pair(a: str, b: str, la: int, lb: int) -> bool:
    """Is one token the other with the Latvian nominative ending ("lavrovs", "lavrov")?"""
    # (A Latvian ending is one letter, s: checked before anything else is looked up.)
    if la == lb + 1 and a[-1] == "s" and a.startswith(b):
        return _latvian_stem(a) == b
    if lb == la + 1 and b[-1] == "s" and b.startswith(a):
        return _latvian_stem(b) == a
    return False


#: Bits of a token's flags (:func:`_flags`): marked (:func:`scheme_marked`); marked
#: or with the Latvian ending; with a part of ``name_affixes`` (:func:`has_affix`);
#: above them 1 + its group of ``variant_groups`` (0: none).
_MARKED: Final = 1
_SCHEME: Final = 2
_AFFIXED: Final = 4
_GROUP_SHIFT: Final = 3
_FLAGS: Final[dict[str, int]] = {}  # (emptied when it holds _FOLDED_MAX)


def _flags(token: str) -> int:
    """What the similarity asks of ``token`` besides its fold, as bits: one look-up
    per token, not one per question (an int: no object for the collector to track)."""
    got = _FLAGS.get(token)
    if got is None:
        if len(_FLAGS) >= _FOLDED_MAX:
            _FLAGS.clear()
        if _marked(token):
            got = _MARKED | _SCHEME
        else:
            got = _SCHEME if _latvian_stem(token) is not None else 0
        if has_affix(token):
            got |= _AFFIXED
        got |= (held_variant_groups().get(token, -1) + 1) << _GROUP_SHIFT
        _FLAGS[token] = got
    return got


def _scheme_similarity(a: str, b: str, xa: int, xb: int) -> float:
    """TRANSLIT_SIM when ``a`` and ``b`` (flags ``xa``, ``xb``) spell one Cyrillic
    name in two languages' conventions (one of them read back by
    :func:`scheme_reading`), else 0."""
    if not (xa | xb) & _SCHEME:
        return 0.0
    if (xa | xb) & _MARKED:
        return TRANSLIT_SIM if scheme_fold(a) == scheme_fold(b) else 0.0
    # Only a Latvian ending taken off: no letters merged.
    ra, rb = scheme_reading(a), scheme_reading(b)
    if ra == a and rb == b:
        return 0.0
    return TRANSLIT_SIM if translit_fold(ra) == translit_fold(rb) else 0.0


#: Share of the shortfall a common first letter forgives (up to PREFIX_MAX letters).
PREFIX_SCALE: Final = 0.1
PREFIX_MAX: Final = 4
#: Shortest token whose typo-level similarity the common beginning raises: in
#: shorter ones one letter is a large part of the word ("Snow" / "Snoe").
PREFIX_MIN_LEN: Final = 5


def _prefixed(a: str, b: str, sim: float) -> float:
    """A typo-level similarity raised for a common beginning (Winkler's prefix rule).

    Spelling variants of one name keep its beginning and differ further on
    (Sechin / Sechev, Narendra / Narender); two different names more often differ
    from the first letter (Hebert / Robert). Each of the first ``PREFIX_MAX``
    letters in common forgives ``PREFIX_SCALE`` of the shortfall; not for a word
    extended at its end.
    """
    if len(a) < PREFIX_MIN_LEN or len(b) < PREFIX_MIN_LEN:
        return sim
    # A word that is the other with letters added at its end is another word made
    # from it (Martin / Martinez, Ivan / Ivanov), not a misspelling: no bonus for
    # the beginning it shares by construction. (One letter may be a typo: Lavrov/s.)
    if abs(len(a) - len(b)) >= 2 and (a.startswith(b) or b.startswith(a)):
        return sim
    n = 0  # (an index, not zip: a compiled zip is a call into Python with its keyword)
    while n < PREFIX_MAX and n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return sim + n * PREFIX_SCALE * (1.0 - sim)


def typo_similarity(a: str, b: str) -> float:
    """The typo-level similarity of two Latin tokens alone (0 beyond the tolerated edits)."""
    la, lb = len(a), len(b)
    limit = allowed_edits(min(la, lb))
    if abs(la - lb) > limit:
        return 0.0
    d = _osa(a, b, limit)
    return _prefixed(a, b, 1.0 - d / max(la, lb)) if d <= limit else 0.0


def allowed_edits(length: int) -> int:
    """Edits tolerated between tokens whose shorter one has ``length`` letters.

    Short tokens are mostly acronyms and syllables: a changed letter makes another
    word, so one edit is tolerated only from two letters on and credited at its
    true (low) similarity; long tokens tolerate more.
    """
    if length <= 1:
        return 0
    if length <= 5:
        return 1
    if length <= 9:
        return 2
    return 3


#: Fewest letters a name keeps besides a part it shares with another (name_affixes).
AFFIX_REST_MIN: Final = 3


def shared_affix(a: str, b: str) -> tuple[str, str] | None:
    """The rest of ``a`` and ``b`` when both are built with one prefix or suffix of
    ``name_affixes`` ("abdurrahim", "abdurrahman" → "rahim", "rahman") and the rests
    differ by more than one typo, else None."""
    if not _flags(a) & _flags(b) & _AFFIXED:
        return None
    return _shared_affix(a, b)


def _shared_affix(a: str, b: str) -> tuple[str, str] | None:
    """:func:`shared_affix` of two tokens both with an affix."""
    prefixes, suffixes = held_name_affixes()
    for p in prefixes:
        if a.startswith(p) and b.startswith(p):
            n = len(p)
            if len(a) - n >= AFFIX_REST_MIN and len(b) - n >= AFFIX_REST_MIN:
                return _differ(a[n:], b[n:])
            break
    for x in suffixes:
        if a.endswith(x) and b.endswith(x):
            n = len(x)
            if len(a) - n >= AFFIX_REST_MIN and len(b) - n >= AFFIX_REST_MIN:
                return _differ(a[:-n], b[:-n])
            break
    return None


def _differ(x: str, y: str) -> tuple[str, str] | None:
    return (x, y) if _osa(x, y, 2) > 1 else None


@cache
def _affix_ends() -> tuple[bool, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The parts of ``name_affixes``: whether one is empty (every token has it), the
    prefixes by their first letter and the suffixes by their last, so that a token is
    compared only with the parts that begin or end with its own letters."""
    prefixes, suffixes = held_name_affixes()
    by_first: dict[str, tuple[str, ...]] = {}
    by_last: dict[str, tuple[str, ...]] = {}
    for p in prefixes:
        if p:
            by_first[p[0]] = (*by_first.get(p[0], ()), p)
    for x in suffixes:
        if x:
            by_last[x[-1]] = (*by_last.get(x[-1], ()), x)
    return "" in prefixes or "" in suffixes, by_first, by_last


def has_affix(a: str) -> bool:
    """Does ``a`` begin or end with a part of ``name_affixes``?"""
    always, by_first, by_last = _affix_ends()
    if not a:
        return always
    parts = by_first.get(a[0])
    if parts is not None and a.startswith(parts):
        return True
    parts = by_last.get(a[-1])
    return always or (parts is not None and a.endswith(parts))


class _Tally:
    """How many similarities are remembered (a native attribute: no global to rebind)."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0


#: Similarities remembered: first token → second token → (similarity, how); the
#: second table for ``exact_only``. A dict of dicts, not an lru_cache on the pair: no
#: key tuple built and hashed for each call, no call through the cache's wrapper (a
#: query token's row is looked up once and is small). Both are emptied together when
#: ``_SIMILAR_MAX`` similarities are held.
_SIMILAR: Final[dict[str, dict[str, tuple[float, str]]]] = {}
_SIMILAR_EXACT: Final[dict[str, dict[str, tuple[float, str]]]] = {}
_SIMILAR_HELD: Final = _Tally()
_SIMILAR_MAX: Final = 1 << 18


def token_similarity(a: str, b: str, exact_only: bool = False) -> tuple[float, str]:
    """Similarity in [0, 1] of two tokens and how it was found.

    ``how`` is one of ``exact``, ``edit`` (typo-level edits: insertions, deletions,
    substitutions, transpositions), ``transliteration``, ``latvian_ending`` (a man's
    name with the Latvian nominative -s; scored so for persons only, a typo for
    organisations), ``phonetic``, ``initial``, ``nickname`` (the last two count for
    persons only) or ``none``.
    ``exact_only`` is for syllables of Chinese or Korean names, where one other
    character is another name.
    """
    memo = _SIMILAR_EXACT if exact_only else _SIMILAR
    row = memo.get(a)
    if row is not None:
        got = row.get(b)
        if got is not None:
            return got
    sim = _token_similarity(a, b, exact_only)
    held = _SIMILAR_HELD
    if held.n >= _SIMILAR_MAX:
        _SIMILAR.clear()
        _SIMILAR_EXACT.clear()
        held.n = 0
    row = memo.get(a)  # (again: the similarity may have emptied the tables, recursing)
    if row is None:
        row = memo[a] = {}
    row[b] = sim
    held.n += 1
    return sim


def _token_similarity(a: str, b: str, exact_only: bool) -> tuple[float, str]:
    """:func:`token_similarity`, worked out."""
    if a == b:
        return 1.0, "exact"
    if a[:1] == _MARK or b[:1] == _MARK:
        return script_similarity(a, b)
    if exact_only:
        return 0.0, "none"
    xa, xb = _flags(a), _flags(b)
    if xa & xb & _AFFIXED:
        rest = _shared_affix(a, b)
        if rest is not None:
            # The part both names are built with is no evidence: the rest decides,
            # unless it differs by one typo ("Macrone" / "Macron" stays a misspelling).
            return token_similarity(rest[0], rest[1])
    if is_nickname_pair(a, b):
        # Two spellings of one name may also be in a group of familiar forms
        # (Sergey / Sergei): the spelling's similarity when it is the higher.
        sim, how = _spelling_similarity(a, b, xa, xb)
        return (sim, how) if sim > NICKNAME_SIM else (NICKNAME_SIM, "nickname")
    return _spelling_similarity(a, b, xa, xb)


def _spelling_similarity(a: str, b: str, xa: int, xb: int) -> tuple[float, str]:
    """:func:`token_similarity` of two different Latin tokens (flags ``xa``, ``xb``),
    familiar forms aside."""
    la, lb = len(a), len(b)
    if (la - lb == 1 or lb - la == 1) and _latvian_pair(a, b, la, lb):
        return LATVIAN_SIM, "latvian_ending"
    if la == 1 or lb == 1:
        if xa >> _GROUP_SHIFT and xa >> _GROUP_SHIFT == xb >> _GROUP_SHIFT:
            return TRANSLIT_SIM, "transliteration"  # a one-letter Korean surname ("I", "O")
        if a[0] == b[0] and a.isalpha() and b.isalpha():
            return INITIAL_SIM, "initial"
        return 0.0, "none"
    if a.isdigit() or b.isdigit():
        return 0.0, "none"
    short = min(la, lb)
    limit = allowed_edits(short)
    edit = 0.0
    if abs(la - lb) <= limit:
        d = _osa(a, b, limit)
        if d <= limit:
            edit = _prefixed(a, b, 1.0 - d / max(la, lb))
            if edit >= TRANSLIT_SIM:
                return edit, "edit"
    if abs(la - lb) > 3:
        # Too different in length for a fold or a sound-alike to bring them together.
        return (edit, "edit") if edit > 0.0 else (0.0, "none")
    if short <= 6 and xa >> _GROUP_SHIFT and xa >> _GROUP_SHIFT == xb >> _GROUP_SHIFT:
        return TRANSLIT_SIM, "transliteration"
    # Transliteration schemes differ in a few letters (Volodymyr / Volodimir,
    # Zelenskyy / Zelenskiy, Sergey / Sergei, Gim / Kim): compare with those folded
    # (only when the first letters fold alike: folding keeps the first letter's class).
    onset = (
        a[0] in _VOWELS or b[0] in _VOWELS or _ONSET_OF.get(a[0], a[0]) == _ONSET_OF.get(b[0], b[0])
    )
    fa = fb = ""
    if onset:
        fa, fb = translit_fold(a), translit_fold(b)
        if fa == fb:
            return TRANSLIT_SIM, "transliteration"
    # Other languages' romanisations of Cyrillic (Selenskyj / Zelenskyy, Sergejs /
    # Sergey): read back into the lists' convention (``romanisation.yaml``).
    if (xa | xb) & _SCHEME and _scheme_similarity(a, b, xa, xb) > 0.0:
        return TRANSLIT_SIM, "transliteration"
    if onset and short >= 5 and abs(len(fa) - len(fb)) <= 1:
        d = _osa(fa, fb, 1)
        if d <= 1:
            fold = TRANSLIT_SIM - 1.0 / max(len(fa), len(fb))
            if fold > edit:
                return fold, "transliteration"
    if edit > 0.0:
        return edit, "edit"
    # Sound-alike spellings: same phonetic key, same first sound, and not much
    # further apart in spelling than a typo (a shared key alone is too coarse).
    if short < 4 or abs(la - lb) > 1 or not _same_onset(a, b):
        return 0.0, "none"
    ka = phonetic_key(a)
    if ka and ka == phonetic_key(b) and _osa(a, b, limit + 1) <= limit + 1:
        return PHONETIC_SIM, "phonetic"
    return 0.0, "none"


def _same_onset(a: str, b: str) -> bool:
    x, y = a[0], b[0]
    return x == y or (x in "aeiouy" and y in "aeiouy") or (x in "ckq" and y in "ckq")


def similarities_to(
    a: str,
    others: list[str],
    folds: list[str] | None = None,
    same_key: bool | None = None,
) -> list[float]:
    """``[token_similarity(a, b)[0] for b in others]``, for the many ``others`` of a key.

    The same rules as :func:`token_similarity`, with what depends on ``a`` alone
    worked out once and an edit distance measured only for a pair whose lengths
    allow it: a query token is compared with every listed token of its phonetic
    key when first seen.
    ``folds``: the :func:`translit_fold` of each of ``others`` (the index keeps its
    tokens'); ``same_key``: do all ``others`` have ``a``'s phonetic key (or none)?
    """
    if len(a) <= 1 or a.isdigit() or a[0] == _MARK:
        return [token_similarity(a, b)[0] for b in others]
    la = len(a)
    xa = _flags(a)
    fa = translit_fold(a)
    groups = held_variant_groups()
    ga = xa >> _GROUP_SHIFT  # (1 + its group; 0: none)
    a_vowel = a[0] in _VOWELS
    a_onset = _ONSET_OF.get(a[0], a[0])
    ka = phonetic_key(a)
    a_nick = a in held_given_name_groups()  # (a familiar form of a given name: per b)
    a_affix = xa & _AFFIXED  # (a name built with a common part: checked per b)
    a_scheme = xa & _SCHEME
    out: list[float] = []
    for i in range(len(others)):
        b = others[i]
        lb = len(b)
        if (
            lb <= 1
            or a == b
            or b.isdigit()
            or b[0] == _MARK
            or (a_nick and is_nickname_pair(a, b))
            or (a_affix and shared_affix(a, b) is not None)
        ):
            out.append(token_similarity(a, b)[0])
            continue
        if (la - lb == 1 or lb - la == 1) and _latvian_pair(a, b, la, lb):
            out.append(LATVIAN_SIM)
            continue
        short = min(la, lb)
        limit = allowed_edits(short)
        diff = abs(la - lb)
        edit = 0.0
        d = limit + 2  # (measured when the lengths allow an edit-level similarity)
        if diff <= limit:
            d = _osa(a, b, limit + 1)
            if d <= limit:
                edit = _prefixed(a, b, 1.0 - d / max(la, lb))
                if edit >= TRANSLIT_SIM:
                    out.append(edit)
                    continue
        if diff > 3:
            out.append(edit)
            continue
        if short <= 6 and ga and ga == groups.get(b, -1) + 1:
            out.append(TRANSLIT_SIM)
            continue
        b0 = b[0]
        onset = a_vowel or b0 in _VOWELS or a_onset == _ONSET_OF.get(b0, b0)
        fb = ""
        if onset:
            fb = folds[i] if folds is not None else translit_fold(b)
            if fa == fb:
                out.append(TRANSLIT_SIM)
                continue
        if (a_scheme or _flags(b) & _SCHEME) and _scheme_similarity(a, b, xa, _flags(b)) > 0.0:
            out.append(TRANSLIT_SIM)
            continue
        if onset and short >= 5 and abs(len(fa) - len(fb)) <= 1 and _osa(fa, fb, 1) <= 1:
            fold = TRANSLIT_SIM - 1.0 / max(len(fa), len(fb))
            if fold > edit:
                out.append(fold)
                continue
        if edit > 0.0:
            out.append(edit)
        elif short < 4 or diff > 1 or not _same_onset(a, b):
            out.append(0.0)
        elif (
            ka and (same_key if same_key is not None else ka == phonetic_key(b)) and d <= limit + 1
        ):
            out.append(PHONETIC_SIM)
        else:
            out.append(0.0)
    return out
