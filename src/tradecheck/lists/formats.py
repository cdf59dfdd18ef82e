"""The list formats tradecheck reads: format id → parser, and format detection.

Every parser has the signature ``parse(path: Path) -> ParseResult``; ``path`` is
a file, or a folder for file sets (the OFAC legacy CSV set). Parsers are
imported lazily so that the CLI starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from tradecheck.errors import InputError
from tradecheck.lists.base import ParseResult

Parser = Callable[[Path], ParseResult]

#: format id → (module, function, description)
FORMATS: dict[str, tuple[str, str, str]] = {
    "csl-json": ("tradecheck.lists.csl", "parse_csl_json", "US Consolidated Screening List JSON"),
    "csl-csv": ("tradecheck.lists.csl", "parse_csl_csv", "US Consolidated Screening List CSV"),
    "ofac-csv": (
        "tradecheck.lists.ofac_csv",
        "parse_ofac_csv",
        "OFAC legacy CSV set (sdn/add/alt/sdn_comments or cons_*) in a folder",
    ),
    "ofac-xml": (
        "tradecheck.lists.ofac_xml",
        "parse_ofac_enhanced_xml",
        "OFAC Enhanced XML (.xml or .zip)",
    ),
    "bis-dpl": ("tradecheck.lists.dpl", "parse_dpl", "BIS Denied Persons List text file"),
    "un-xml": ("tradecheck.lists.un_xml", "parse_un_xml", "UN Security Council consolidated XML"),
    "eu-xml": ("tradecheck.lists.eu_xml", "parse_eu_xml", "EU financial sanctions (FSF) XML"),
    "uk-csv": ("tradecheck.lists.uk", "parse_uk_csv", "UK sanctions list CSV (OFSI/FCDO)"),
    "ftm-json": ("tradecheck.lists.ftm", "parse_ftm", "FollowTheMoney JSON lines (OpenSanctions)"),
    "user-csv": (
        "tradecheck.lists.user_csv",
        "parse_user_csv",
        "user list CSV: id,name[,country,type,aliases]",
    ),
    "cn-list": (
        "tradecheck.lists.china",
        "parse_cn_list",
        "China MOFCOM list data file of this project (CSV with announcement columns)",
    ),
}


def get_parser(fmt: str) -> Parser:
    """The parser function for a format id."""
    try:
        module, func, _ = FORMATS[fmt]
    except KeyError:
        raise InputError(
            f"unknown list format {fmt!r}; known formats: {', '.join(sorted(FORMATS))}"
        ) from None
    parser: Parser = getattr(importlib.import_module(module), func)
    return parser


def detect_format(path: Path) -> str:
    """Guess a file's format from its name and first bytes.

    Raises:
        InputError: when the format cannot be told; the message says to pass ``--format``.
    """
    if path.is_dir():
        names = {p.name.lower().removesuffix(".gz") for p in path.iterdir()}
        if {"sdn.csv"} & names or {"cons_prim.csv"} & names or {"alt.csv", "add.csv"} <= names:
            return "ofac-csv"
        raise InputError(f"{path}: folder holds no OFAC CSV set; pass --format")
    name = path.name.lower()
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror}") from exc
    if name.endswith(".gz"):
        import gzip

        try:
            with gzip.open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            raise InputError(f"{path}: not a valid gzip file") from exc
        name = name[:-3]
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if name.endswith(".zip") or head[:2] == b"PK":
        return "ofac-xml"
    if text.startswith("<"):
        if "CONSOLIDATED_LIST" in text:
            return "un-xml"
        if "sanctionsData" in text or "ENHANCED_XML" in text:
            return "ofac-xml"
        if ("export" in text and "sanctionEntity" in text) or "europa.eu" in text:
            return "eu-xml"
        raise InputError(f"{path}: XML of an unknown list format; pass --format")
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0]
        if '"schema"' in first_line:
            return "ftm-json"
        return "csl-json"
    first_line = text.split("\n", 1)[0].lower()
    if "name" in first_line and "street_address" in first_line:
        return "bis-dpl"
    if "source" in first_line and "entity_number" in first_line:
        return "csl-csv"
    if "announcement" in first_line and "name_cn" in first_line:
        return "cn-list"
    if (
        first_line.startswith("last updated")
        or "group id" in first_line
        or "name 6" in first_line
        or "ofsi" in first_line
    ):
        return "uk-csv"
    if "name" in first_line.split(","):
        return "user-csv"
    raise InputError(
        f"{path}: cannot tell the list format; pass --format (one of {', '.join(sorted(FORMATS))})"
    )
