"""How a record is hashed: canonical JSON of its content and the previous record's hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

#: The stored columns a record's hash covers, in this order (``seq`` is not one of them:
#: a record moved to another position keeps a valid hash but breaks its link).
HASHED = ("uid", "time", "action", "key_id", "input", "output", "versions", "prev_hash")


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept, dates as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def record_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over the hashed columns of a record, as stored.

    Args:
        fields: the record's columns (at least :data:`HASHED`), JSON columns as stored text.
    """
    doc = {k: fields.get(k) for k in HASHED}
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()
