"""Token weights: the rules of weights.yaml, as the scorer has always applied them."""

from __future__ import annotations

import random

from tradecheck.match.normalize import NameForm, normalize_name
from tradecheck.match.tables import class_weights
from tradecheck.match.weights import (
    DUPLICATE_WEIGHT,
    INITIAL_WEIGHT,
    LETTER_WEIGHT,
    form_weights,
    token_weights,
)


def _reference(
    tokens: tuple[str, ...], classes: tuple[str, ...], person: bool, syllabic: bool = False
) -> list[float]:
    """The weights as first written (a set of the words seen for the repeats)."""
    cw = class_weights()
    has_core = any(c in ("core", "number") for c in classes)
    out = []
    repeats = person and not syllabic
    seen: set[str] = set()
    for t, c in zip(tokens, classes, strict=True):
        if repeats:
            if t in seen:
                out.append(min(DUPLICATE_WEIGHT, cw.get(c, 1.0)))
                continue
            seen.add(t)
        if c in ("generic", "place") and (person or not has_core):
            c = "core"
        w = cw.get(c, 1.0)
        if len(t) == 1 and c == "core" and not syllabic and not t.isdigit():
            w = INITIAL_WEIGHT if person else LETTER_WEIGHT
        out.append(w)
    return out


def test_weights_are_the_reference_weights() -> None:
    rng = random.Random(3)
    words = ["ali", "a", "7", "bank", "ltd", "al", "mr", "ali", "b", "12", "x"]
    kinds = [*class_weights(), "place", "unknown"]
    for _ in range(5000):
        n = rng.randint(0, 7)
        tokens = tuple(rng.choice(words) for _ in range(n))
        classes = tuple(rng.choice(kinds) for _ in range(n))
        for person in (False, True):
            for syllabic in (False, True):
                want = _reference(tokens, classes, person, syllabic)
                assert token_weights(tokens, classes, person, syllabic) == want


def test_form_weights_are_cached_unless_tokens_were_joined() -> None:
    form: NameForm = normalize_name("Sergey Sergey Shoigu")[0]
    for person in (False, True):
        w = form_weights(form, form.tokens, form.classes, person)
        assert list(w) == _reference(form.tokens, form.classes, person)
        assert form_weights(form, form.tokens, form.classes, person) is w
    joined = ("sergeysergey", "shoigu")
    got = form_weights(form, joined, ("core", "core"), True)
    assert list(got) == _reference(joined, ("core", "core"), True)
