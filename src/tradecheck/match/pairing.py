"""Pairing two names' tokens one to one, best similarity first (the scorer's alignment).

The similarity of two tokens is :func:`tradecheck.match.similarity.token_similarity`;
:func:`pair_tokens` works out only the similarities that can change the pairing.
"""

from __future__ import annotations

from typing import Final

from tradecheck.match.abjad import MARK
from tradecheck.match.similarity import (
    _PERSON_ONLY,
    INITIAL_SIM,
    is_nickname_pair,
    token_similarity,
    typo_similarity,
)

#: The script mark (a native constant: no module look-up per use).
_MARK: Final = MARK


def pair_tokens(
    qt: tuple[str, ...],
    ct: tuple[str, ...],
    person: bool,
    exact_only: bool,
    preset: tuple[int, int] | None = None,
) -> list[tuple[int, int, float, str]]:
    """Pairs of tokens of two names, one to one, best similarity first: (i, j,
    similarity, how). ``preset``: a pair already made, as an initial (persons only).
    The similarities that hold between persons' names only are left out otherwise.

    Only equal tokens are similar at 1.0 (every other similarity is below it), so
    equal tokens are paired first, in order, and the similarities of the tokens left
    on both sides alone are worked out: a token already paired cannot pair again.
    Two different tokens of Chinese or Korean syllables (``exact_only``) are not
    compared unless one is written in a script (their similarity is 0 otherwise).
    """
    nq, nc = len(qt), len(ct)
    # The tokens paired so far, as bits (no lists to allocate for each pair of names).
    used_q = used_c = 0
    pairs: list[tuple[int, int, float, str]] = []
    if preset is not None:
        used_q = 1 << preset[0]
        used_c = 1 << preset[1]
        pairs.append((preset[0], preset[1], INITIAL_SIM, "initial"))
    left_q, left_c = nq, nc
    for i in range(nq):
        if (used_q >> i) & 1:
            continue
        a = qt[i]
        for j in range(nc):
            if not (used_c >> j) & 1 and a == ct[j]:
                used_q |= 1 << i
                used_c |= 1 << j
                left_q -= 1
                left_c -= 1
                pairs.append((i, j, 1.0, "exact"))
                break
    if preset is not None:
        left_q -= 1
        left_c -= 1
    if left_q <= 0 or left_c <= 0:
        return pairs
    # One token left on a side: the greedy pairing makes one pair, the most similar
    # (the first in the candidates' order on ties), found without a list to sort.
    single = left_q == 1 or left_c == 1
    best_s = 0.0
    best_i = best_j = -1
    best_how = ""
    cand: list[tuple[float, int, int, str]] = []
    for i in range(nq):
        if (used_q >> i) & 1:
            continue
        a = qt[i]
        la = len(a)
        for j in range(nc):
            if (used_c >> j) & 1:
                continue
            b = ct[j]
            lb = len(b)
            if exact_only and a[:1] != _MARK and b[:1] != _MARK:
                continue  # different tokens, neither in a script: 0.0 (token_similarity)
            if (
                (la - lb > 3 or lb - la > 3)
                and la > 1
                and lb > 1
                and a[0] != _MARK
                and b[0] != _MARK
                and not is_nickname_pair(a, b)
            ):
                continue  # too different in length for any similarity (token_similarity)
            s, how = token_similarity(a, b, exact_only)
            if how == "latvian_ending" and not person:
                s, how = typo_similarity(a, b), "edit"  # an organisation's plural
            if s > 0.0 and (person or how not in _PERSON_ONLY):
                if not single:
                    cand.append((-s, i, j, how))
                elif s > best_s:  # (candidates come in the order of i, then j)
                    best_s, best_i, best_j, best_how = s, i, j, how
    if single:
        if best_i >= 0:
            pairs.append((best_i, best_j, best_s, best_how))
        return pairs
    cand.sort()
    for s, i, j, how in cand:
        if (used_q >> i) & 1 or (used_c >> j) & 1:
            continue
        used_q |= 1 << i
        used_c |= 1 << j
        pairs.append((i, j, -s, how))
    return pairs


def pair_numbers(
    qt: tuple[str, ...], ct: tuple[str, ...], pairs: list[tuple[int, int, float, str]]
) -> None:
    """Numbers left over on both sides stand in each other's place: "Fund VII" and
    "Fund VIII" are two of a series, aligned word for word (numbers_agree weighs the
    difference)."""
    for t in qt:
        if t.isdigit():
            break
    else:
        return  # (most names: no number, no lists built)
    q_num = [i for i, t in enumerate(qt) if t.isdigit()]
    if q_num:
        used_q = {i for i, _, _, _ in pairs}
        q_num = [i for i in q_num if i not in used_q]
    if q_num:
        used_c = {j for _, j, _, _ in pairs}
        c_num = [j for j, t in enumerate(ct) if j not in used_c and t.isdigit()]
        for i, j in zip(q_num, c_num, strict=False):
            pairs.append((i, j, 1.0, "number"))


__all__ = ["pair_numbers", "pair_tokens"]
