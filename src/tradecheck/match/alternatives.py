"""Alternatives written with a slash inside one listed name.

The lists write two names of one organisation, or two words of one name, with a
slash between them: "Al Qa'ida/Islamic Army", "Lord's Resistance Movement/Army",
"China National Plant Import/Export Co.", "Front for the Conquest of Syria/the
Levant". A query gives one of them, so each is a form of the listed name:

* the name up to the slash ("Al Qa'ida", "Lord's Resistance Movement");
* the word after the slash in place of the word before it, the rest kept
  ("Lord's Resistance Army", "China National Plant Export Co.").

Each only when it has two words or more: a single word before a slash is often one
partner of a joint venture ("Raytheon/Lockheed Martin Javelin Joint Venture"), and a
one-word form would meet every query of that word.

The name after the slash alone is not a form: where the slash joins two words it is
the last word(s) only ("Army", "Export Co.").

A slash between letters or one-letter abbreviations is no alternative: legal forms
(A/S, S/A, I/S, K/S), "c/o", acronyms written with one ("LRM/A"); nor a slash
touching a legal form ("VPK/OOO/LLC").
"""

from __future__ import annotations

import re

from tradecheck.match.normalize import is_legal_form, normalize_text

#: A slash with a word of two letters or more on each side (no space in between).
_SLASH = re.compile(r"([^\W\d_][\w'’.-]*[^\W\d_])/([^\W\d_][\w'’.-]*[^\W\d_])")

#: Fewest words (normalised tokens) of a form made at a slash.
MIN_WORDS = 2


def slash_alternatives(name: str) -> list[str]:
    """The further forms the slashes of ``name`` imply (none for most names)."""
    if "/" not in name:
        return []
    out: list[str] = []
    for m in _SLASH.finditer(name):
        left, right = m.group(1), m.group(2)
        if is_legal_form(left) or is_legal_form(right):
            continue
        before = name[: m.start()]
        out.append((before + left).strip(" ,;-"))
        out.append(" ".join((before + right + name[m.end() :]).split()))
    return list(
        dict.fromkeys(v for v in out if v != name and len(normalize_text(v).split()) >= MIN_WORDS)
    )


def listed_forms(variants: list[str]) -> list[str]:
    """``variants`` (:func:`~tradecheck.match.variants.name_variants` of a listed
    name) followed by the slash alternatives of each, without repeats."""
    out = list(variants)
    for v in variants:
        for alt in slash_alternatives(v):
            if alt not in out:
                out.append(alt)
    return out


__all__ = ["listed_forms", "slash_alternatives"]
