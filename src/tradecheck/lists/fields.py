"""Field values as list files write them, made uniform: dates, multi-valued cells, names.

Shared by the list parsers; every helper is total (never raises) and keeps what
it cannot read for the caller to report, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from tradecheck.entity import Address, Name
from tradecheck.lists.base import check_name

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DMY = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")


def iso_date(value: str | None) -> str | None:
    """Normalise a list date to ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); None if not a date.

    Accepts ``2023-07-19``, ``1962``, ``07/19/2023`` (US order) and ``19 Jul 2023``.
    Total: never raises.
    """
    if not value:
        return None
    v = value.strip()
    try:
        if m := _ISO.match(v):
            y, mo, d = m.groups()
            if d:
                return date(int(y), int(mo), int(d)).isoformat()
            if mo:
                return f"{y}-{int(mo):02d}" if 1 <= int(mo) <= 12 else None
            return y
        if m := _US.match(v):
            return date(int(m[3]), int(m[1]), int(m[2])).isoformat()
        if (m := _DMY.match(v)) and m[2].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])).isoformat()
    except ValueError:
        return None
    return None


def date_prefix(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` a date or timestamp starts with (``2026-02-27T00:00:09Z``); else None.

    Unlike :func:`iso_date` it reads only that one form and does not check the calendar.
    """
    return value[:10] if value and _ISO_PREFIX.match(value) else None


def split_multi(value: str | None, sep: str = ";") -> list[str]:
    """Split a multi-valued cell (``a; b; c``), folding white space and dropping empties."""
    if not value:
        return []
    out: list[str] = []
    for part in value.split(sep):
        v = " ".join(part.split())
        if v and v != "-0-" and v not in out:
            out.append(v)
    return out


def fold(value: str) -> str:
    """Case- and space-folded form used to tell duplicate aliases apart."""
    return " ".join(value.casefold().split())


def new_names(candidates: Iterable[Name], known: Iterable[str]) -> list[Name]:
    """The candidates whose folded value is neither known already nor an earlier candidate.

    Args:
        candidates: aliases in the order the list gives them.
        known: the names the entity has already (its primary name, its aliases).
    """
    seen = {fold(k) for k in known}
    out: list[Name] = []
    for name in candidates:
        if fold(name.value) not in seen:
            seen.add(fold(name.value))
            out.append(name)
    return out


def joined_address(
    street: str | None,
    city: str | None,
    region: str | None = None,
    postal_code: str | None = None,
    country_text: str | None = None,
    *,
    country: str | None = None,
    po_box: str | None = None,
) -> Address | None:
    """An address whose ``full`` text joins its non-empty parts; None when all are empty.

    Args:
        street: street lines (several already joined by the caller).
        city: city or town.
        region: state, province or region.
        postal_code: postal or ZIP code.
        country_text: the country as the list writes it; kept in ``full`` only.
        country: its ISO-2 code, where known.
        po_box: a post-office box, written after the street.
    """
    parts = [p for p in (street, po_box, city, region, postal_code, country_text) if p]
    if not parts:
        return None
    return Address(
        full=", ".join(parts),
        street=street or None,
        city=city or None,
        region=region or None,
        postal_code=postal_code or None,
        country=country,
    )


def countries_of(addresses: Iterable[Address], first: Iterable[str] = ()) -> list[str]:
    """An entity's countries: ``first`` (nationalities …), then its address countries, once each."""
    return list(dict.fromkeys([*first, *(a.country for a in addresses if a.country)]))


_C1 = re.compile("[\u0080-\u009f]")


def repair_c1(
    value: str | None, repairs: list[dict[str, str]], *, row: str, field: str
) -> str | None:
    """Replace C1 control characters (U+0080–U+009F) by U+FFFD and record the repair.

    Published lists hold the odd mis-encoded byte (the CSL of 2026-07-31 writes
    ``Murat B\\x81key``, a CP437 ``ü``); one such byte must not block a list of
    25,000 entries, nor be silently guessed at. C0 controls (U+0000–U+001F) and
    DEL stay errors for :func:`~tradecheck.lists.base.check_name`.
    """
    if value is None or not _C1.search(value):
        return value
    repairs.append({"row": row, "field": field, "raw": repr(value)})
    return _C1.sub("\ufffd", value)


def repaired_name(
    value: str | None, repairs: list[dict[str, str]], *, file: str, row: str, field: str
) -> str:
    """:func:`~tradecheck.lists.base.check_name` after :func:`repair_c1`, for the US lists.

    Raises:
        DataFileError: for an empty or over-long name or a C0 control character.
    """
    return check_name(
        repair_c1(value, repairs, row=row, field=field), file=file, row=row, field=field
    )
