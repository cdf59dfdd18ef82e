"""Every setting declared once: name, default, help and environment variable.

The CLI options, the API and the docs read this table; `docs/settings.md` is
checked against it by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default, help text and environment variable."""

    name: str
    default: str | None
    help: str

    @property
    def env(self) -> str:
        """The ``TRADECHECK_*`` environment variable that overrides the default."""
        return "TRADECHECK_" + self.name.upper()

    def get(self) -> str | None:
        """The value set for this process, else the environment's, else the default."""
        if self.name in _OVERRIDES:
            return _OVERRIDES[self.name]
        return os.environ.get(self.env, self.default)


#: Values set for this process by a command-line option (``--db`` …), over the environment.
_OVERRIDES: dict[str, str] = {}


def set_override(name: str, value: str | None) -> None:
    """Set (or with ``None`` clear) a setting for the rest of this process.

    A command-line option such as ``--db`` uses this so that every service the
    command reaches (the engine's party screening included) opens the same store.
    """
    if name not in SETTINGS:
        raise KeyError(name)
    if value is None:
        _OVERRIDES.pop(name, None)
    else:
        _OVERRIDES[name] = value


def default_database_url() -> str:
    """SQLite file under the user's data directory."""
    data_dir = Path(platformdirs.user_data_dir("tradecheck", appauthor=False))
    return f"sqlite:///{data_dir / 'tradecheck.sqlite'}"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "database_url",
            None,
            "Database URL: sqlite:///PATH (default: a file under the user data directory) "
            "or postgresql+psycopg://USER@HOST/DB.",
        ),
        Setting("min_score", None, "Screening threshold 0..1 (default: the calibrated one)."),
        Setting("workers", None, "Worker processes for batch screening (default: all cores)."),
    ]
}


def database_url(override: str | None = None) -> str:
    """The database URL: an explicit value, else ``TRADECHECK_DATABASE_URL``, else the default.

    A bare file path is taken as a SQLite file.
    """
    url = override or SETTINGS["database_url"].get() or default_database_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url
