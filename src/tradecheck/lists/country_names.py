"""Country names as lists print them (``Russian Federation``, ``Viet Nam``) → ISO 3166-1 alpha-2.

The table is data (``data/lists/un/country_names.csv``: the UN's English short
names plus the common variants the UK and other lists use). Lookup is total: an
unknown name gives ``None`` and the caller keeps the raw text.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources


def _key(name: str) -> str:
    # Case, white space and a trailing full stop carry no meaning in a country name.
    return " ".join(name.replace("\u2019", "'").split()).strip(" .").casefold()


@functools.cache
def _table() -> dict[str, str]:
    text = (
        resources.files("tradecheck")
        .joinpath("data/lists/un/country_names.csv")
        .read_text(encoding="utf-8")
    )
    table: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[_key(row["name"])] = row["iso2"].strip().upper()
    return table


def country_code(name: str | None) -> str | None:
    """Return the ISO-2 code for a country name, or ``None`` when unknown.

    Two-letter codes are deliberately not guessed: ``na`` in a list means "not
    available", not Namibia.
    """
    if not name or not name.strip():
        return None
    return _table().get(_key(name))


def iso2(code: str | None) -> str | None:
    """Return an upper-cased ISO-2 code, or ``None`` for anything that is not two letters."""
    c = (code or "").strip()
    return c.upper() if len(c) == 2 and c.isascii() and c.isalpha() else None
