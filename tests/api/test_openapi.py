"""The OpenAPI document is served, and docs/openapi.json is the same document."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.conftest import Service
from tradecheck.api.openapi import render

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_served(sqlite_service: Service) -> None:
    doc = sqlite_service.client.get("/openapi.json").json()
    assert doc["info"]["title"] == "tradecheck"
    assert "/api/v1/screen" in doc["paths"] and "/healthz" in doc["paths"]
    assert "not legal advice" in doc["info"]["description"]


def test_committed_document_matches() -> None:
    current = render()
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(current), (
        "docs/openapi.json is stale: run "
        "`.venv/bin/python -m tradecheck.api.openapi > docs/openapi.json`"
    )
