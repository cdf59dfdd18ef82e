"""The China item fields and technical parameters, as JSON Schema for the case schema.

The parameter names, types, units and descriptions are data in the China packs;
this module turns them into the ``items[].parameters`` properties of
``data/schemas/case.schema.json`` (each naming the rules that read it), so that the
schema documents every parameter and validates its type. A test fails when the
schema and the packs disagree; :func:`write_case_schema` brings them in line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tradecheck.rules.cn.spec import china_rules, param_catalogue, parse_params

_TYPES: dict[str, dict[str, Any]] = {
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "string": {"type": "string"},
    "number-list": {"type": "array", "items": {"type": "number"}},
}

#: Item fields the China rules read besides ``hs_code``, ``description``, ``parameters``.
ITEM_FIELDS: dict[str, dict[str, Any]] = {
    "origin": {
        "$ref": "#/$defs/country",
        "description": "Country where the item was produced (CN for a Chinese-origin "
        "mineral); default: the case origin.",
    },
    "item_type": {
        "type": "string",
        "enum": ["goods", "technology"],
        "description": "goods (default) or technology (China's technology rules apply).",
    },
    "technology": {
        "type": "string",
        "description": "For item_type technology: the technology id of the China packs "
        "(e.g. rare-earth-magnet-preparation); `tradecheck rules show` lists them.",
    },
    "control_code": {
        "type": "string",
        "description": "The item's code on China's Dual-Use Items Export Control List "
        "(e.g. 1C902, 6C002.a), where the exporter knows it.",
    },
}


def parameter_properties() -> dict[str, Any]:
    """JSON Schema properties for every China parameter, naming the rules that read it."""
    readers: dict[str, list[str]] = {}
    for rule in china_rules():
        for name in parse_params(rule):
            readers.setdefault(name, []).append(rule.id)
    out: dict[str, Any] = {}
    for name, p in sorted(param_catalogue().items()):
        prop: dict[str, Any] = (
            {"enum": list(p.values)} if p.type == "enum" else dict(_TYPES[p.type])
        )
        unit = f" [{p.unit}]" if p.unit else ""
        prop["description"] = f"{p.description}{unit}. China rules: {', '.join(readers[name])}."
        out[name] = prop
    return out


def apply_to_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``schema`` with the China item fields and parameter properties set."""
    item = schema["$defs"]["item"]
    props = item.setdefault("properties", {})
    for key, value in ITEM_FIELDS.items():
        props[key] = value
    params = props.setdefault("parameters", {"type": "object"})
    params["properties"] = {**params.get("properties", {}), **parameter_properties()}
    return schema


def write_case_schema(path: Path) -> bool:
    """Bring the case schema file in line with the packs; True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = json.dumps(apply_to_schema(json.loads(text)), indent=2, ensure_ascii=False)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
