"""Country names as lists print them (``Russian Federation``, ``Korea, North``) → ISO-2 codes.

One table serves every parser: ``data/lists/country_names.csv`` (``name,iso2,source,notes``;
ISO 3166-1 names, the UN's short names, OFAC's spellings and the variants other
lists use; see ``data/lists/SOURCES.md``). Lookup is total: an unknown name gives
``None`` and the caller keeps the raw text, never a guess.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from tradecheck.errors import DataFileError

_TABLE = "data/lists/country_names.csv"


def _key(name: str) -> str:
    # Case, white space and a trailing full stop carry no meaning in a country name.
    return " ".join(name.replace("\u2019", "'").split()).strip(" .").casefold()


@functools.cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    ref = resources.files("tradecheck").joinpath(_TABLE)
    text = ref.read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for row, rec in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        code = rec["iso2"].strip()
        if len(code) != 2 or not code.isascii() or not code.isalpha() or not code.isupper():
            raise DataFileError("not an ISO-2 code", file=_TABLE, row=row, field="iso2")
        key = _key(rec["name"])
        # Fail on load, not mid-parse, if two rows give one name two meanings.
        if names.setdefault(key, code) != code:
            raise DataFileError(f"{rec['name']!r} maps to two codes", file=_TABLE, row=row)
    return names, frozenset(names.values())


def country_code(name: str | None, *, codes: bool = False) -> str | None:
    """Return the ISO-2 code for a country name, or ``None`` when unknown.

    Args:
        name: the country as the list writes it; case, white space, a curly
            apostrophe and a trailing full stop do not matter.
        codes: also accept a two-letter value that is a known ISO-2 code
            (``cn`` → ``CN``), for the US lists, whose country cells hold codes
            and names alike. Off by default: ``na`` in the UN list means "not
            available", not Namibia.
    """
    if not name or not name.strip():
        return None
    names, known = _table()
    v = " ".join(name.split())
    if codes and len(v) == 2 and v.upper() in known:
        return v.upper()
    return names.get(_key(v))


def is_country_code(value: str) -> bool:
    """Whether ``value`` is a known ISO-2 code, in upper case as the lists write it."""
    return len(value) == 2 and value in _table()[1]


def iso2(code: str | None) -> str | None:
    """Return an upper-cased ISO-2 code, or ``None`` for anything that is not two letters."""
    c = (code or "").strip()
    return c.upper() if len(c) == 2 and c.isascii() and c.isalpha() else None
