"""The list codes of the US list parsers: CSL source names and OFAC lists → short codes.

The table is data (``tradecheck/data/lists/us/list_codes.yaml``), read once on
first use; this module only answers questions about it. Country names are
looked up in :mod:`tradecheck.lists.country_names`, shared by every parser.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from tradecheck.entity import SOURCE_CODES
from tradecheck.errors import DataFileError

_DATA = "data/lists/us"


def _load(name: str) -> dict[str, Any]:
    ref = resources.files("tradecheck") / _DATA / name
    try:
        data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot load table: {exc}", file=str(ref)) from exc
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at top level", file=str(ref))
    return data


@cache
def _list_codes() -> dict[str, Any]:
    data = _load("list_codes.yaml")
    # Fail on load, not mid-parse, if the table names a code the model lacks.
    codes = [*data["csl_sources"].values(), *data["ofac_list_priority"]]
    codes += [r["code"] for r in data["ofac_cons_programs"]]
    codes += [c for c in data["ofac_sanctions_lists"].values() if c]
    for code in codes:
        if code not in SOURCE_CODES:
            raise DataFileError(f"unknown list code {code!r}", file="list_codes.yaml")
    return data


def csl_source_code(name: str) -> str | None:
    """The list code for a CSL source name (``Entity List (EL) - …`` → ``EL``); None if unknown."""
    code = _list_codes()["csl_sources"].get(" ".join(name.split()))
    return str(code) if code else None


def require_csl_source_code(source_name: str, *, name: str, file: str, row: str, field: str) -> str:
    """:func:`csl_source_code`, where an unknown source list is an error naming the entry.

    Raises:
        DataFileError: naming the file, row and field, and the table to add the list to.
    """
    code = csl_source_code(source_name)
    if code is None:
        raise DataFileError(
            f"unknown source list {source_name!r} for {name!r}; "
            "add it to data/lists/us/list_codes.yaml",
            file=file,
            row=row,
            field=field,
        )
    return code


def ofac_list_code(list_name: str) -> str | None:
    """The code of an Enhanced-XML sanctions list; None for filters and unknown names."""
    code = _list_codes()["ofac_sanctions_lists"].get(list_name.strip())
    return str(code) if code else None


def is_known_ofac_list(list_name: str) -> bool:
    """Whether an Enhanced-XML sanctions-list name is in the table (code or filter)."""
    return list_name.strip() in _list_codes()["ofac_sanctions_lists"]


def ofac_primary_code(codes: list[str], preferred: str | None = None) -> str | None:
    """The one code an OFAC entity on several lists is filed under (see ``ofac_list_priority``)."""
    if preferred and preferred in codes:
        return preferred
    for code in _list_codes()["ofac_list_priority"]:
        if code in codes:
            return str(code)
    return codes[0] if codes else None


def ofac_cons_code(programs: list[str]) -> str:
    """The consolidated (non-SDN) list of a legacy-CSV entry, from its programme tags."""
    for rule in _list_codes()["ofac_cons_programs"]:
        for prog in programs:
            if "program" in rule and prog == rule["program"]:
                return str(rule["code"])
            if "prefix" in rule and rule["prefix"] and prog.startswith(rule["prefix"]):
                return str(rule["code"])
        if "prefix" in rule and rule["prefix"] == "":
            return str(rule["code"])
    return "NS-MBS"  # pragma: no cover - the table ends with a catch-all rule
