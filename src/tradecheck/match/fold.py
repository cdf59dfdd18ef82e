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
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Final

from tradecheck.match.spelling import osa_distance
from tradecheck.match.tables import load_table, word_set
from tradecheck.match.translit import transliterate

_TOKEN: Final = re.compile(r"[0-9a-z]+")
_ORDINAL: Final = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_APOSTROPHES: Final = re.compile(r"['’‘`´ʻʼ]")
#: What the rewriting passes of :func:`nfkc_tokens` act on: digits, "&", apostrophes.
_REWRITTEN: Final = re.compile(r"[\d&'’‘`´ʻʼ]")
_MAX_PHRASE: Final = 6
_LEET_HINT: Final = re.compile(r"[a-z][0-9][a-z]")
_LEET: Final = re.compile(r"(?<=[a-z])[0134579](?=[a-z])")
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
    return nfkc_tokens(unicodedata.normalize("NFKC", text))


#: The tokens of a casefolded word (:func:`_word_tokens`), by word: a cache that
#: :func:`nfkc_tokens` reads, emptied when it reaches ``_WORDS_MAX`` entries.
_WORDS: Final[dict[str, tuple[str, ...]]] = {}
_WORDS_MAX: Final = 1 << 17


def nfkc_tokens(text: str) -> list[str]:
    """:func:`basic_tokens` of a text already in NFKC (NFKC is idempotent)."""
    t = text.casefold()
    if t.isascii() and t.replace(" ", "").isalpha():
        # Lower-case letters and spaces only (most names): nothing to rewrite, and
        # the words are the tokens.
        return t.split()
    # Every step below acts within a word (none reads or writes across a space), so
    # the tokens of a text are those of its words in turn: worked out once a word.
    known = _WORDS
    out: list[str] = []
    for word in t.split(" "):
        toks = known.get(word)
        if toks is None:
            toks = _word_tokens(word)
        out.extend(toks)
    return out


def _word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of a casefolded ``word`` (no space): transliterated, rewritten, split."""
    t = word
    if t.isascii() and t.isalpha():
        toks: tuple[str, ...] = (t,)  # ASCII letters, casefolded: the word is its token
    else:
        if not t.isascii():
            t = transliterate(_APOSTROPHES.sub("", t)).lower()
        # The rewriting passes act only on these characters, which most names lack.
        if _REWRITTEN.search(t) is not None:
            t = t.replace("&", " and ")
            t = _APOSTROPHES.sub("", t)
            t = _ORDINAL.sub(r"\1", t)
            if _LEET_HINT.search(t):
                # A digit between letters stands for a letter ("Ig0r Sech1n").
                t = _LEET.sub(lambda m: _LEET_MAP[m.group(0)], t)
        toks = tuple(_TOKEN.findall(t))
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[word] = toks
    return toks


def _join_initialisms(tokens: list[str], classes: list[str]) -> tuple[list[str], list[str]]:
    """Three or more single letters in a row are one initialism ("A.B.C." → "abc")."""
    singles = 0
    for t in tokens:
        if len(t) == 1:
            singles += 1
    if singles < 3:
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


def _legal_typo(token: str, cands: AbstractSet[str]) -> str | None:
    """The legal word ``token`` is a one- or two-edit typo of, if any ("limtied" → "limited");
    ``cands``: the words of ``_legal_typos`` found for it (:func:`_near_words`)."""
    if len(token) < 6 or not cands:
        return None
    for word in sorted(cands):
        # One edit only ("limtied", "copmany"): "bertha" is a name, not "berhad".
        if len(word) >= 7 and osa_distance(token, word, 1) <= 1:
            return word
    return None


#: Shortest token (and word) folded as a typo of a generic organisation word.
_GENERIC_TYPO_MIN: Final = 7


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


def _generic_typo(token: str, cands: AbstractSet[str]) -> tuple[str, str] | None:
    """(canonical, class) of the generic word ``token`` is one typo of, if any.

    One edit (insertion, deletion, substitution or transposition) of a spelling of
    at least seven letters: "technolgies" → technology, "internatonal" → international.
    ``cands``: the words of ``_generic_deletions`` found for it (:func:`_near_words`).
    """
    if len(token) < _GENERIC_TYPO_MIN or not cands:
        return None
    words = _generic_words()
    for w in sorted(cands):
        if osa_distance(token, w, 1) <= 1:
            return words[w]
    return None


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(str(e) for e in load_table("weights.yaml").get("patronymic_endings") or [])


@cache
def _word_classes() -> dict[str, str]:
    """Word → its class from the word lists, the first list holding it winning (titles,
    particles, generic words, places): one look-up, not one a list."""
    out: dict[str, str] = {}
    for cls, key in (
        ("title", "titles"),
        ("particle", "particles"),
        ("generic", "generic"),
        ("place", "places"),
    ):
        for w in word_set(key):
            out.setdefault(w, cls)
    return out


def _classify(token: str) -> str:
    if token.isdigit():
        return "number"
    if len(token) >= 7 and token.endswith(_patronymic_endings()):
        return "patronymic"
    return _word_classes().get(token, "core")


def fold(raw_tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fold legal forms and abbreviations until nothing changes (so folding is idempotent).

    A pass folds each phrase once, and a fold can make a new phrase with the word
    before it ("co co ltd" → "co ltd" → "ltd"): as many passes as it takes, at most
    one a token, four at least (a pass that changes nothing ends it).
    """
    tokens, classes = fold_once(raw_tokens)
    prev = raw_tokens
    for _ in range(max(4, len(raw_tokens))):
        if tokens == prev:
            break
        prev = tokens
        again, again_classes = fold_once(prev)
        if again == prev:
            # Nothing more to fold: the classes are those of the pass that folded.
            # (A legal form written out at the front, "Societatea cu Raspundere
            # Limitata PRO TRAFFIC", is a legal form; its short code "sa" read again
            # at the front would be an ordinary word.)
            break
        tokens, classes = again, again_classes
    return tuple(tokens), tuple(classes)


def _single(tok: str, legal: AbstractSet[str], generic: AbstractSet[str]) -> tuple[str, str]:
    """A token outside any phrase: its canonical form and class (``legal`` and
    ``generic``: the words it may misspell, :func:`_near_words`)."""
    cls = _classify(tok)
    if cls == "core":
        if tok in _legal_words():
            return tok, "legal"
        typo = _legal_typo(tok, legal)
        if typo is not None:
            # A misspelt legal form is still a legal form: fold it like the word.
            found = _phrases().get((typo,))
            return (found[0], "legal") if found else (typo, "legal")
        word = _generic_typo(tok, generic)
        if word is not None:
            # A misspelt organisation word ("Technolgies") takes the word's canonical
            # form, class and weight: it is not a distinctive token.
            return word
    return tok, cls


#: What folding needs to know of a token (:func:`_token`): the longest phrase it starts
#: (0 for none, at most ``_MAX_PHRASE``), whether it is a word of a phrase of two words or
#: more, whether it may be a misspelling of one, its canonical form and class outside any
#: phrase. A tuple: the collector stops tracking it (a class's instances stay tracked).
TokenInfo = tuple[int, bool, bool, str, str]


#: What folding needs to know of a token, by token: a cache that :func:`fold_once`
#: reads and :func:`_token` fills, emptied when it reaches ``_TOKENS_MAX`` entries.
_TOKENS: Final[dict[str, TokenInfo]] = {}
_TOKENS_MAX: Final = 1 << 17


def _token(tok: str) -> TokenInfo:
    """What folding needs to know of ``tok`` (:data:`TokenInfo`): worked out once a
    token, not once a name."""
    legal, generic, phrase = _near_words(tok)
    canon, cls = _single(tok, legal, generic)
    longest = min(_phrase_starts().get(tok, 0), _MAX_PHRASE)
    info = (longest, tok in _phrase_typos()[0], _misspells_phrase_word(tok, phrase), canon, cls)
    if len(_TOKENS) >= _TOKENS_MAX:
        _TOKENS.clear()
    _TOKENS[tok] = info
    return info


#: Shortest word of a legal or organisation phrase that may be misspelt inside it, and
#: shortest misspelling: not the syllables of pinyin phrases ("gong si" is no "hong si").
_PHRASE_TYPO_MIN: Final = 5
_PHRASE_TYPO_TOKEN_MIN: Final = 4


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


@cache
def _phrase_word_deletions() -> dict[str, tuple[str, ...]]:
    """The phrase words a misspelling may stand for (``_PHRASE_TYPO_MIN`` letters or
    more) and their one-letter deletions → those words (symmetric-deletion look-up)."""
    out: dict[str, set[str]] = {}
    for w in _phrase_typos()[0]:
        if len(w) >= _PHRASE_TYPO_MIN and w.isalpha():
            out.setdefault(w, set()).add(w)
            for i in range(len(w)):
                out.setdefault(w[:i] + w[i + 1 :], set()).add(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def _typo_keys() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The keys of the three symmetric-deletion look-ups (``_legal_typos``,
    ``_generic_deletions``, ``_phrase_word_deletions``) → what each gives ("" for no
    legal word): one look-up a key for all three."""
    legal = _legal_typos()
    generic = _generic_deletions()
    phrase = _phrase_word_deletions()
    return {
        k: (legal.get(k, ""), generic.get(k, ()), phrase.get(k, ()))
        for k in sorted({*legal, *generic, *phrase})
    }


@cache
def _typo_key_ends() -> frozenset[int]:
    """Each key of :func:`_typo_keys` by its first and last letters and its length, as
    one number (``first << 32 | last << 10 | length``, the letters' code points)."""
    return frozenset((ord(k[0]) << 32) | (ord(k[-1]) << 10) | len(k) for k in _typo_keys() if k)


#: No words (what :func:`_near_words` gives most tokens: one object, not three sets a token).
_NO_WORDS: Final[frozenset[str]] = frozenset()


def _near_words(tok: str) -> tuple[AbstractSet[str], AbstractSet[str], AbstractSet[str]]:
    """The legal words, generic words and phrase words that ``tok`` or one of its
    one-letter deletions is a key of (the candidates of :func:`_legal_typo`,
    :func:`_generic_typo` and :func:`_misspells_phrase_word`; each checks its own
    length). Empty for a token of fewer than ``_PHRASE_TYPO_TOKEN_MIN`` letters, the
    shortest any of them looks at."""
    if len(tok) < _PHRASE_TYPO_TOKEN_MIN or not tok.isalpha():
        return _NO_WORDS, _NO_WORDS, _NO_WORDS
    keys = _typo_keys()
    hits: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    found = keys.get(tok)
    if found is not None:
        hits.append(found)
    n = len(tok)
    # A deletion inside the token keeps its first and last letters: when no key of
    # that length has them, none of those deletions is a key (most tokens).
    inside = ((ord(tok[0]) << 32) | (ord(tok[n - 1]) << 10) | (n - 1)) in _typo_key_ends()
    for i in range(n):
        if 0 < i < n - 1 and not inside:
            continue
        found = keys.get(tok[:i] + tok[i + 1 :])
        if found is not None:
            hits.append(found)
    if not hits:
        return _NO_WORDS, _NO_WORDS, _NO_WORDS  # most tokens
    legal: set[str] = set()
    generic: set[str] = set()
    phrase: set[str] = set()
    for word, gen, phr in hits:
        if word:
            legal.add(word)
        generic.update(gen)
        phrase.update(phr)
    return legal, generic, phrase


def _misspells_phrase_word(tok: str, cands: AbstractSet[str]) -> bool:
    """Is ``tok`` one edit from a phrase word a misspelling may stand for, other than
    itself? Only such a token can be the misspelt word of :func:`_phrase_with_typo`.
    ``cands``: the words of ``_phrase_word_deletions`` found for it (:func:`_near_words`)."""
    return any(w != tok and osa_distance(tok, w, 1) <= 1 for w in cands)


def _phrase_with_typo(
    raw_tokens: list[str],
    i: int,
    infos: list[TokenInfo],
    blanks: dict[tuple[str, ...], tuple[tuple[str, ...], ...]],
) -> tuple[tuple[str, ...], tuple[str, str, bool]] | None:
    """A phrase of two words or more starting at ``i`` with one word misspelt by one
    edit ("joint sock company", "pubilc joint stock company"), longest first; the
    other words as they stand. Words of five letters or more only (the misspelling
    four or more): a changed letter in a shorter one makes another word. ``infos``
    are the tokens' :func:`_token`."""
    phrases = _phrases()
    longest = raw_tokens[i : i + _MAX_PHRASE]
    # Where the words that are not phrase words as they stand are.
    strays = [j for j in range(len(longest)) if not infos[i + j][1]]
    for k in range(len(longest), 1, -1):
        window = longest[:k]
        # At most one word of the window is not a phrase word as it stands, and then
        # it is the misspelt one (the other words of a blanked phrase are phrase words).
        inside = [j for j in strays if j < k]
        if len(inside) > 1:
            continue
        for j in inside or range(k):
            if not infos[i + j][2]:
                continue  # not a misspelling of a phrase word
            t = window[j]
            for toks in blanks.get((*window[:j], "", *window[j + 1 :]), ()):
                w = toks[j]
                if w != t and abs(len(w) - len(t)) <= 1 and osa_distance(w, t, 1) <= 1:
                    return tuple(window), phrases[toks]
    return None


def fold_once(raw_tokens: list[str]) -> tuple[list[str], list[str]]:
    """Fold legal forms and abbreviations, longest phrase first (one pass)."""
    known = _TOKENS
    tokens: list[str] = []
    classes: list[str] = []
    # A phrase with a typo needs a misspelt word, a phrase a word that starts one
    # (most names have neither).
    misspelt = False
    starts = False
    for t in raw_tokens:
        info = known.get(t)
        if info is None:
            info = _token(t)
        longest, _, typo, canon, cls = info
        misspelt = misspelt or typo
        starts = starts or longest > 0
        tokens.append(canon)  # (the name's folds when it holds no phrase)
        classes.append(cls)
    if misspelt or starts:
        infos = [known.get(t) or _token(t) for t in raw_tokens]
        tokens, classes = _fold_phrases(raw_tokens, infos, misspelt)
    return _fold_numbers(tokens, classes)


def _fold_phrases(
    raw_tokens: list[str], infos: list[TokenInfo], misspelt: bool
) -> tuple[list[str], list[str]]:
    """The phrases of :func:`fold_once` folded (``infos``: the tokens' :func:`_token`)."""
    phrases = _phrases()
    blanks = _phrase_typos()[1]
    # The folds, in order: canonical token, class, short legal form counted only at
    # the end, the words folded (only for those: "()" otherwise).
    canons: list[str] = []
    fold_classes: list[str] = []
    trails: list[bool] = []
    spans: list[tuple[str, ...]] = []
    i = 0
    n = len(raw_tokens)
    while i < n:
        longest, phrase_word, _, canon, cls = infos[i]
        trailing = False
        span: tuple[str, ...] = ()
        size = 0  # tokens folded (0: no phrase found)
        k = longest if longest < n - i else n - i
        while k > 0:
            key = tuple(raw_tokens[i : i + k])
            found = phrases.get(key)
            if found is not None:
                canon, cls, trailing = found
                span = key
                size = k
                break
            k -= 1
        if misspelt and i + 1 < n and size <= 1 and (phrase_word or infos[i + 1][1]):
            # A longer phrase with a typo in one word beats a short one as it stands
            # ("limited liablity company": not "limited" alone).
            fuzzy = _phrase_with_typo(raw_tokens, i, infos, blanks)
            if fuzzy is not None:
                span, (canon, cls, trailing) = fuzzy
                size = len(span)
        i += size if size else 1
        canons.append(canon)
        fold_classes.append(cls)
        trails.append(trailing)
        spans.append(span)
    # A short legal form that is also a word counts only at the end of the name
    # (possibly followed by other legal forms): "AG" in "Siemens AG", not "AB Volvo".
    tail_legal = True
    tokens: list[str] = []
    classes: list[str] = []
    for m in range(len(canons) - 1, -1, -1):
        cls = fold_classes[m]
        if cls == "legal" and trails[m] and not tail_legal:
            for tok in reversed(spans[m]):
                tokens.append(tok)
                classes.append(_classify(tok))
            continue
        tail_legal = tail_legal and cls == "legal"
        tokens.append(canons[m])
        classes.append(cls)
    tokens.reverse()
    classes.reverse()
    return tokens, classes


def _fold_numbers(tokens: list[str], classes: list[str]) -> tuple[list[str], list[str]]:
    """Initialisms joined, spelt-out numbers made one, the classes of an all-legal name."""
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
    return tokens, classes


@cache
def legal_codes() -> frozenset[str]:
    """The canonical codes of the legal forms ("ltd", "llc" …)."""
    return frozenset(code for code, cls, _ in _phrases().values() if cls == "legal")
