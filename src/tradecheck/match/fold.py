"""Tokens of a name, and its legal forms and abbreviations folded (for :mod:`normalize`).

:func:`basic_tokens`: Unicode NFKC and casefold; transliteration
(:mod:`tradecheck.match.translit`); ``&`` → ``and``; apostrophes dropped ("Bank's" →
"banks"); every other non-alphanumeric character becomes a space; ordinal suffixes
dropped ("702nd" → "702"). :func:`fold`: legal forms and abbreviations (multi-word
phrases included) folded to one canonical token each, longest phrase first, and each
token given its class (``core``, ``legal``, ``generic``, ``particle``, ``title``,
``number`` …).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from tradecheck.match.tables import load_table, word_set
from tradecheck.match.translit import transliterate

_SPLIT = re.compile(r"[^0-9a-z]+")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_APOSTROPHES = re.compile(r"['’‘`´ʻʼ]")
_MAX_PHRASE = 6
_LEET_HINT = re.compile(r"[a-z][0-9][a-z]")
_LEET = re.compile(r"(?<=[a-z])[0134579](?=[a-z])")
_LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"}


@cache
def _phrases() -> dict[tuple[str, ...], tuple[str, str, bool]]:
    """Token phrase → (canonical token, class, trailing_only)."""
    generic = word_set("generic")
    places = word_set("places")
    out: dict[tuple[str, ...], tuple[str, str, bool]] = {}
    for canon, words in (load_table("abbreviations.yaml").get("latin") or {}).items():
        cls = (
            "generic"
            if canon in generic
            else "place"
            if canon in places
            else "number"
            if canon.isdigit()
            else "core"
        )
        for w in [canon, *(words or [])]:
            toks = tuple(basic_tokens(str(w)))
            if toks:
                out[toks] = (str(canon), cls, False)
    for form in load_table("legal_forms.yaml").get("forms") or []:
        code = str(form["code"])
        trailing = bool(form.get("trailing_only", False))
        for k, v in enumerate([code, *(form.get("variants") or [])]):
            toks = tuple(basic_tokens(str(v)))
            if k == 0 and toks in out:
                continue  # a code given again ("sa" for the forms written anywhere)
            if toks:
                # Only a short form ("AG", "S.A.") can be an ordinary word elsewhere.
                out[toks] = (code, "legal", trailing and len("".join(toks)) <= 4)
    return out


@cache
def _phrase_starts() -> dict[str, int]:
    """First token of each phrase → the longest phrase it starts (skips hopeless look-ups)."""
    out: dict[str, int] = {}
    for toks in _phrases():
        out[toks[0]] = max(out.get(toks[0], 0), len(toks))
    return out


def basic_tokens(text: str) -> list[str]:
    """NFKC, casefold, transliterate, split into alphanumeric tokens."""
    t = unicodedata.normalize("NFKC", text).casefold()
    if not t.isascii():
        t = transliterate(_APOSTROPHES.sub("", t)).lower()
    t = t.replace("&", " and ")
    t = _APOSTROPHES.sub("", t)
    t = _ORDINAL.sub(r"\1", t)
    if _LEET_HINT.search(t):
        # A digit between letters stands for a letter ("Ig0r Sech1n").
        t = _LEET.sub(lambda m: _LEET_MAP[m.group(0)], t)
    return [x for x in _SPLIT.split(t) if x]


def _join_initialisms(tokens: list[str], classes: list[str]) -> tuple[list[str], list[str]]:
    """Three or more single letters in a row are one initialism ("A.B.C." → "abc")."""
    if sum(1 for t in tokens if len(t) == 1) < 3:
        return tokens, classes
    out_t: list[str] = []
    out_c: list[str] = []
    run: list[str] = []
    for t, c in [*zip(tokens, classes, strict=True), ("", "")]:
        if len(t) == 1 and t.isalpha() and c != "legal":
            run.append(t)
            continue
        if len(run) >= 3:
            out_t.append("".join(run))
            out_c.append("core")
        else:
            out_t.extend(run)
            out_c.extend(["core"] * len(run))
        run = []
        if t:
            out_t.append(t)
            out_c.append(c)
    return out_t, out_c


@cache
def _legal_words() -> dict[str, str]:
    """Single legal-form words (and their one-edit typos' keys) → canonical legal code."""
    table = load_table("legal_forms.yaml")
    stop = {str(w) for w in table.get("not_legal_words") or []}
    words: dict[str, str] = {}
    for form in table.get("forms") or []:
        for v in form.get("variants") or []:
            toks = basic_tokens(str(v))
            if len(toks) > 1:
                for t in toks:
                    if len(t) >= 5 and t not in stop and t.isalpha():
                        words.setdefault(t, str(form["code"]))
    for w in table.get("legal_words") or []:
        words.setdefault(str(w), "legal")
    # Single-word legal forms of 6+ letters, for typo tolerance ("Limtied", "Copmany").
    for form in table.get("forms") or []:
        for v in form.get("variants") or []:
            toks = basic_tokens(str(v))
            if len(toks) == 1 and len(toks[0]) >= 6 and toks[0].isalpha():
                words.setdefault(toks[0], str(form["code"]))
    return words


@cache
def _legal_typos() -> dict[str, str]:
    """One-letter deletions of long legal words → the word (symmetric-deletion typo look-up)."""
    out: dict[str, str] = {}
    for w in _legal_words():
        if len(w) >= 6:
            for i in range(len(w)):
                out.setdefault(w[:i] + w[i + 1 :], w)
            out.setdefault(w, w)
    return out


def _legal_typo(token: str) -> str | None:
    """The legal word ``token`` is a one- or two-edit typo of, if any ("limtied" → "limited")."""
    if len(token) < 6 or not token.isalpha():
        return None
    typos = _legal_typos()
    cands = {typos.get(token)}
    cands.update(typos.get(token[:i] + token[i + 1 :]) for i in range(len(token)))
    for word in sorted(c for c in cands if c):
        # One edit only ("limtied", "copmany"): "bertha" is a name, not "berhad".
        if len(word) >= 7 and OSA.distance(token, word, score_cutoff=1) <= 1:
            return word
    return None


#: Shortest token (and word) folded as a typo of a generic organisation word.
_GENERIC_TYPO_MIN = 7


@cache
def _generic_words() -> dict[str, tuple[str, str]]:
    """Generic organisation words and their one-word spellings → (canonical, class)."""
    out: dict[str, tuple[str, str]] = {}
    for toks, (canon, cls, _) in _phrases().items():
        if len(toks) == 1 and cls == "generic" and len(toks[0]) >= _GENERIC_TYPO_MIN:
            out[toks[0]] = (canon, cls)
    for w in word_set("generic"):
        if len(w) >= _GENERIC_TYPO_MIN and w.isalpha():
            out.setdefault(w, (w, "generic"))
    return out


@cache
def _generic_deletions() -> dict[str, tuple[str, ...]]:
    """One-letter deletions of the generic words (and the words) → the words."""
    out: dict[str, set[str]] = {}
    for w in _generic_words():
        out.setdefault(w, set()).add(w)
        for i in range(len(w)):
            out.setdefault(w[:i] + w[i + 1 :], set()).add(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _generic_typo(token: str) -> tuple[str, str] | None:
    """(canonical, class) of the generic word ``token`` is one typo of, if any.

    One edit (insertion, deletion, substitution or transposition) of a spelling of
    at least seven letters: "technolgies" → technology, "internatonal" → international.
    """
    if len(token) < _GENERIC_TYPO_MIN or not token.isalpha():
        return None
    dels = _generic_deletions()
    cands: set[str] = set(dels.get(token, ()))
    for i in range(len(token)):
        cands.update(dels.get(token[:i] + token[i + 1 :], ()))
    words = _generic_words()
    for w in sorted(cands):
        if OSA.distance(token, w, score_cutoff=1) <= 1:
            return words[w]
    return None


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(str(e) for e in load_table("weights.yaml").get("patronymic_endings") or [])


def _classify(token: str) -> str:
    if token.isdigit():
        return "number"
    if len(token) >= 7 and token.endswith(_patronymic_endings()):
        return "patronymic"
    if token in word_set("titles"):
        return "title"
    if token in word_set("particles"):
        return "particle"
    if token in word_set("generic"):
        return "generic"
    if token in word_set("places"):
        return "place"
    return "core"


def fold(raw_tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fold legal forms and abbreviations until nothing changes (so folding is idempotent).

    A pass folds each phrase once, and a fold can make a new phrase with the word
    before it ("co co ltd" → "co ltd" → "ltd"): as many passes as it takes, at most
    one a token, four at least (a pass that changes nothing ends it).
    """
    tokens, classes = fold_once(raw_tokens)
    for _ in range(max(4, len(raw_tokens))):
        if list(tokens) == raw_tokens:
            break
        raw_tokens = list(tokens)
        again, again_classes = fold_once(raw_tokens)
        if again == tokens:
            # Nothing more to fold: the classes are those of the pass that folded.
            # (A legal form written out at the front, "Societatea cu Raspundere
            # Limitata PRO TRAFFIC", is a legal form; its short code "sa" read again
            # at the front would be an ordinary word.)
            break
        tokens, classes = again, again_classes
    return tokens, classes


@lru_cache(maxsize=1 << 17)
def _single(tok: str) -> tuple[str, str]:
    """A token outside any phrase: its canonical form and class."""
    cls = _classify(tok)
    if cls == "core":
        if tok in _legal_words():
            return tok, "legal"
        typo = _legal_typo(tok)
        if typo is not None:
            # A misspelt legal form is still a legal form: fold it like the word.
            found = _phrases().get((typo,))
            return (found[0], "legal") if found else (typo, "legal")
        word = _generic_typo(tok)
        if word is not None:
            # A misspelt organisation word ("Technolgies") takes the word's canonical
            # form, class and weight: it is not a distinctive token.
            return word
    return tok, cls


#: Shortest word of a legal or organisation phrase that may be misspelt inside it, and
#: shortest misspelling: not the syllables of pinyin phrases ("gong si" is no "hong si").
_PHRASE_TYPO_MIN = 5
_PHRASE_TYPO_TOKEN_MIN = 4


@cache
def _phrase_typos() -> tuple[frozenset[str], dict[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """Words of phrases of two words or more, and each such phrase with one word of
    ``_PHRASE_TYPO_MIN`` letters or more blanked → the phrases it stands for."""
    words: set[str] = set()
    blanks: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for toks in _phrases():
        if len(toks) < 2:
            continue
        words.update(toks)
        for j, w in enumerate(toks):
            if len(w) >= _PHRASE_TYPO_MIN and w.isalpha():
                blanks.setdefault((*toks[:j], "", *toks[j + 1 :]), []).append(toks)
    return frozenset(words), {k: tuple(v) for k, v in blanks.items()}


def _phrase_with_typo(
    raw_tokens: list[str], i: int
) -> tuple[tuple[str, ...], tuple[str, str, bool]] | None:
    """A phrase of two words or more starting at ``i`` with one word misspelt by one
    edit ("joint sock company", "pubilc joint stock company"), longest first; the
    other words as they stand. Words of five letters or more only (the misspelling
    four or more): a changed letter in a shorter one makes another word."""
    words, blanks = _phrase_typos()
    if raw_tokens[i] not in words and raw_tokens[i + 1] not in words:
        return None
    phrases = _phrases()
    for k in range(min(_MAX_PHRASE, len(raw_tokens) - i), 1, -1):
        window = raw_tokens[i : i + k]
        # At most one word of the window is not a phrase word as it stands.
        if sum(1 for t in window if t not in words) > 1:
            continue
        for j in range(k):
            t = window[j]
            if len(t) < _PHRASE_TYPO_TOKEN_MIN or not t.isalpha():
                continue
            for toks in blanks.get((*window[:j], "", *window[j + 1 :]), ()):
                w = toks[j]
                if w != t and abs(len(w) - len(t)) <= 1 and OSA.distance(w, t, score_cutoff=1) <= 1:
                    return tuple(window), phrases[toks]
    return None


def fold_once(raw_tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fold legal forms and abbreviations, longest phrase first."""
    phrases = _phrases()
    items: list[tuple[str, str, bool, tuple[str, ...]]] = []
    i = 0
    n = len(raw_tokens)
    starts = _phrase_starts()
    while i < n:
        hit = None
        longest = starts.get(raw_tokens[i], 0)
        for k in range(min(longest, _MAX_PHRASE, n - i), 0, -1):
            key = tuple(raw_tokens[i : i + k])
            found = phrases.get(key)
            if found is not None:
                hit = (found[0], found[1], found[2], key)
                break
        if i + 1 < n and (hit is None or len(hit[3]) == 1):
            # A longer phrase with a typo in one word beats a short one as it stands
            # ("limited liablity company": not "limited" alone).
            fuzzy = _phrase_with_typo(raw_tokens, i)
            if fuzzy is not None:
                key, found = fuzzy
                hit = (found[0], found[1], found[2], key)
        if hit is None:
            tok, cls = _single(raw_tokens[i])
            hit = (tok, cls, False, (tok,))
        i += len(hit[3])
        items.append(hit)
    # A short legal form that is also a word counts only at the end of the name
    # (possibly followed by other legal forms): "AG" in "Siemens AG", not "AB Volvo".
    tail_legal = True
    tokens: list[str] = []
    classes: list[str] = []
    for canon, cls, trailing, raw in reversed(items):
        if cls == "legal" and trailing and not tail_legal:
            for tok in reversed(raw):
                tokens.append(tok)
                classes.append(_classify(tok))
            continue
        tail_legal = tail_legal and cls == "legal"
        tokens.append(canon)
        classes.append(cls)
    tokens.reverse()
    classes.reverse()
    tokens, classes = _join_initialisms(tokens, classes)
    # "forty four" → "40 4" → "44".
    k = 0
    while k < len(tokens) - 1:
        a, b = tokens[k], tokens[k + 1]
        if (
            len(a) == 2
            and a.isdigit()
            and a.endswith("0")
            and a != "10"
            and len(b) == 1
            and b.isdigit()
            and b != "0"
        ):
            tokens[k : k + 2] = [a[0] + b]
            classes[k : k + 2] = ["number"]
        k += 1
    # An all-legal name ("Limited") keeps its words as its distinctive tokens.
    if tokens and all(c == "legal" for c in classes):
        classes = ["core"] * len(classes)
    return tuple(tokens), tuple(classes)


@cache
def legal_codes() -> frozenset[str]:
    """The canonical codes of the legal forms ("ltd", "llc" …)."""
    return frozenset(code for code, cls, _ in _phrases().values() if cls == "legal")
