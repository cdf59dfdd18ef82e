"""Addresses as screening evidence: one normaliser for both sides, and their comparison.

:func:`normalize_address` turns an address in any script into tokens: NFKC and
casefold; Chinese administrative and street suffixes split off and translated
(深圳市 → "shenzhen city"); transliteration (:mod:`tradecheck.match.translit`);
every non-alphanumeric character a separator; street words folded to one spelling
each ("ul.", "ulitsa", "strasse" → "street"). The word tables are
``data/match/address_words.yaml``.

:func:`compare_address` compares a party's address with a listing's addresses:
the listing's city (strong, weighted by how rare its words are among the listed
addresses), its postal code (strong) and its street words (weak, rarity-weighted).
It returns a score change and the reason; the weights are
``calibration.yaml`` ``evidence.address``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from tradecheck.entity import Address
from tradecheck.lists.country_names import country_code
from tradecheck.match.tables import load_table
from tradecheck.match.translit import has_han, is_han, transliterate

_SPLIT = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['’‘`´ʻʼ]")


@cache
def _words() -> dict[str, str]:
    """Spelling → canonical weak word (each canonical word maps to itself)."""
    out: dict[str, str] = {}
    for canon, spellings in (load_table("address_words.yaml").get("weak") or {}).items():
        out[str(canon)] = str(canon)
        for s in spellings or []:
            out.setdefault(str(s), str(canon))
    return out


@cache
def _weak() -> frozenset[str]:
    return frozenset(_words().values())


@cache
def _han_suffixes() -> tuple[tuple[str, str], ...]:
    """(Han suffix, Latin word), longest suffix first."""
    raw = load_table("address_words.yaml").get("han_suffixes") or {}
    return tuple(sorted(((str(k), str(v)) for k, v in raw.items()), key=lambda kv: -len(kv[0])))


def _split_han_suffixes(text: str) -> str:
    """Put each administrative suffix that follows a Han place name apart, in Latin."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if i > 0 and is_han(text[i - 1]):
            for han, latin in _han_suffixes():
                if text.startswith(han, i):
                    out.append(f" {latin} ")
                    i += len(han)
                    break
            else:
                out.append(text[i])
                i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def normalize_address(text: str) -> tuple[str, ...]:
    """The tokens of an address, in order (empty when nothing remains).

    Total (never raises) and idempotent: normalising the tokens joined by spaces
    gives the same tokens.
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    if not t.isascii():
        if has_han(t):
            t = _split_han_suffixes(t)
        t = transliterate(_APOSTROPHES.sub("", t)).lower()
    t = _APOSTROPHES.sub("", t)
    words = _words()
    return tuple(words.get(x, x) for x in _SPLIT.split(t) if x)


def is_weak(token: str) -> bool:
    """A word saying what kind of place (street, building …) or a single letter."""
    return token in _weak() or (len(token) == 1 and token.isalpha())


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _shape(code: str) -> str:
    return "".join("9" if c.isdigit() else "a" for c in code)


class ListedAddress(NamedTuple):
    """A listing's address as compared: city words, postal codes, street words."""

    city: tuple[str, ...]
    postal: tuple[str, ...]
    street: tuple[str, ...]
    #: How the reason names it: the city as listed ("Moscow"), else the street or line.
    label: str
    city_label: str


def read_listed(a: Address) -> ListedAddress:
    """Split a listed address into city words, postal codes and street words.

    Lists often put the postal code in the city field ("Moscow 117186", "London
    EC3N 1DY") and a region after a comma ("Kursk, Kursk Region"): the tokens with
    digits there are the postal code, the first part the city, the rest region
    words (counted with the street words).
    """
    postal: list[str] = []
    if a.postal_code:
        code = "".join(normalize_address(a.postal_code))
        if code:
            postal.append(code)
    city: tuple[str, ...] = ()
    city_label = ""
    other: list[str] = []
    for k, part in enumerate((a.city or "").split(",")):
        toks = normalize_address(part)
        digits = [t for t in toks if _has_digit(t)]
        if digits:
            postal.append("".join(digits))
        words = tuple(t for t in toks if not _has_digit(t) and not is_weak(t))
        if k == 0:
            city = words
            city_label = " ".join(w for w in part.split() if not any(c.isdigit() for c in w))
        else:
            other.extend(words)
    street = [*normalize_address(a.street or ""), *other, *normalize_address(a.region or "")]
    if not city and not street and not postal and a.full and country_code(a.full) is None:
        # Only a full line (and not just a country's name, as in OFAC's "Korea,
        # North"): its words compare as street words (no city is known).
        toks = normalize_address(a.full)
        street = [t for t, c in zip(toks, _country_marks(toks), strict=True) if not c]
    label = ", ".join(p for p in (a.city, a.postal_code) if p) or (a.street or a.full or "")
    return ListedAddress(
        city, tuple(dict.fromkeys(postal)), tuple(street), label.strip(), city_label or label
    )


def _country_marks(tokens: tuple[str, ...]) -> list[bool]:
    """Which tokens belong to a country's name ("united arab emirates", "china")."""
    marks = [False] * len(tokens)
    for i in range(len(tokens)):
        for k in range(min(4, len(tokens) - i), 0, -1):
            if country_code(" ".join(tokens[i : i + k])) is not None:
                marks[i : i + k] = [True] * k
                break
    return marks


# --- rarity of address words among the listings


class Rarity:
    """How rare each address word is among the listed addresses (a weight in 0..1)."""

    def __init__(self, df: dict[str, int], n: int) -> None:
        self.df = df
        self.n = max(1, n)
        w = _weights()
        self.weak = float(w["weak_word_weight"])
        self.floor = float(w["min_rarity"])

    def weight(self, token: str) -> float:
        """The weight of ``token``: weak words little, rare words 1, common ones less."""
        if is_weak(token):
            return self.weak
        df = self.df.get(token, 0)
        if df <= 1 or self.n <= 1:
            return 1.0
        share = math.log(self.n / df) / math.log(self.n)
        return self.floor + (1.0 - self.floor) * max(0.0, share)

    @classmethod
    def of(cls, addresses: Iterable[Sequence[Address]]) -> Rarity:
        """Count, for each word, the listings whose addresses hold it."""
        df: dict[str, int] = {}
        n = 0
        for addrs in addresses:
            n += 1
            seen: set[str] = set()
            for a in addrs:
                la = read_listed(a)
                seen.update(la.city, la.postal, la.street)
            for t in seen:
                df[t] = df.get(t, 0) + 1
        return cls(df, n)


_RARITY: weakref.WeakKeyDictionary[Any, Rarity] = weakref.WeakKeyDictionary()


def rarity_for(index: Any) -> Rarity:
    """The rarity of address words among ``index``'s entities (counted once per index)."""
    found = _RARITY.get(index)
    if found is None:
        found = _RARITY[index] = Rarity.of(_index_addresses(index))
    return found


def _index_addresses(index: Any) -> Iterable[list[Address]]:
    # The entities of a loaded index are JSON until asked for: read their addresses
    # without keeping 28,000 decoded entities in memory.
    ents = index.entities
    docs: list[str] = getattr(ents, "docs", [])
    for i in range(len(ents)):
        doc = docs[i] if i < len(docs) else ""
        if doc:
            yield [Address(**a) for a in json.loads(doc).get("addresses") or []]
        else:
            yield list(ents[i].addresses)


# --- comparison


@cache
def _weights() -> dict[str, float]:
    raw = load_table("calibration.yaml")["evidence"]["address"]
    return {str(k): float(v) for k, v in raw.items()}


@dataclass(frozen=True, slots=True)
class QueryAddress:
    """A party's address, normalised once per query."""

    text: str
    tokens: tuple[str, ...]
    rarity: Rarity
    #: The tokens, adjacent tokens joined ("long gang" → "longgang") and runs of
    #: tokens with digits joined ("EC3N 1DY" → "ec3n1dy").
    found: frozenset[str]
    #: Tokens that name a place: not weak words, not a country's name.
    place_words: tuple[str, ...]


def _joined(tokens: tuple[str, ...]) -> frozenset[str]:
    out = set(tokens)
    for k in (2, 3):
        for i in range(len(tokens) - k + 1):
            out.add("".join(tokens[i : i + k]))
    run: list[str] = []
    for t in (*tokens, ""):
        if t and _has_digit(t):
            run.append(t)
            continue
        for i in range(len(run)):
            for j in range(i + 2, len(run) + 1):
                out.add("".join(run[i:j]))
        run = []
    return frozenset(out)


def query_address(text: str, rarity: Rarity) -> QueryAddress:
    """Normalise a party's address for comparison."""
    toks = normalize_address(text)
    marks = _country_marks(toks)
    # (A bare house number such as "5" names no place on its own.)
    place = tuple(
        t
        for t, c in zip(toks, marks, strict=True)
        if not c and not is_weak(t) and (len(t) >= 3 or not t.isdigit())
    )
    return QueryAddress(" ".join(text.split()), toks, rarity, _joined(toks), place)


class Verdict(NamedTuple):
    """How one listed address compares with the query's."""

    delta: float
    agrees: bool
    reason: str


def _compare_one(q: QueryAddress, la: ListedAddress) -> Verdict | None:
    """None when the two have nothing to compare (the listing gives no city, street, postal)."""
    if not (la.city or la.postal or la.street):
        return None
    w = _weights()
    found = q.found
    parts: list[str] = []
    delta = 0.0
    city_hit = bool(la.city) and all(t in found for t in la.city)
    if city_hit:
        rare = sum(q.rarity.weight(t) for t in la.city) / len(la.city)
        delta += w["city_agrees"] * rare
        parts.append(f"city {la.city_label}")
    postal_hit = next((p for p in la.postal if p in found), None)
    if postal_hit:
        delta += w["postal_agrees"]
        parts.append(f"postal {postal_hit}")
    street = [t for t in la.street if not is_weak(t)]
    total = sum(q.rarity.weight(t) for t in street)
    got = [t for t in dict.fromkeys(street) if t in found or _joined_in(t, la.street, found)]
    share = sum(q.rarity.weight(t) for t in got) / total if total else 0.0
    if got:
        delta += w["street_agrees"] * min(1.0, share)
        parts.append(f"street words {', '.join(got)}")
    if city_hit or postal_hit or share >= 0.5:
        delta = min(delta, w["agrees_max"])
        shapes = {_shape(t) for t in q.tokens if _has_digit(t) and len(t) >= 4}
        other = [p for p in la.postal if _shape(p) in shapes]
        if not postal_hit and other:
            delta += w["postal_differs"]
            return Verdict(delta, True, f"{'; '.join(parts)}; postal differs: {other[0]} listed")
        return Verdict(delta, True, ", ".join(parts))
    return Verdict(w["differs"], False, la.label)


def _joined_in(token: str, street: tuple[str, ...], found: frozenset[str]) -> bool:
    """``token`` with its neighbour on the listed side is one query token ("ban tian")."""
    i = street.index(token)
    return (i + 1 < len(street) and token + street[i + 1] in found) or (
        i > 0 and street[i - 1] + token in found
    )


def compare_address(q: QueryAddress, listed: Sequence[Address]) -> tuple[float, str]:
    """The score change and reason of the party's address against a listing's addresses.

    The best-agreeing listed address counts; the address differs only when none of
    the comparable ones agrees. Total: never raises.
    """
    if not q.tokens:
        return 0.0, ""
    if not q.place_words:
        return 0.0, "address gives no place to compare (only street words or a country)"
    if not listed:
        return 0.0, "address given; the listing gives none"
    verdicts = [v for v in (_compare_one(q, read_listed(a)) for a in listed) if v is not None]
    if not verdicts:
        countries = sorted({a.country for a in listed if a.country})
        only = f" ({', '.join(countries)})" if countries else ""
        return 0.0, f"address given; the listing gives a country only{only}"
    best = max(verdicts, key=lambda v: (v.agrees, v.delta))
    if best.agrees:
        return round(best.delta, 4), f"address agrees: {best.reason}"
    labels = list(dict.fromkeys(v.reason for v in verdicts if v.reason))
    more = f" (+{len(labels) - 3} more)" if len(labels) > 3 else ""
    return best.delta, f"address differs: {q.text} vs {'; '.join(labels[:3])}{more}"


__all__ = [
    "ListedAddress",
    "QueryAddress",
    "Rarity",
    "compare_address",
    "is_weak",
    "normalize_address",
    "query_address",
    "rarity_for",
    "read_listed",
]
