"""Alternatives joined by a slash inside one listed name (match/alternatives.py)."""

from __future__ import annotations

import pytest

from tradecheck.match.alternatives import listed_forms, slash_alternatives
from tradecheck.match.listing import compare_listed


def listed(a: str, b: str) -> float:
    ps, pen, _ = compare_listed(a, b, person=False)
    assert ps is not None
    return round(ps.score - pen, 4)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Al-Qa'ida/Islamic Army", ["Al-Qa'ida", "Islamic Army"]),
        (
            "Lord's Resistance Movement/Army",
            ["Lord's Resistance Movement", "Lord's Resistance Army"],
        ),
        (
            "China National Plant Import/Export Co.",
            ["China National Plant Import", "China National Plant Export Co."],
        ),
        (
            "Raytheon/Lockheed Martin Javelin Joint Venture",
            ["Lockheed Martin Javelin Joint Venture"],
        ),
        ("Bowne Global Solutions II Denmark A/S", []),
        ("Acme S/A", []),
        ("Mendez I/S", []),
        ("Smith c/o Jones", []),
        ("LLC ELECTROCOM VPK VPK/OOO/LLC/SPB", []),
        ("ADF/NALU", []),
        ("Trust 2004/05", []),
    ],
)
def test_slash_alternatives(name: str, forms: list[str]) -> None:
    assert slash_alternatives(name) == forms


def test_listed_forms_keep_the_variants_first() -> None:
    assert listed_forms(["Red Wing/Claw Army"]) == [
        "Red Wing/Claw Army",
        "Red Wing",
        "Red Claw Army",
    ]
    assert listed_forms(["Acme Ltd"]) == ["Acme Ltd"]


def test_a_slash_alternative_is_matched_as_a_name() -> None:
    assert listed("Al Qaeda", "Al-Qa'ida/Islamic Army") >= 0.85
    assert listed("Lord's Resistance Army", "Lord's Resistance Movement/Army") >= 0.95


def test_the_index_files_slash_alternatives() -> None:
    from tradecheck.entity import Entity, EntityType
    from tradecheck.screening import build_index, screen_party

    e = Entity(id="aq", source="UN", name="Al-Qa'ida/Islamic Army", type=EntityType.ORGANIZATION)
    idx = build_index([e])
    res = screen_party("Al Qaeda", index=idx)
    assert [m.entity_id for m in res.matches] == ["aq"]
