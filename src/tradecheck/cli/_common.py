"""Shared CLI helpers: JSON output, the console, option types."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from rich.console import Console

from tradecheck.errors import InputError

console = Console()
err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """Print JSON to stdout (UTF-8, two-space indent)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_date(value: str | None, *, option: str = "--as-of") -> date | None:
    """Parse an ISO date given on the command line; a clear error otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None
