"""The remembered similarities, folds and keys give what working them out gives."""

from __future__ import annotations

import random
import re

from tradecheck.match import held_tables, tables
from tradecheck.match.phonetic import _phonetic_key, phonetic_key
from tradecheck.match.similarity import (
    _AFFIXED,
    _GROUP_SHIFT,
    _MARKED,
    _SCHEME,
    _flags,
    _latvian_stem,
    _marked,
    _scheme_fold,
    _token_similarity,
    _translit_fold,
    has_affix,
    scheme_fold,
    scheme_marked,
    token_similarity,
    translit_fold,
)

from .test_spelling import PY  # (spelling.py as written: its tables, whatever the build)

WORDS = [
    "ali",
    "aly",
    "alli",
    "hasan",
    "hassan",
    "husain",
    "hussein",
    "husayn",
    "haydar",
    "heidar",
    "andreyev",
    "sergey",
    "sergei",
    "sergej",
    "sergejs",
    "selenskyj",
    "zelenskyy",
    "abdurrahim",
    "abdurrahman",
    "macrone",
    "macron",
    "ming",
    "ping",
    "lee",
    "yi",
    "i",
    "j",
    "joachim",
    "bill",
    "william",
    "7",
    "kim",
    "gim",
    "schoigu",
    "shoigu",
    "lavrovs",
]


def _random_words(rng: random.Random, n: int) -> list[str]:
    letters = "aeiouybcdghjklmnrstwzqx"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def _old_translit_fold(token: str) -> str:
    """translit_fold as it was: the diphthong pattern run on every long word with an a or e."""
    t = PY._ONSETS.get(token[0], token[0]) + token[1:] if token else token
    if len(t) >= 5 and ("a" in t or "e" in t):
        t = PY._DIPHTHONG.sub(PY._DIPHTHONG_SIGN, t)
    if "j" in t[1:]:
        t = t[0] + t[1:].replace("j", "y")
    for a, b in PY._FOLDS:
        if a in t:
            t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t)


def test_remembered_similarity_is_the_similarity() -> None:
    rng = random.Random(5)
    words = WORDS + _random_words(rng, 150)
    for _ in range(4000):
        a, b = rng.choice(words), rng.choice(words)
        for exact_only in (False, True):
            want = _token_similarity(a, b, exact_only)
            assert token_similarity(a, b, exact_only) == want, (a, b, exact_only)
            assert token_similarity(a, b, exact_only) == want, (a, b, exact_only)  # remembered


def test_exact_only_is_remembered_apart() -> None:
    # The same pair, asked for with and without exact_only, in both orders of asking.
    assert token_similarity("wang", "wong")[0] > 0.0
    assert token_similarity("wang", "wong", True) == (0.0, "none")
    assert token_similarity("zhou", "zhu", True) == (0.0, "none")
    assert token_similarity("zhou", "zhu")[0] > 0.0


def test_folds_and_keys_are_the_worked_out_ones() -> None:
    rng = random.Random(9)
    for t in WORDS + _random_words(rng, 3000):
        assert translit_fold(t) == _translit_fold(t) == _old_translit_fold(t), t
        assert phonetic_key(t) == _phonetic_key(t), t


def test_held_tables_are_the_loaded_tables() -> None:
    assert held_tables.held_variant_groups() == tables.variant_groups()
    assert held_tables.held_given_name_groups() == tables.given_name_groups()
    assert held_tables.held_name_affixes() == tables.name_affixes()
    assert held_tables.held_romanisation() == tables.romanisation()


def test_flags_are_the_worked_out_answers() -> None:
    # One look-up per token holds what several tables and rules say of it.
    rng = random.Random(11)
    groups = tables.variant_groups()
    prefixes, suffixes = tables.name_affixes()
    words = (
        WORDS
        + _random_words(rng, 2000)
        + list(groups)[:300]
        + [p + "rahim" for p in prefixes[:20]]
        + ["ivan" + x for x in suffixes[:20]]
    )
    seen_group = seen_affix = seen_marked = seen_latvian = False
    for t in words:
        for _ in range(2):  # worked out, then remembered
            x = _flags(t)
            assert bool(x & _MARKED) == _marked(t) == scheme_marked(t), t
            assert bool(x & _SCHEME) == (_marked(t) or _latvian_stem(t) is not None), t
            assert bool(x & _AFFIXED) == has_affix(t), t
            assert (x >> _GROUP_SHIFT) - 1 == groups.get(t, -1), t
        assert scheme_fold(t) == _scheme_fold(t), t
        seen_group |= t in groups
        seen_affix |= has_affix(t)
        seen_marked |= _marked(t)
        seen_latvian |= not _marked(t) and _latvian_stem(t) is not None
    assert seen_group and seen_affix and seen_marked and seen_latvian


def _marked_reference(token: str) -> bool:
    """scheme_marked as first written: any mark, or a j after the first letter that the
    pattern takes for й."""
    rom = tables.romanisation()
    return any(m in token for m in rom.marks) or (
        "j" in token[1:] and re.search(r"[aeiouy]j(?![iu])", token) is not None
    )


def _latvian_stem_reference(token: str) -> str | None:
    rom = tables.romanisation()
    stem = token[: -len(rom.ending)]
    if (
        not token.endswith(rom.ending)
        or len(stem) < rom.min_stem
        or stem[-1] not in rom.after
        or not rom.not_letters.isdisjoint(token)
        or any(g in token for g in rom.not_groups)
    ):
        return None
    return stem


def test_token_rules_are_the_tables_rules() -> None:
    # The flags' rules read a token's ends first (has_affix by the parts' first and last
    # letters, the Latvian ending before the stem): the same answers as the tables'.
    rng = random.Random(13)
    prefixes, suffixes = tables.name_affixes()
    words = (
        WORDS
        + _random_words(rng, 3000)
        + [p + w for p in prefixes for w in ("", "r", "rahim", "s")]
        + [w + x for x in suffixes for w in ("", "a", "ivan", "s")]
        + ["", "j", "aj", "jaj", "sergejs", "lavrovs", "ivanovs", "sss", "s"]
    )
    for t in words:
        assert has_affix(t) == (t.startswith(prefixes) or t.endswith(suffixes)), t
        assert _marked(t) == _marked_reference(t), t
        assert _latvian_stem(t) == _latvian_stem_reference(t), t
