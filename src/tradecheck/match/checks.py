"""Checks of a screening query's name, type and country (one clear error each)."""

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
    if not name.strip():
        raise InputError(f"{where}: empty name")
    if len(name) > MAX_QUERY_CHARS:
        raise InputError(f"{where}: name is {len(name)} characters long (limit {MAX_QUERY_CHARS})")
    bad = _CONTROL.search(name)
    if bad is not None:
        raise InputError(f"{where}: control character U+{ord(bad.group()):04X} in name")
    return " ".join(name.split())


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


__all__ = ["check_country", "check_query_name", "check_type"]
