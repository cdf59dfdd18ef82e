"""The further forms a listed name implies: its parenthetical parts, curated Chinese names."""

from __future__ import annotations

from functools import cache

from tradecheck.match.normalize import is_legal_form, normalize_name
from tradecheck.match.tables import CnName, cn_names


@cache
def curated_by_english() -> dict[tuple[str, ...], tuple[CnName, ...]]:
    """The curated Chinese names (``cn_names.yaml``) by the tokens of their English name."""
    out: dict[tuple[str, ...], list[CnName]] = {}
    for row in cn_names():
        for form in normalize_name(row.en):
            out.setdefault(form.tokens, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def name_variants(name: str) -> list[str]:
    """A listed name and the forms it implies.

    A trailing parenthetical is a short name or a qualifier:
    "Semiconductor Manufacturing International Corporation (SMIC)" is also listed as
    "Semiconductor Manufacturing International Corporation" and, because the
    parenthetical is an acronym, as "SMIC"; "Huawei Technologies (Bolivia) S.R.L."
    also as "Huawei Technologies S.R.L." but not as "Bolivia". A parenthetical
    counts as a name of its own when it is written in capitals or shares a word
    with the rest of the name.
    """
    out = [name]
    start, end = name.rfind("("), name.rfind(")")
    if 0 < start < end:
        inner = name[start + 1 : end].strip()
        outer = " ".join((name[:start] + " " + name[end + 1 :]).split())
        if outer:
            out.append(outer)
        at_end = not name[end + 1 :].strip(" .,;")
        if at_end and len(inner) >= 2:
            letters = [c for c in inner if c.isalpha()]
            shares = bool(set(inner.lower().split()) & set(outer.lower().split()))
            if ((letters and all(c.isupper() for c in letters)) or shares) and not is_legal_form(
                inner
            ):
                out.append(inner)
    return out
