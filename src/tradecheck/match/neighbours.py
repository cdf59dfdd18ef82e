"""Which code found a token's neighbours in the candidate index.

:class:`tradecheck.match.index.Index` keeps the typo and sound-alike neighbours of
its own tokens, found when it was built; this hash says which code found them, so
that a kept answer never outlives a change to the rules that gave it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

#: Sources of the code that decides a token's neighbours (:meth:`Index._token_hits`);
#: the tables it reads are covered by the normalisation version. (``spelling.py`` stands
#: for ``spelling.c`` as well, which answers as it does, tests/match/test_spelling.py:
#: an installed package need not carry its C sources, and a missing source keeps none.)
_NEIGHBOUR_SOURCES = (
    "index.py",
    "search.py",
    "similarity.py",
    "spelling.py",
    "phonetic.py",
    "abjad.py",
    "tables.py",
)


@cache
def neighbour_version() -> str | None:
    """A hash of the code that finds a token's neighbours; None without its sources.

    An index keeps the neighbours of its own tokens, found when it was built, and a
    loaded index uses them only when this code is the code that found them (else it
    finds them on first sight, as for any other token): a kept answer never
    outlives a change to the rules that gave it.
    """
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _NEIGHBOUR_SOURCES:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            return None
    return h.hexdigest()[:16]


__all__ = ["neighbour_version"]
