"""Ownership chains (850.221 (a)-(e)) and the financial-nexus route (850.209(a)(2))."""

from __future__ import annotations

from typing import Any

from tests.invest.builders import KY, MCU, PRC, deal, fab
from tests.invest.conftest import run


def _coc(d: dict[str, Any]) -> dict[str, Any]:
    out = run(d).to_dict()
    cfp: dict[str, Any] = out["analysis"]["covered_foreign_person"] or {}
    return {"outcome": out["outcome"], "basis": cfp.get("country_of_concern_basis"), "out": out}


def test_two_tier_chain_through_an_offshore_holdco_is_850_221_e() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "bvi", "pct": 55}]},
        parties=[
            {
                "id": "founder",
                "name": "Founder",
                "kind": "individual",
                "citizenships": ["CN"],
                "permanent_residences": ["CN"],
            },
            {
                "id": "bvi",
                "name": "BVI Holdco",
                "incorporated_in": "VG",
                "headquarters": "VG",
                "principal_place_of_business": "VG",
                "owners": [{"party": "founder", "pct": 60}],
            },
        ],
    )
    r = _coc(d)
    assert r["outcome"] == "notifiable"
    assert r["basis"] == "850.221(e)"


def test_hong_kong_and_macau_are_the_country_of_concern() -> None:
    for cc in ("HK", "MO"):
        d = deal(
            [MCU],
            target={"incorporated_in": cc, "headquarters": cc, "principal_place_of_business": cc},
        )
        assert run(d).outcome.value == "notifiable"


def test_taiwan_is_not_a_country_of_concern() -> None:
    d = deal(
        [MCU],
        target={"incorporated_in": "TW", "headquarters": "TW", "principal_place_of_business": "TW"},
    )
    out = run(d).to_dict()
    assert (out["outcome"], out["status"]) == ("allowed", "not-covered")


def test_government_holding_is_850_221_c() -> None:
    d = deal(
        [MCU],
        target={
            "incorporated_in": "SG",
            "headquarters": "SG",
            "principal_place_of_business": "SG",
            "owners": [{"party": "gov", "equity_pct": 50}],
        },
        parties=[
            {"id": "gov", "name": "PRC State Fund", "kind": "government", "government_of": "CN"}
        ],
    )
    assert _coc(d)["basis"] == "850.221(c)"


def test_an_owner_that_qualifies_counts_in_full() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "x", "pct": 80}]},
        parties=[
            {"id": "prc", "name": "PRC Co", **PRC},
            {"id": "x", "name": "X Ltd", **KY, "owners": [{"party": "prc", "pct": 50}]},
        ],
    )
    # X is (d) (held 50 % by PRC Co), so its 80 % in the target counts in full: (e).
    assert _coc(d)["basis"] == "850.221(e)"


def test_indirect_minority_holdings_add_up_proportionately() -> None:
    # PRC Co: 20 % direct + 40 % of X (not itself qualifying) x X's 100 % = 60 %.
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "prc", "pct": 20}, {"party": "x", "pct": 80}]},
        parties=[
            {"id": "prc", "name": "PRC Co", **PRC},
            {"id": "x", "name": "X Ltd", **KY, "owners": [{"party": "prc", "pct": 40}]},
        ],
    )
    assert _coc(d)["basis"] == "850.221(d)"  # 20 + 80 x 40 % = 52 %
    d["target"]["owners"][0]["pct"] = 10  # 10 + 32 = 42 %
    assert run(d).outcome.value == "allowed"


def test_board_power_counts_on_its_own() -> None:
    d = deal(
        [MCU],
        target={
            **KY,
            "owners": [{"party": "prc", "equity_pct": 30, "voting_pct": 30, "board_pct": 50}],
        },
        parties=[{"id": "prc", "name": "PRC Co", **PRC}],
    )
    assert run(d).outcome.value == "notifiable"


def test_unknown_owner_that_could_tip_the_balance_gives_review() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "mystery", "pct": 60}]},
        parties=[{"id": "mystery", "name": "Mystery Holdings", "incorporated_in": "VG"}],
    )
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert "party mystery: headquarters" in out["analysis"]["missing"]


def test_unknown_owner_too_small_to_matter_does_not_block() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "mystery", "pct": 10}, {"party": "prc", "pct": 20}]},
        parties=[{"id": "mystery", "name": "Mystery Holdings"}, {"id": "prc", "name": "P", **PRC}],
    )
    out = run(d).to_dict()
    assert (out["outcome"], out["status"]) == ("allowed", "not-covered")


def test_us_citizen_with_prc_citizenship_is_not_850_221_a() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "ind", "pct": 100}]},
        parties=[
            {
                "id": "ind",
                "name": "Dual National",
                "kind": "individual",
                "citizenships": ["CN", "US"],
            }
        ],
    )
    assert run(d).outcome.value == "allowed"


def test_prc_citizen_with_unknown_residence_is_open() -> None:
    d = deal(
        [MCU],
        target={**KY, "owners": [{"party": "ind", "pct": 100}]},
        parties=[{"id": "ind", "name": "Someone", "kind": "individual", "citizenships": ["CN"]}],
    )
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert "party ind: permanent_residences" in out["analysis"]["missing"]


def _holdco(fin: dict[str, Any], opco_acts: list[dict[str, Any]]) -> dict[str, Any]:
    return deal(
        target={"name": "Cayman Holdco", **KY, "activities": [], "financials": fin},
        parties=[
            {
                "id": "op1",
                "name": "PRC Opco 1",
                **PRC,
                "owners": [{"party": "target", "pct": 100}],
                "activities": opco_acts,
            },
            {
                "id": "op2",
                "name": "PRC Opco 2",
                **PRC,
                "owners": [{"party": "target", "pct": 100}],
                "activities": opco_acts,
            },
        ],
    )


ZERO = {"net_income": 0, "capex": 0, "opex": 0}


def test_nexus_to_prohibited_person_is_prohibited_under_850_224_l() -> None:
    d = _holdco({"covered_share_pct": {"revenue": 80, **ZERO}}, [fab(type="nand", nand_layers=200)])
    out = run(d).to_dict()
    assert out["outcome"] == "prohibited"
    cites = {c["ref"] for f in out["findings"] for c in f["citations"]}
    assert {"31 CFR 850.224(l)", "31 CFR 850.209(a)(2)"} <= cites


def test_nexus_aggregates_only_investees_above_50000() -> None:
    fin = {
        "totals": {"revenue": 1_000_000},
        "covered_share_pct": ZERO,
        "from": [{"party": "op1", "revenue": 300_000}, {"party": "op2", "revenue": 220_000}],
    }
    assert run(_holdco(fin, [MCU])).outcome.value == "notifiable"  # 52 % aggregated
    fin["from"][1]["revenue"] = 49_999  # below the floor: not aggregated; 30 % alone
    fin["totals"]["revenue"] = 600_000  # 300k/600k = 50 % exactly: not more than half
    assert run(_holdco(fin, [MCU])).outcome.value == "allowed"


def test_nexus_without_financials_is_review() -> None:
    d = _holdco({}, [MCU])
    del d["target"]["financials"]
    out = run(d).to_dict()
    assert out["outcome"] == "review"
    assert "target.financials" in out["analysis"]["missing"]
