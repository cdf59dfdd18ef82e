"""The one country-name table every list parser uses (``data/lists/country_names.csv``)."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from tradecheck.lists.country_names import country_code, is_country_code, iso2


def _rows() -> list[dict[str, str]]:
    text = (
        resources.files("tradecheck")
        .joinpath("data/lists/country_names.csv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text)))


def test_table_rows_are_well_formed() -> None:
    rows = _rows()
    assert len(rows) == 480
    for row in rows:
        assert set(row) == {"name", "iso2", "source", "notes"}
        assert len(row["iso2"]) == 2 and row["iso2"].isupper()
        assert row["source"] in {"us", "un", "un us"}
        assert country_code(row["name"]) == row["iso2"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea, North", "KP"),  # OFAC spelling
        ("Democratic People's Republic of Korea", "KP"),  # UN spelling
        ("Republic of Korea", "KR"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Congo, Republic of the", "CG"),
        ("Congo (Democratic Republic)", "CD"),
        ("Burma", "MM"),
        ("  russian   federation. ", "RU"),
        ("Cote d\u2019Ivoire", "CI"),
        ("Region: Crimea", "UA"),
        ("Kosovo", "XK"),
        ("UK", "GB"),
    ],
)
def test_names_from_both_former_tables(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", [None, "", "  ", "former Soviet Union", "Atlantis", "na", "CN"])
def test_unknown_names_are_not_guessed(name: str | None) -> None:
    assert country_code(name) is None


def test_codes_only_when_asked_and_only_known_ones() -> None:
    assert country_code("cn", codes=True) == "CN"
    assert country_code("na", codes=True) == "NA"  # the US lists write codes in country cells
    assert country_code("NM", codes=True) is None  # not an ISO-2 code
    assert country_code("Korea, South", codes=True) == "KR"
    assert is_country_code("US") and not is_country_code("us") and not is_country_code("NM")
    assert iso2(" de ") == "DE" and iso2("00") is None and iso2("DEU") is None
