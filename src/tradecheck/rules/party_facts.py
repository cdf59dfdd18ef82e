"""What a case party tells screening besides its name and country.

The engine's screeners take ``(name, country)``; a party that gives an address
(``parties[].address`` in the case schema) is screened with it as evidence too:
``screener(name, country, address=...)``. The keyword is passed only when the
party has the fact, so that a screener that knows nothing of addresses (a test's
``lambda name, country: []``) still works on every other case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def screening_facts(party: dict[str, Any]) -> dict[str, str]:
    """``{"address": …}`` when the party gives an address (text), else empty."""
    address = party.get("address")
    if isinstance(address, str) and address.strip():
        return {"address": address}
    return {}


def screen_party_with_facts(
    screener: Callable[..., list[Any]], party: dict[str, Any], name: str, country: str | None
) -> list[Any]:
    """Call ``screener`` on a party, with its address when it gives one."""
    facts = screening_facts(party)
    return screener(name, country, **facts) if facts else screener(name, country)
