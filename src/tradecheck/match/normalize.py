"""Name normalisation, shared by the index and the query.

``normalize_name`` turns a raw name into one or more :class:`NameForm` objects:
tokens in Latin letters, each with a class (``core``, ``legal``, ``generic``,
``particle``, ``title``, ``number``) that decides its weight in the score.
Steps (:mod:`tradecheck.match.fold`): Unicode NFKC and casefold; transliteration
(:mod:`tradecheck.match.translit`); ``&`` → ``and``; apostrophes dropped ("Bank's"
→ "banks"); every other non-alphanumeric character becomes a space; ordinal
suffixes dropped ("702nd" → "702"); then legal forms and abbreviations (multi-word
phrases included) are folded to one canonical token each, longest phrase first.

A name containing a curated Chinese name (``cn_names.yaml``) yields a second form
in which that name is replaced by its published English name.

:data:`NORMALIZATION_VERSION` names this pipeline and the hash of its tables;
an index records it and refuses queries normalised otherwise.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from tradecheck.match.abjad import MARK, script_form_tokens
from tradecheck.match.fold import (
    basic_tokens,
    fold,
    fold_once,
    legal_codes,
    nfkc_tokens,
)
from tradecheck.match.tables import CnName, cn_names, common_names, tables_hash
from tradecheck.match.translit import (
    han_person_split,
    has_han,
    has_hangul,
    korean_listed_reading,
)
from tradecheck.match.wade_giles import shows_wade_giles, wade_giles_reading

#: How the reading of a Hangul name as the lists spell Korean names came about.
KOREAN_VIA = "Hangul read as the lists spell Korean names (McCune-Reischauer)"
#: How a form of script tokens (:mod:`tradecheck.match.abjad`) came about.
SCRIPT_VIA = "Arabic script read against Latin spellings"

_NORM_PIPELINE = "tc-norm-5"
#: Longest raw name the matcher reads; longer input is cut (and said so by the caller).
MAX_QUERY_CHARS = 1000


#: Shortest word that may identify a person on its own.
RARE_MIN_LEN = 4


def is_rare_word(token: str, cls: str) -> bool:
    """May ``token`` identify a person on its own? A distinctive word of four letters or
    more that is not a common name (``common_names.yaml``); a word in Arabic script
    (:mod:`tradecheck.match.abjad`) may, as its Latin spelling is not known here."""
    if cls != "core":
        return False
    if token[:1] == MARK:
        return True
    return len(token) >= RARE_MIN_LEN and token.isalpha() and token not in common_names()


def normalization_version() -> str:
    """The pipeline id plus the hash of its tables, e.g. ``tc-norm-2+3f2a…``."""
    return f"{_NORM_PIPELINE}+{tables_hash()}"


class NameForm:
    """One normalised form of a name: tokens with their classes."""

    __slots__ = (
        "capitals",
        "classes",
        "compound",
        "han",
        "join_min",
        "lens",
        "maxlen",
        "prefix",
        "raw",
        "syllabic",
        "tokens",
        "tset",
        "via",
        "weights",
    )

    def __init__(
        self, raw: str, tokens: tuple[str, ...], classes: tuple[str, ...], via: str | None
    ) -> None:
        self.raw = raw
        self.tokens = tokens
        self.classes = classes
        #: How the form was derived when not directly: a cn_names row ``zh → en``.
        self.via = via
        #: Token weights, by scoring mode (filled by the scorer; a cache).
        self.weights: dict[bool, tuple[float, ...]] = {}
        #: Running sums of the weights, heaviest first, by scoring mode (a cache).
        self.prefix: dict[bool, tuple[float, ...]] = {}
        #: Initials of a compound given name in the form: (first token, number of
        #: tokens), () for none, None until the scorer looks (a cache).
        self.compound: tuple[int, ...] | None = None
        #: Words of the name that may be acronyms (acronyms.capitals), None until the
        #: scorer looks (a cache).
        self.capitals: frozenset[str] | None = None
        #: The set of tokens and of their lengths (for the scorer's joins).
        # Tuples, not sets: the same answers to ``in`` for a handful of tokens, and
        # untracked by the garbage collector (record forms live as long as the index).
        self.tset = tokens
        self.lens = lens = tuple([len(t) for t in tokens])
        # The longest token, and the two shortest: two adjacent tokens joined are at
        # least as long as these two together, less one typo.
        longest = 0
        first = second = 1 << 30
        for size in lens:
            longest = max(longest, size)
            if size < first:
                first, second = size, first
            elif size < second:
                second = size
        self.maxlen = longest
        self.join_min = first + second - 2 if len(lens) >= 2 else 1 << 30
        # Read from Chinese characters (han) or Chinese/Korean syllables (syllabic).
        if raw.isascii() or via is not None:
            self.han = self.syllabic = False
        else:
            self.han = has_han(raw)
            self.syllabic = self.han or has_hangul(raw)
            if self.syllabic:
                self.classes = syllable_classes(classes)

    @property
    def text(self) -> str:
        """The tokens joined by single spaces."""
        return " ".join(self.tokens)

    def __repr__(self) -> str:
        return f"NameForm({self.text!r})"


#: Classes of Latin words that a syllable read from Chinese or Korean characters only
#: looks like: 斌 "bin", 德 "de" and 达 "da" are names, not the particles bin, de, da.
_LATIN_ONLY_CLASSES = frozenset({"particle", "title", "patronymic"})


def syllable_classes(classes: tuple[str, ...]) -> tuple[str, ...]:
    """The classes of a name read from Chinese or Korean characters: its syllables
    are name words whatever Latin word they spell (organisation words stay)."""
    if not _LATIN_ONLY_CLASSES.intersection(classes):
        return classes
    return tuple("core" if c in _LATIN_ONLY_CLASSES else c for c in classes)


def plain_words(text: str) -> list[str] | None:
    """The tokens of a text of ASCII letters and spaces only (most names): its words in
    lower case, as :func:`nfkc_tokens` gives them; None for any other text."""
    if text.isascii():
        # ASCII: casefold is lower (what nfkc_tokens does), and the test is its own.
        t = text.lower()
        if t.replace(" ", "").isalpha():
            return t.split()
    return None


def normalize_text(text: str) -> str:
    """Normalise ``text`` to its canonical token string (total: never raises).

    Idempotent: ``normalize_text(normalize_text(x)) == normalize_text(x)``.
    """
    tokens, _ = fold(basic_tokens(text[:MAX_QUERY_CHARS]))
    return " ".join(tokens)


@cache
def _cn_by_first() -> dict[str, tuple[int, ...]]:
    """First character of each curated Chinese name → the names' places in ``cn_names``."""
    out: dict[str, list[int]] = {}
    for k, row in enumerate(cn_names()):
        out.setdefault(row.zh[0], []).append(k)
    return {ch: tuple(ks) for ch, ks in out.items()}


def _cn_variant(text: str) -> tuple[str, CnName] | None:
    """Replace the longest curated Chinese name found in ``text`` by its English name
    (the first of ``cn_names`` found: only names starting with a character of the
    text are looked for)."""
    rows = cn_names()
    by_first = _cn_by_first()
    best = len(rows)
    for ch in text:
        for k in by_first.get(ch, ()):
            if k < best and rows[k].zh in text:
                best = k
    if best == len(rows):
        return None
    row = rows[best]
    return text.replace(row.zh, f" {row.en} "), row


def normalize_name(raw: str) -> list[NameForm]:
    """All normalised forms of a raw name (empty when nothing remains).

    Total: never raises, whatever the input.
    """
    text = raw[:MAX_QUERY_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # (NFKC leaves ASCII as it is)
    forms: list[NameForm] = []
    words = plain_words(text)
    tokens, classes = fold(nfkc_tokens(text) if words is None else words)
    if tokens:
        forms.append(NameForm(raw, tokens, classes, None))
    # Letters and spaces only: the words say whether Wade-Giles can show (most do not).
    wg = wade_giles_reading(text) if words is None or shows_wade_giles(words) else None
    if wg is not None:
        wt, wc = fold(basic_tokens(wg))
        if wt and wt != tokens:
            forms.append(NameForm(raw, wt, wc, f"Wade-Giles read as pinyin: {wg}"))
    if text.isascii():
        return forms  # ASCII: none of the readings of other scripts below applies
    korean = korean_listed_reading(text)
    if korean is not None:
        kt, kc = fold(basic_tokens(" ".join(korean)))
        if kt and kt != tokens:
            kform = NameForm(raw, kt, syllable_classes(kc), KOREAN_VIA)
            # Each token is one Hangul syllable: 종 "jong" is not 용 "yong". Like
            # pinyin read from Chinese characters, it matches exactly only (the
            # first form, compared by spelling, meets the other romanisations).
            kform.han = kform.syllabic = True
            forms.append(kform)
    script = script_form_tokens(text)
    if script is not None:
        forms.append(NameForm(raw, *script, SCRIPT_VIA))
    if has_han(text):
        # A short Chinese name is also read as surname + given name, so that
        # "张伟" meets "Wei ZHANG" as well as "Zhang Wei".
        split = han_person_split(text)
        if split is not None and len(tokens) == 1 and tokens[0] not in legal_codes():
            forms.append(NameForm(raw, split, ("core", "core"), None))
        found = _cn_variant(text)
        if found is not None:
            vtext, row = found
            vt, vc = fold(basic_tokens(vtext))
            if vt and vt != tokens:
                forms.append(NameForm(raw, vt, vc, f"{row.zh} → {row.en} ({row.source})"))
    return forms


def is_legal_form(text: str) -> bool:
    """True when ``text`` is nothing but legal forms ("LLC", "Co., Ltd.")."""
    folded, _ = fold_once(basic_tokens(text[:MAX_QUERY_CHARS]))
    # fold_once marks an all-legal name's words "core"; look at the words themselves.
    return bool(folded) and all(t in legal_codes() for t in folded)
