"""Dates in rule packs and cases: parsing with a clear error, and day arithmetic.

Rule windows are closed intervals: ``effective_from`` is the first day a rule is
in force and ``effective_to`` the last (``None``: still in force). A suspension
window ``from``..``to`` is closed the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tradecheck.errors import InputError, RuleError


def parse_rule_date(
    value: object, *, file: str, rule: str | None, field: str, required: bool = True
) -> date | None:
    """Parse a date from a rule file (YAML gives ``date`` objects or ISO strings).

    Raises:
        RuleError: naming the file, rule and field, when the value is not a date.
    """
    if value is None:
        if required:
            raise RuleError("a date is required", file=file, rule=rule, field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RuleError(f"{value!r} is not a date (YYYY-MM-DD)", file=file, rule=rule, field=field)


def parse_input_date(value: object, *, where: str) -> date:
    """Parse a user-supplied ISO date; ``where`` names the field or option.

    Raises:
        InputError: for anything that is not a real calendar date.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{where}: {value!r} is not a date; use YYYY-MM-DD")


def next_day(d: date) -> date:
    """The day after ``d``: the first day a rule ending on ``d`` is no longer in force."""
    return d + timedelta(days=1)


def in_window(d: date, start: date | None, end: date | None) -> bool:
    """Whether ``d`` lies in the closed window ``start``..``end`` (``None`` = unbounded)."""
    return (start is None or start <= d) and (end is None or d <= end)
