"""The China packs: valid, cited, dated, with documented parameters and consistent overlays."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tradecheck.engine import SCHEMA_PATH
from tradecheck.errors import RuleError
from tradecheck.rules.cn.schema_doc import apply_to_schema
from tradecheck.rules.cn.spec import china_rules, item_specs, param_catalogue, parse_item
from tradecheck.rules.pack import load_packs

ANN_70 = {"2025-55", "2025-56", "2025-57", "2025-58", "2025-61", "2025-62"}


def test_every_china_rule_is_cited_dated_and_parsed() -> None:
    rules = china_rules()
    assert len(rules) > 80
    for r in rules:
        assert r.citations and r.effective_from
    specs = item_specs()
    assert {s.rule.kind for s in specs} == {"cn-item", "cn-technology", "cn-tech-catalogue"}


def test_every_goods_item_has_a_trigger() -> None:
    for s in item_specs():
        if s.rule.kind == "cn-item":
            assert s.hs or s.control_code or s.trigger, s.rule.id


def test_parameters_carry_name_unit_and_description() -> None:
    for name, p in param_catalogue().items():
        assert p.description.strip(), name
        if p.type == "number":
            assert p.unit, name


def test_ann_70_window_is_on_exactly_the_six_announcements() -> None:
    for r in china_rules():
        ids = {s.id for s in r.suspensions}
        in_scope = any(f"cn-{a}" in r.pack_id for a in ANN_70)
        assert ("cn-2025-70" in ids) is in_scope, r.id
        for s in r.suspensions:
            if s.id == "cn-2025-70":
                assert (s.start, s.end) == (date(2025, 11, 7), date(2026, 11, 10))
                assert not s.renewal_known


def test_ann_72_suspends_clause_2_only() -> None:
    suspended = {r.id for r in china_rules() if any(s.id == "cn-2025-72" for s in r.suspensions)}
    assert suspended == {"cn-us-ggss", "cn-us-graph"}
    for r in china_rules("cn-destination"):
        for s in r.suspensions:
            assert (s.start, s.end) == (date(2025, 11, 9), date(2026, 11, 27))


def test_ann_18_rare_earths_are_not_suspended() -> None:
    for r in china_rules():
        if r.pack_id == "cn-2025-18-rare-earths":
            assert not r.suspensions


def test_case_schema_documents_every_china_parameter() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert apply_to_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))) == schema, (
        "case.schema.json is out of date: run "
        "tradecheck.rules.cn.schema_doc.write_case_schema(SCHEMA_PATH)"
    )
    props = schema["$defs"]["item"]["properties"]["parameters"]["properties"]
    assert "purity_pct" in props and "cn-2024-33-sb-3" in props["purity_pct"]["description"]


BAD = """
pack: cn-bad
regime: cn-export
jurisdiction: CN
title: bad
version: "1"
rules:
  - id: cn-bad-1
    title: bad item
    kind: cn-item
    citation: ["nowhere"]
    effective_from: 2025-01-01
    confidence: verified
    data:
      item: X
      outcome: license-required
      hs_codes: ["2825800010"]
      parameters: [{name: purity_pct, type: number, unit: "%", description: purity}]
      test: {param: purity, op: ge, value: 99}
"""


def test_a_bad_test_names_file_rule_and_field(tmp_path: Path) -> None:
    (tmp_path / "cn").mkdir()
    (tmp_path / "cn" / "bad.yaml").write_text(BAD, encoding="utf-8")
    rule = load_packs(root=tmp_path)[0].rules[0]
    with pytest.raises(RuleError) as err:
        parse_item(rule)
    msg = str(err.value)
    assert "cn/bad.yaml" in msg and "cn-bad-1" in msg and "data.test.param" in msg


def test_rules_show_prints_the_parameter_definitions(capsys: pytest.CaptureFixture[str]) -> None:
    from tradecheck.cli import main

    assert main(["rules", "show", "cn-2024-33-sb-6", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    params = {p["name"]: p for p in shown["data"]["parameters"]}
    assert params["dislocation_density_per_cm2"]["unit"] == "1/cm2"
    assert params["purity_pct"]["description"]


def test_rules_check_validates_china_data_against_its_schemas(tmp_path: Path) -> None:
    import shutil

    from tradecheck.rules.pack import RULES_ROOT

    shutil.copytree(RULES_ROOT / "cn", tmp_path / "cn")
    bad = tmp_path / "cn" / "ann_2024_33_antimony_superhard.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace('"2825800010"', '"28258"'), encoding="utf-8"
    )
    with pytest.raises(RuleError) as err:
        load_packs(root=tmp_path)
    assert "cn-2024-33-sb-3" in str(err.value) and "hs_codes" in str(err.value)
