"""The committed OpenAPI document: ``python -m tradecheck.api.openapi > docs/openapi.json``.

A test compares the served document with ``docs/openapi.json`` and fails on any drift.
"""

from __future__ import annotations

import json
import sys
import tempfile
from typing import Any


def openapi_document() -> dict[str, Any]:
    """The app's OpenAPI document (built over a throw-away store: it does not depend on one)."""
    import os

    from tradecheck.api import create_app

    saved = os.environ.get("TRADECHECK_DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix="tradecheck-openapi-") as tmp:
        app = create_app(f"sqlite:///{tmp}/openapi.sqlite", jobs=False)
        doc = app.openapi()
        from tradecheck.store.store import Store

        app.state.store.close()
        Store._engines.pop(app.state.store.url, None)
    if saved is None:
        os.environ.pop("TRADECHECK_DATABASE_URL", None)
    else:
        os.environ["TRADECHECK_DATABASE_URL"] = saved
    return doc


def render() -> str:
    """The document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(render())
