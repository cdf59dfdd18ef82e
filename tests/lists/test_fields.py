"""The field helpers shared by the list parsers (``tradecheck.lists.fields``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tradecheck.entity import Address, Name
from tradecheck.lists.fields import (
    countries_of,
    date_prefix,
    fold,
    iso_date,
    joined_address,
    new_names,
    split_multi,
)


def test_iso_date_forms() -> None:
    assert iso_date("2023-07-19") == "2023-07-19"
    assert iso_date("07/19/2023") == "2023-07-19"
    assert iso_date("19 Jul 2023") == "2023-07-19"
    assert iso_date("1962") == "1962"
    assert iso_date("2023-02-30") is None
    assert iso_date("circa 1960") is None


def test_date_prefix_reads_only_the_iso_start() -> None:
    assert date_prefix("2026-02-27T00:00:09.554Z") == "2026-02-27"
    assert date_prefix("27/02/2026") is None
    assert date_prefix(None) is None


def test_split_multi_folds_and_drops_placeholders() -> None:
    assert split_multi(" a;  b  c ;-0-; a;") == ["a", "b c"]


def test_new_names_drops_known_and_repeated_names_by_folded_value() -> None:
    candidates = [Name("ACME  Ltd", kind="aka"), Name("acme ltd"), Name("Acme GmbH")]
    assert new_names(candidates, ["Acme Corp"]) == [candidates[0], candidates[2]]
    assert new_names(candidates, ["ACME LTD"]) == [candidates[2]]


def test_joined_address_keeps_parts_and_writes_full_in_postal_order() -> None:
    a = joined_address("1 Main St", "Tehran", None, "12345", "Iran", country="IR", po_box="PO 9")
    assert a == Address(
        full="1 Main St, PO 9, Tehran, 12345, Iran",
        street="1 Main St",
        city="Tehran",
        postal_code="12345",
        country="IR",
    )
    assert joined_address("", None, country_text="Atlantis") == Address(full="Atlantis")
    assert joined_address("", None, None, "", None, country="IR") is None


def test_countries_of_puts_first_before_address_countries_once_each() -> None:
    addresses = [
        Address(full="a", country="RU"),
        Address(full="b"),
        Address(full="c", country="IR"),
    ]
    assert countries_of(addresses, ["IR", "SY"]) == ["IR", "SY", "RU"]
    assert countries_of(addresses) == ["RU", "IR"]


@given(st.lists(st.text(max_size=12), max_size=8), st.lists(st.text(max_size=12), max_size=3))
def test_new_names_keeps_the_first_of_each_folded_value(
    values: list[str], known: list[str]
) -> None:
    candidates = [Name(v) for v in values]
    kept = new_names(candidates, known)
    seen = {fold(k) for k in known}
    expected = []
    for name in candidates:
        if fold(name.value) not in seen:
            seen.add(fold(name.value))
            expected.append(name)
    assert [id(n) for n in kept] == [id(n) for n in expected]
    folded = [fold(n.value) for n in kept]
    assert len(set(folded)) == len(folded)
    assert not set(folded) & {fold(k) for k in known}
