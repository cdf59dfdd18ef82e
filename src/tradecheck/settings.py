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
        """The value from the environment, else the default."""
        return os.environ.get(self.env, self.default)


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
