"""What every list parser returns, and the shared helpers for reading list files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity
from tradecheck.errors import DataFileError

#: The longest name any parser accepts; longer is a malformed file, not a name.
MAX_NAME_LENGTH = 1000


@dataclass(slots=True)
class ParseResult:
    """Entities parsed from one source file (or file set), with the data date it states."""

    entities: list[Entity]
    data_date: str | None = None  # ISO date the publisher gives for the data
    format: str = ""  # parser format id, e.g. "csl-json"
    meta: dict[str, Any] = field(default_factory=dict)


def file_hash(*paths: Path) -> str:
    """SHA-256 over the bytes of one or more files, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def clean_text(value: str | None) -> str | None:
    """Strip and fold white space; ``None`` for empty or placeholder values (``-0-``)."""
    if value is None:
        return None
    v = " ".join(value.split())
    if not v or v == "-0-":
        return None
    return v


def check_name(name: str | None, *, file: str, row: int | str, field: str = "name") -> str:
    """Validate a listed name: non-empty, bounded length, no control characters.

    Raises:
        DataFileError: naming the file, row and field.
    """
    if name is None or not name.strip():
        raise DataFileError("empty name", file=file, row=row, field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise DataFileError(
            f"name is {len(name)} characters long (limit {MAX_NAME_LENGTH})",
            file=file,
            row=row,
            field=field,
        )
    for ch in name:
        if (ord(ch) < 32 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0:
            raise DataFileError(
                f"control character U+{ord(ch):04X} in name", file=file, row=row, field=field
            )
    return " ".join(name.split())


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a (possibly gzipped) text file strictly; bad encoding is a :class:`DataFileError`."""
    return decode_text(read_bytes(path), file=str(path), encoding=encoding)


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes, transparently un-gzipping ``.gz`` files.

    Raises:
        DataFileError: when the file cannot be read or the gzip stream is truncated.
    """
    import gzip

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read file: {exc.strerror}", file=str(path)) from exc
    if path.name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise DataFileError(f"corrupt or truncated gzip data: {exc}", file=str(path)) from exc
    return data


def decode_text(data: bytes, *, file: str, encoding: str = "utf-8") -> str:
    """Decode bytes strictly; a wrong encoding is a one-line :class:`DataFileError`."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"re-save the file as {encoding}",
            file=file,
            row=line,
        ) from exc
