"""The shortcuts of the scorer and of its bound give the answers of the long way.

``bound.hopeless`` must decide as ``best_possible`` plus ``may_join`` do, and never
skip a pair that reaches the threshold; ``pairing.pair_tokens`` pairs equal tokens
first, which is the greedy pairing of all token pairs only because the similarity of
two different tokens is below 1.0 (and symmetric, which the bound relies on); the
reasons worked out when asked for are those the features give.

Checked on the name pairs of the scorer's tests and, when ``TRADECHECK_EVAL_DIR``
holds it, on every labelled pair of ``nomenklatura_name_bench_cases.csv``.
"""

from __future__ import annotations

import csv
import math
import os
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tradecheck.match.abjad import MARK
from tradecheck.match.bound import aligned_bound, best_possible, hopeless, may_join
from tradecheck.match.normalize import NameForm, normalize_name
from tradecheck.match.pairing import pair_tokens
from tradecheck.match.score import FEATURES, _round, _two, align, score_aligned, score_forms
from tradecheck.match.similarity import (
    _PERSON_ONLY,
    INITIAL_SIM,
    is_nickname_pair,
    token_similarity,
    typo_similarity,
)

PAIRS = [
    ("Olaf Scholze", "Olaf Scholz"),
    ("Octavian Scholz", "Olaf Scholz"),
    ("Vladimir Vladimirovich Putin", "PUTIN, Vladimir Vladimirovich"),
    ("Владимир Путин", "PUTIN, Vladimir"),
    ("Barack Obama", "Барак Хусеин Обама"),
    ("Ali Khamenei", "KHAMENEI, Ali Husseini"),
    ("Jason Smith", "Jason Dean Smith"),
    ("Jamal Sultan al-Tikriti", "Jamal Mustafa Abdallah Sultan al-Tikriti"),
    ("Omar bin Abdullah", "Abdullah bin Omar"),
    ("Mohammed Qasim Mir Abdul Khudai Rahim", "Mohammed Qasim Mir Wali Khudai Rahim"),
    ("Abdurrahim Khan", "Abdurrahman Khan"),
    ("Selenskyj Wolodymyr", "Zelenskyy Volodymyr"),
    ("Sergejs Lavrovs", "Sergey Lavrov"),
    ("J.-C. Juncker", "Jean Claude Juncker"),
    ("Hua Wei Ji Shu", "Huawei Technologies"),
    ("VladimirPutin", "Vladimir Putin"),
    ("华为技术有限公司", "HUAWEI TECHNOLOGIES CO., LTD."),
    ("张伟", "Wei ZHANG"),
    ("Acme Trading Co., Ltd.", "Acme Trading GmbH"),
    ("Fund VII", "Fund VIII"),
    ("Lightborn Goods", "Lightborn Goods Trading Ltd"),
    ("Bank of China (Hong Kong)", "Bank of China (Singapore)"),
    ("China State Construction Equipment", "China State Construction Engineering"),
    ("GUANGZHOU HAIGE COMM GRP", "Guangzhou Haige Communication Group Co., Ltd."),
    ("BD p.l.c.", "BP p.l.c."),
    ("محمد علي", "Mohammad Ali"),
    ("Kim Jong Un", "김정은"),
]


def _labelled() -> list[tuple[str, str]]:
    root = os.environ.get("TRADECHECK_EVAL_DIR")
    path = Path(root) / "nomenklatura_name_bench_cases.csv" if root else None
    if path is None or not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [(r["name1"], r["name2"]) for r in csv.DictReader(fh)]


def _form_pairs() -> Iterator[tuple[NameForm, NameForm]]:
    for a, b in PAIRS + _labelled():
        for qf in normalize_name(a):
            for cf in normalize_name(b):
                yield qf, cf
                yield cf, qf


FORM_PAIRS = list(_form_pairs())


def test_the_pairs_are_there() -> None:
    assert len(FORM_PAIRS) >= 2 * len(PAIRS)


@pytest.mark.parametrize("person", [True, False])
def test_hopeless_decides_as_the_bound_and_never_skips_a_reachable_pair(person: bool) -> None:
    for q, c in FORM_PAIRS:
        bound = best_possible(q, c, person=person)
        joins = may_join(q, c)
        score = score_forms(q, c, person=person).score
        assert joins or score <= bound + 1e-4, (q, c)
        for needed in (0.3, 0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0):
            for lift in (0.0, 0.05, 0.1):
                skip = hopeless(q, c, person=person, needed=needed, lift=lift)
                assert skip == (bound + lift + 1e-4 < needed and not joins), (q, c, needed)
                assert not skip or score + lift < needed, (q, c, needed)


@pytest.mark.parametrize("person", [True, False])
def test_the_aligned_bound_is_never_below_the_score(person: bool) -> None:
    # Its score (rounded to four places) is at most the bound of its alignment; and
    # the bound is no constant: below 1.0 for pairs that are not alike.
    below = 0
    for q, c in FORM_PAIRS:
        al = align(q, c, person)
        bound = aligned_bound(al)
        ps = score_aligned(al, q, c)
        assert ps.score <= bound + 5e-5, (q, c)
        assert ps.score == score_forms(q, c, person=person).score
        below += bound < 0.9
    assert below >= len(FORM_PAIRS) // 10


def _all_pairs_greedy(
    qt: Sequence[str],
    ct: Sequence[str],
    person: bool,
    exact_only: bool,
    preset: tuple[int, int] | None = None,
) -> list[tuple[int, int, float, str]]:
    """The pairing as it was: every pair of tokens compared, best similarity first."""
    cand: list[tuple[float, int, int, str]] = []
    for i, a in enumerate(qt):
        for j, b in enumerate(ct):
            if a == b:
                cand.append((-1.0, i, j, "exact"))
                continue
            la, lb = len(a), len(b)
            if (
                abs(la - lb) > 3
                and la > 1
                and lb > 1
                and a[0] != MARK
                and b[0] != MARK
                and not is_nickname_pair(a, b)
            ):
                continue
            s, how = token_similarity(a, b, exact_only)
            if how == "latvian_ending" and not person:
                s, how = typo_similarity(a, b), "edit"
            if s > 0.0 and (person or how not in _PERSON_ONLY):
                cand.append((-s, i, j, how))
    cand.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[int, int, float, str]] = []
    if preset is not None:
        used_q.add(preset[0])
        used_c.add(preset[1])
        pairs.append((preset[0], preset[1], INITIAL_SIM, "initial"))
    for s, i, j, how in cand:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pairs.append((i, j, -s, how))
    return pairs


def test_pair_tokens_is_the_greedy_pairing_of_all_token_pairs() -> None:
    for q, c in FORM_PAIRS:
        for person in (True, False):
            for exact_only in (False, True):
                want = _all_pairs_greedy(q.tokens, c.tokens, person, exact_only)
                assert pair_tokens(q.tokens, c.tokens, person, exact_only) == want, (q, c)
    # Repeated tokens, and a pair already made.
    qt, ct = ("ali", "ali", "hasan", "x"), ("hasan", "ali", "hassan", "ali", "ali")
    for preset in (None, (0, 1), (2, 0), (3, 4)):
        want = _all_pairs_greedy(qt, ct, True, False, preset)
        assert pair_tokens(qt, ct, True, False, preset) == want


def test_pair_tokens_is_the_greedy_pairing_on_random_token_lists() -> None:
    # Repeats (ties between equal similarities), one token left on a side, syllables
    # compared exactly, tokens in a script: the shortcuts give the greedy pairing.
    words = ["ali", "aly", "alli", "hasan", "hassan", "husain", "x", "j", "joachim", "7"]
    words += [f"{MARK}mhmd", f"{MARK}mhd", "wang", "wong", "li", "lee", "sergejs", "sergey"]
    rng = random.Random(11)
    for _ in range(3000):
        qt = tuple(rng.choice(words) for _ in range(rng.randint(1, 4)))
        ct = tuple(rng.choice(words) for _ in range(rng.randint(1, 5)))
        for person in (True, False):
            for exact_only in (False, True):
                want = _all_pairs_greedy(qt, ct, person, exact_only)
                assert pair_tokens(qt, ct, person, exact_only) == want, (qt, ct)


def test_token_similarity_is_symmetric_and_below_one_for_different_tokens() -> None:
    tokens = sorted({t for q, c in FORM_PAIRS for t in (*q.tokens, *c.tokens)})
    rng = random.Random(5)
    pairs = [(q_t, c_t) for q, c in FORM_PAIRS for q_t in q.tokens for c_t in c.tokens]
    pairs += [(rng.choice(tokens), rng.choice(tokens)) for _ in range(20_000)]
    for a, b in pairs:
        for exact_only in (False, True):
            s, _ = token_similarity(a, b, exact_only)
            assert s == token_similarity(b, a, exact_only)[0], (a, b)
            assert s < 1.0 or a == b, (a, b)


@pytest.mark.parametrize("person", [True, False])
def test_features_worded_when_asked_are_the_features(person: bool) -> None:
    for q, c in FORM_PAIRS:
        ps = score_forms(q, c, person=person)
        al = align(q, c, person)
        want = [(fn.__name__, *fn(al, q, c)) for fn in FEATURES]
        assert ps.features == want
        product = want[0][1]
        for _, v, _ in want[1:]:
            product = product * v
        assert ps.score == round(product, 4)


def test_remembered_rounding_and_formatting_are_rounding_and_formatting() -> None:
    rng = random.Random(3)
    values = [0.0, -0.0, 1.0, 0.5, 0.35, 0.9, 0.12345, 0.99995, 0.00005]
    values += [rng.random() for _ in range(5000)]
    for _ in range(2):  # (the second time remembered)
        for x in values:
            for digits in (3, 4):
                got, want = _round(x, digits), round(x, digits)
                assert got == want and math.copysign(1, got) == math.copysign(1, want)
            assert _two(x) == f"{x:.2f}"
