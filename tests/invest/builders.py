"""Small deal builders for the invest tests (fresh dicts every call)."""

from __future__ import annotations

import copy
from typing import Any

PRC = {"incorporated_in": "CN", "headquarters": "CN", "principal_place_of_business": "CN"}
KY = {"incorporated_in": "KY", "headquarters": "KY", "principal_place_of_business": "KY"}
FAB = {
    "transistor_architecture": "planar",
    "fdsoi": False,
    "material": "silicon",
    "graphene_or_cnt": False,
    "operating_temperature_k": 233,
}


def ai(ops: float | None, *, bio: bool = False, uses: Any = None) -> dict[str, Any]:
    """An AI-development activity."""
    act: dict[str, Any] = {
        "sector": "ai",
        "product": "ai-system",
        "functions": ["develop"],
        "end_uses": uses or [{"use": "civil", "basis": "intended"}],
        "ai": {"primarily_biological_sequence_data": bio},
    }
    if ops is not None:
        act["ai"]["training_ops"] = ops
    return act


def fab(**ic: Any) -> dict[str, Any]:
    """An IC-fabrication activity; ``ic`` overrides the planar-silicon defaults."""
    return {
        "sector": "semiconductors",
        "product": "integrated-circuit",
        "functions": ["fabricate"],
        "ic": {**FAB, **ic},
    }


MCU = {
    "sector": "semiconductors",
    "product": "integrated-circuit",
    "functions": ["design"],
    "ic": {"type": "logic", "meets_3a090a": False, "operating_temperature_k": 233},
}
QC = {"sector": "quantum", "product": "quantum-computer", "functions": ["develop"]}


def deal(
    activities: list[dict[str, Any]] | None = None,
    *,
    target: dict[str, Any] | None = None,
    parties: list[dict[str, Any]] | None = None,
    **tx: Any,
) -> dict[str, Any]:
    """A US VC equity deal in a PRC company (override anything)."""
    t: dict[str, Any] = {"name": "PRC Target Co", **PRC, "listed": []}
    if activities is not None:
        t["activities"] = activities
    t.update(target or {})
    d: dict[str, Any] = {
        "investor": {"name": "US Fund LP", "kind": "us-person", "us_person_basis": "us-entity"},
        "transaction": {"type": "equity", "completion_date": "2025-06-01", "rights": [], **tx},
        "target": t,
        "knowledge": {"at_transaction": "actual"},
    }
    if parties is not None:
        d["parties"] = parties
    return copy.deepcopy(d)
