"""Every setting is documented, and the docs name no setting that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

from tradecheck.settings import SETTINGS

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_settings_table_matches_docs() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \| `TRADECHECK_", text, flags=re.M))
    assert documented == set(SETTINGS)
    for s in SETTINGS.values():
        assert f"`{s.env}`" in text
