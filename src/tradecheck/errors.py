"""The exception tree of tradecheck.

Every error that tradecheck raises on purpose derives from :class:`TradecheckError`;
the CLI turns it into one line on stderr and a non-zero exit, the API into one
JSON error shape. Anything else escaping is a bug.

::

    TradecheckError
    ├── InputError            bad user input: a case file, a CLI argument, a CSV row
    │   └── DataFileError     a malformed list or data file (names file, row/element, field)
    ├── RuleError             a rule pack that fails validation (names file, rule id, field)
    ├── StoreError            the database cannot be opened, migrated or written
    └── IndexMismatchError    a screening index built with other normalisation settings
"""

from __future__ import annotations


class TradecheckError(Exception):
    """Root of every deliberate tradecheck error."""

    exit_code = 1
    http_status = 500

    def one_line(self) -> str:
        """Return the message on one line, as the CLI prints it."""
        return " ".join(str(self).split())


class InputError(TradecheckError):
    """Bad user input: the message says what is wrong and what to do."""

    exit_code = 2
    http_status = 422


class DataFileError(InputError):
    """A malformed data file; names the file, the row or element, and the field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.field = field
        where = []
        if file:
            where.append(str(file))
        if row is not None:
            where.append(f"row {row}" if isinstance(row, int) else str(row))
        if field:
            where.append(f"field {field!r}")
        prefix = ": ".join([", ".join(where)]) + ": " if where else ""
        super().__init__(prefix + message)


class RuleError(TradecheckError):
    """A rule pack that fails validation; names the file, the rule and the field."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        rule: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.rule = rule
        self.field = field
        parts = [
            p
            for p in (file, f"rule {rule}" if rule else None, f"field {field!r}" if field else None)
            if p
        ]
        super().__init__((", ".join(parts) + ": " if parts else "") + message)


class StoreError(TradecheckError):
    """The store cannot be opened, migrated or written."""

    exit_code = 4
    http_status = 503


class IndexMismatchError(TradecheckError):
    """A screening index was built with other normalisation settings than the query's."""

    exit_code = 5
    http_status = 409
