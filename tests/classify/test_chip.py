"""Chip classification: every accelerator test vector of the facts under each rule version."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.classify.catalogue import catalogue_models, find_chip, spec_from_dict
from tradecheck.classify.chip import classify_chip, compute_tpp
from tradecheck.errors import InputError

RULE_2022 = date(2023, 6, 1)  # us-ear-3a090-2022-10 in force
RULE_2023 = date(2026, 11, 28)  # us-ear-3a090-2023-11 in force

# model, TPP, PD (None: no die area), 2022 result, Nov-2023+ result  (facts §6.2)
VECTORS = [
    ("A100 SXM", 4992, 6.04, "3A090.a", "3A090.a"),
    ("A800 SXM", 4988.8, 6.04, "not-3A090", "3A090.a"),
    ("H100 SXM5", 15832, 19.45, "3A090.a", "3A090.a"),
    ("H100 PCIe", 12104, 14.87, "3A090.a", "3A090.a"),
    ("H800 SXM5", 15832, 19.45, "not-3A090", "3A090.a"),
    ("H800 PCIe", 12104, 14.87, "not-3A090", "3A090.a"),
    ("H200 SXM", 15832, 19.45, "3A090.a", "3A090.a"),
    ("H20", 2368, 2.91, "not-3A090", "not-3A090"),
    ("L20", 1912, 3.14, "not-3A090", "not-3A090"),
    ("L2", 1544, None, "not-3A090", "not-3A090"),
    ("L4", 1936, 6.59, "not-3A090", "3A090.a"),
    ("L40", 2896, 4.76, "not-3A090", "3A090.b"),
    ("L40S", 5864, 9.64, "not-3A090", "3A090.a"),
    ("A40", 2395.2, 3.81, "not-3A090", "3A090.b"),
    ("V100 SXM2", 2000, 2.45, "not-3A090", "not-3A090"),
    ("RTX 4090", 5284.8, 8.68, "not-3A090", "3A090.a"),
    ("RTX 4090D", 4707.2, 7.74, "not-3A090", "not-3A090"),
    ("B200", 36000, None, "3A090.a", "3A090.a"),
    ("MI250X", 6128, 4.23, "3A090.a", "3A090.a"),
    ("MI210", 2896, 4.0, "not-3A090", "3A090.b"),
    ("MI300X", 20919.2, None, "3A090.a", "3A090.a"),
    ("MI325X", 20919.2, None, "undetermined", "3A090.a"),
    ("Gaudi 2", 7200, None, "3A090.a", "3A090.a"),
    ("Gaudi 3", 29360, None, "undetermined", "3A090.a"),
    ("Ascend 910B", 6016, None, "not-3A090", "3A090.a"),
    ("Ascend 910", 4096, 8.98, "not-3A090", "3A090.a"),
]


@pytest.mark.parametrize(("model", "tpp", "pd", "c2022", "c2023"), VECTORS)
def test_vectors(model: str, tpp: float, pd: float | None, c2022: str, c2023: str) -> None:
    old = classify_chip(model, RULE_2022)
    new = classify_chip(model, RULE_2023)
    assert old.tpp == pytest.approx(tpp) and new.tpp == pytest.approx(tpp)
    if pd is None:
        assert new.performance_density is None
    else:
        assert new.performance_density == pytest.approx(pd, abs=0.01)
    assert (old.rule, old.classification) == ("us-ear-3a090-2022-10", c2022)
    assert (new.rule, new.classification) == ("us-ear-3a090-2023-11", c2023)
    assert new.citations and new.effective == "2023-11-17"


def test_every_catalogue_chip_has_a_vector() -> None:
    covered = {v[0] for v in VECTORS} | {"DGX H100", "HBM2E stack", "HBM3 stack", "HBM3E stack"}
    assert set(catalogue_models()) == covered


def test_gaudi2_2022_io_prong_undetermined_without_interconnect() -> None:
    # 2022: without the 600 GB/s figure the rule cannot be decided; never a guess.
    c = classify_chip({"tpp": 7200}, RULE_2022)
    assert c.classification == "undetermined" and c.missing == ["io_gbps"]


@pytest.mark.parametrize(
    ("model", "para"),
    [("L4", ["3A090.a.2"]), ("A40", ["3A090.b.2"]), ("A100 SXM", ["3A090.a.1", "3A090.a.2"])],
)
def test_paragraphs(model: str, para: list[str]) -> None:
    assert classify_chip(model, RULE_2023).paragraphs == para


@pytest.mark.parametrize(
    ("model", "before", "on", "day"),
    [
        ("A100 SXM", "not-3A090", "3A090.a", date(2022, 10, 7)),
        ("A800 SXM", "not-3A090", "3A090.a", date(2023, 11, 17)),
        ("L4", "not-3A090", "3A090.a", date(2023, 11, 17)),
        ("L40", "not-3A090", "3A090.b", date(2023, 11, 17)),
        ("HBM3 stack", "not-3A090", "3A090.c", date(2024, 12, 2)),
    ],
)
def test_day_before_and_day_of(model: str, before: str, on: str, day: date) -> None:
    from datetime import timedelta

    assert classify_chip(model, day - timedelta(days=1)).classification == before
    assert classify_chip(model, day).classification == on


def test_before_any_rule() -> None:
    c = classify_chip("H100 SXM5", date(2022, 10, 6))
    assert c.classification == "not-3A090" and c.rule is None


@pytest.mark.parametrize(("model", "mbd"), [("HBM2E", 4.18), ("HBM3", 6.77), ("HBM3E", 9.92)])
def test_hbm(model: str, mbd: float) -> None:
    c = classify_chip(model, RULE_2023)
    assert c.classification == "3A090.c" and c.memory_bandwidth_density == pytest.approx(mbd, 0.01)
    assert c.confidence == "unverified"
    assert any(a.kind == "unverified-fact" for a in c.advisories)


def test_system_is_4a090() -> None:
    assert classify_chip("DGX H100", RULE_2023).classification == "4A090.a"
    assert (
        classify_chip(
            {"tpp": 2896, "die_area_mm2": 608, "datacenter": True, "system": True}, RULE_2023
        ).classification
        == "4A090.b"
    )


def test_datacenter_note() -> None:
    # RTX 4090D: not for datacenters and TPP < 4800 -> outside 3A090 (would be .a by density).
    c = classify_chip("RTX 4090D", RULE_2023)
    assert c.classification == "not-3A090"
    assert any("datacenter-note applies" in r for r in c.reasons)
    assert classify_chip({"model": "RTX 4090D", "datacenter": True}, RULE_2023).classification == (
        "3A090.a"
    )
    # RTX 4090: TPP >= 4800, so the note does not help.
    assert classify_chip("RTX 4090", RULE_2023).classification == "3A090.a"


@pytest.mark.parametrize(
    ("spec", "missing"),
    [
        ({"tpp": 2896}, ["die_area_mm2"]),
        ({"tpp": 2896, "die_area_mm2": 608}, ["datacenter"]),
        ({"model": "B200", "tpp": None}, []),
    ],
)
def test_undetermined_names_what_is_missing(spec: dict[str, object], missing: list[str]) -> None:
    c = classify_chip(spec, RULE_2023)
    if missing:
        assert c.classification == "undetermined" and c.missing == missing
    else:
        assert c.classification == "3A090.a"


def test_tpp_never_doubles_datasheet_tops() -> None:
    # H20: 296 dense FP8 TOPS x 8 bits = 2,368, not 4,736.
    assert compute_tpp(find_chip("H20")) == 2368
    # BIS worked example: 600 TOPS at 8 bits or 300 TFLOPS at 16 bits reach 4,800.
    assert (
        classify_chip({"tpp": 600 * 8, "datacenter": True}, RULE_2023).classification == "3A090.a"
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("Z9000", "unknown chip model 'Z9000'"),
        ({"tpp": -1}, "chip.tpp: -1"),
        ({"tpp": 100, "die_area_mm2": 0}, "chip.die_area_mm2: 0 must be positive"),
        ({}, "give a model or figures"),
        ({"tpp": float("nan")}, "is not a number"),
        # Positive, but TPP over it overflows: an error, not a crash.
        ({"tpp": 1.0, "die_area_mm2": 1e-323}, "performance density too large"),
    ],
)
def test_bad_input(spec: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        classify_chip(spec, RULE_2023)  # type: ignore[arg-type]


def test_alias_and_suggestion() -> None:
    assert find_chip("h100-sxm").model == "H100 SXM5"
    with pytest.raises(InputError, match="did you mean"):
        find_chip("H100 SXM7")


@given(st.floats(min_value=4800, max_value=1e6), st.floats(min_value=1, max_value=5000))
def test_tpp_at_or_above_4800_is_a_for_datacenter(tpp: float, area: float) -> None:
    spec = spec_from_dict({"tpp": tpp, "die_area_mm2": area, "datacenter": True})
    assert classify_chip(spec, RULE_2023).classification == "3A090.a"


@given(st.floats(min_value=0, max_value=1599.99), st.one_of(st.none(), st.floats(1, 5000)))
def test_tpp_below_1600_is_never_controlled(tpp: float, area: float | None) -> None:
    spec = spec_from_dict({"tpp": tpp, "die_area_mm2": area})
    assert classify_chip(spec, RULE_2023).classification == "not-3A090"
