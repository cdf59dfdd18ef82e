"""Address normalisation and comparison (match/address.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.entity import Address
from tradecheck.match.address import (
    Rarity,
    compare_address,
    normalize_address,
    query_address,
    read_listed,
)

SHENZHEN = Address(
    full="Huawei Base, Bantian, Longgang District, Shenzhen 518129, China",
    street="Huawei Base, Bantian, Longgang District",
    city="Shenzhen",
    postal_code="518129",
    country="CN",
)
#: Every word as rare as can be (weight 1), weak words 0.1.
FLAT = Rarity({}, 1)


def cmp(query: str, *listed: Address, rarity: Rarity = FLAT) -> tuple[float, str]:
    return compare_address(query_address(query, rarity), list(listed))


def test_normaliser_folds_case_punctuation_and_street_words() -> None:
    assert normalize_address("Ul. Kurchatova D. 9, Saint-Petersburg") == (
        "street",
        "kurchatova",
        "d",
        "9",
        "saint",
        "petersburg",
    )
    assert normalize_address("Leninskiy PROSPEKT 5") == ("leninskiy", "avenue", "5")


def test_normaliser_splits_chinese_administrative_suffixes() -> None:
    assert normalize_address("广东省深圳市龙岗区") == (
        "guangdong",
        "region",
        "shenzhen",
        "city",
        "longgang",
        "district",
    )


def test_full_address_agrees_on_city_and_street_words() -> None:
    delta, reason = cmp("No. 2 Huawei Base, Bantian, Longgang District, Shenzhen", SHENZHEN)
    assert delta > 0.03
    assert reason.startswith("address agrees: city Shenzhen")
    assert "huawei" in reason and "bantian" in reason


def test_city_only_agrees() -> None:
    delta, reason = cmp("Shenzhen, China", SHENZHEN)
    assert delta == pytest.approx(0.03)
    assert reason == "address agrees: city Shenzhen"


def test_postal_code_only_agrees() -> None:
    delta, reason = cmp("518129", SHENZHEN)
    assert delta == pytest.approx(0.03)
    assert reason == "address agrees: postal 518129"


def test_different_scripts_agree() -> None:
    assert cmp("深圳", SHENZHEN)[1] == "address agrees: city Shenzhen"
    assert cmp("深圳市", SHENZHEN)[1] == "address agrees: city Shenzhen"
    delta, reason = cmp("广东省深圳市龙岗区坂田华为基地", SHENZHEN)
    assert "longgang" in reason and "bantian" in reason and delta > 0.03


def test_another_city_differs_and_lowers() -> None:
    delta, reason = cmp("Moscow", SHENZHEN)
    assert delta < 0
    assert reason == "address differs: Moscow vs Shenzhen, 518129"


def test_city_agrees_but_postal_code_differs() -> None:
    listed = Address(city="Moscow 127238", country="RU")
    delta, reason = cmp("Moscow 117312", listed)
    assert 0 < delta < cmp("Moscow", listed)[0]
    assert reason == "address agrees: city Moscow; postal differs: 127238 listed"


def test_postal_code_in_the_city_field_and_split_in_two() -> None:
    assert read_listed(Address(city="London EC3N 1DY")).postal == ("ec3n1dy",)
    assert cmp("Ibex House, London EC3N 1DY", Address(city="London EC3N 1DY"))[0] == 0.06


def test_no_listed_address_says_so_and_changes_nothing() -> None:
    assert cmp("Shenzhen") == (0.0, "address given; the listing gives none")


def test_a_listed_country_alone_is_nothing_to_compare() -> None:
    delta, reason = cmp("Shenzhen", Address(full="China", country="CN"))
    assert (delta, reason) == (0.0, "address given; the listing gives a country only (CN)")
    # A country's name in a list's own inverted form (OFAC: "Korea, North").
    delta, reason = cmp("Pyongyang", Address(full="Korea, North", country="KP"))
    assert (delta, reason) == (0.0, "address given; the listing gives a country only (KP)")


def test_a_query_of_only_a_country_or_street_words_compares_nothing() -> None:
    for q in ("United Arab Emirates", "Building 5, Street"):
        delta, reason = cmp(q, SHENZHEN)
        assert delta == 0.0 and reason.startswith("address gives no place to compare")


def test_the_best_of_several_listed_addresses_counts() -> None:
    other = Address(city="Tehran", country="IR")
    assert cmp("Shenzhen", other, SHENZHEN)[1] == "address agrees: city Shenzhen"
    assert "differs" in cmp("Dubai", other, SHENZHEN)[1]


def test_a_common_city_weighs_less_than_a_rare_one() -> None:
    listings = [[Address(city="Moscow")]] * 50 + [[Address(city="Saransk")]]
    rarity = Rarity.of(listings)
    common = cmp("Moscow", Address(city="Moscow"), rarity=rarity)[0]
    rare = cmp("Saransk", Address(city="Saransk"), rarity=rarity)[0]
    assert 0 < common < rare


def test_agreement_is_capped() -> None:
    full = "Huawei Base, Bantian, Longgang District, Shenzhen 518129"
    assert cmp(full, SHENZHEN)[0] == pytest.approx(0.06)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normaliser_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_address(text)
    assert all(t and t.isascii() and t.isalnum() for t in once)
    assert normalize_address(" ".join(once)) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.text(max_size=60), st.text(max_size=20))
def test_comparison_never_raises_and_stays_small(query: str, city: str, postal: str) -> None:
    delta, _ = cmp(query, Address(city=city, postal_code=postal, street=city))
    assert -0.03 <= delta <= 0.06
