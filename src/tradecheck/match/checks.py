"""Checks of a screening query: name, type, country, address, identifier (one clear error each)."""

from __future__ import annotations

import re

from tradecheck.errors import InputError
from tradecheck.match.normalize import MAX_QUERY_CHARS


def check_query_name(name: object, *, where: str = "name") -> str:
    """Validate a party name; raise :class:`InputError` saying what is wrong.

    Empty, whitespace-only, over-long (> 1000 characters) and control-character
    names are refused; anything else is accepted and normalised.
    """
    if not isinstance(name, str):
        raise InputError(f"{where}: expected text, got {type(name).__name__}")
    words = name.split()  # (at white space, as strip() finds it)
    if not words:
        raise InputError(f"{where}: empty name")
    if len(name) > MAX_QUERY_CHARS:
        raise InputError(f"{where}: name is {len(name)} characters long (limit {MAX_QUERY_CHARS})")
    # (A control character is never printable: most names need no search for one.)
    bad = None if name.isprintable() else _CONTROL.search(name)
    if bad is not None:
        raise InputError(f"{where}: control character U+{ord(bad.group()):04X} in name")
    return " ".join(words)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_type(value: str | None) -> str | None:
    """``person``, ``org`` or None from a user's type word; anything else is an error."""
    if value is None or value == "":
        return None
    v = value.strip().lower()
    if v in ("person", "individual"):
        return "person"
    if v in ("org", "organization", "organisation", "entity", "company"):
        return "org"
    raise InputError(f"type {value!r} is not one of person, org")


def check_country(value: str | None) -> str | None:
    """An upper-case ISO 3166 alpha-2 code, or None; anything else is an error."""
    if value is None or value == "":
        return None
    v = value.strip().upper()
    if len(v) != 2 or not v.isalpha() or not v.isascii():
        raise InputError(f"country {value!r} is not an ISO 3166 two-letter code (e.g. CN)")
    return v


#: Longest address and identifier a query may give.
MAX_ADDRESS_CHARS = 500
MAX_IDENTIFIER_CHARS = 100


def _check_text(value: object, what: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{what}: expected text, got {type(value).__name__}")
    if len(value) > limit:
        raise InputError(f"{what} is {len(value)} characters long (limit {limit})")
    bad = _CONTROL.search(value)
    if bad is not None:
        raise InputError(f"{what}: control character U+{ord(bad.group()):04X}")
    clean = " ".join(value.split())
    return clean or None


def check_address(value: object) -> str | None:
    """A party's address (free text, any script) with its white space collapsed, or None.

    Empty is None; over 500 characters, control characters or a non-string are errors.
    """
    return _check_text(value, "address", MAX_ADDRESS_CHARS)


def check_identifier(value: object) -> str | None:
    """A party's identifier (registration, passport, IMO number …), or None.

    Empty is None; over 100 characters, control characters or a non-string are errors.
    """
    return _check_text(value, "identifier", MAX_IDENTIFIER_CHARS)


__all__ = [
    "MAX_ADDRESS_CHARS",
    "MAX_IDENTIFIER_CHARS",
    "check_address",
    "check_country",
    "check_identifier",
    "check_query_name",
    "check_type",
]
