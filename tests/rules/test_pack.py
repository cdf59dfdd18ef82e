"""The rule-pack core: loading, validation errors, dates, suspensions, enforcement, diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.errors import InputError, RuleError
from tradecheck.rules import all_rules, diff_rules, find_rule, load_packs
from tradecheck.rules.pack import clear_cache

PACK = """\
pack: demo-pack
regime: demo
jurisdiction: XX
title: Demo pack
version: "1"
data_schemas:
  threshold:
    type: object
    required: [limit]
    properties: {limit: {type: number, minimum: 0}}
rules:
  - id: demo-old
    title: Old threshold
    kind: threshold
    citation: ["1 FR 1"]
    effective_from: 2022-10-07
    effective_to: 2023-11-16
    confidence: verified
    data: {limit: 10}
  - id: demo-new
    title: New threshold
    kind: threshold
    citation: ["2 FR 2"]
    effective_from: 2023-11-17
    confidence: secondary
    supersedes: demo-old
    data: {limit: 5}
  - id: demo-affiliates
    title: Affiliates rule
    citation: ["90 FR 47201"]
    effective_from: 2025-09-29
    confidence: unverified
    confidence_note: suspension read only in secondary sources
    suspensions:
      - {id: s1, from: 2025-11-10, to: 2026-11-09, citation: ["90 FR 50857"], renewal_known: false}
  - id: demo-aid
    title: AI diffusion text
    citation: ["90 FR 4544"]
    effective_from: 2025-01-15
    confidence: secondary
    enforcement:
      status: not-enforced
      since: 2025-05-13
      statement: BIS does not enforce this rule.
      citation: ["BIS 2025-05-13"]
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    d = tmp_path / "xx"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    clear_cache()
    return tmp_path


def test_load_and_windows(tmp_path: Path) -> None:
    root = write(tmp_path, PACK)
    [pack] = load_packs(root=root)
    assert pack.id == "demo-pack" and len(pack.sha256) == 64
    old, new = pack.rule("demo-old"), pack.rule("demo-new")
    assert old.in_force(date(2023, 11, 16)) and not old.in_force(date(2023, 11, 17))
    assert new.in_force(date(2023, 11, 17)) and not new.in_force(date(2023, 11, 16))
    assert load_packs("demo", root=root) == [pack]
    assert load_packs("other", root=root) == []
    assert find_rule("demo-new", root=root) is new


def test_suspension_and_lapse(tmp_path: Path) -> None:
    rule = find_rule("demo-affiliates", root=write(tmp_path, PACK))
    assert rule.applies(date(2025, 10, 1))
    assert rule.suspension_on(date(2025, 11, 10)) is not None
    assert not rule.applies(date(2026, 11, 9))
    assert rule.lapsed_suspension(date(2026, 11, 9)) is None
    assert rule.lapsed_suspension(date(2026, 11, 10)) is not None
    assert rule.applies(date(2026, 11, 10))
    kinds = {a.kind for a in rule.advisories(date(2026, 12, 1))}
    assert kinds == {"unverified-fact", "suspension-lapsed"}
    assert {a.kind for a in rule.advisories(date(2026, 1, 1))} == {
        "unverified-fact",
        "suspension-ends",
    }


def test_enforcement(tmp_path: Path) -> None:
    rule = find_rule("demo-aid", root=write(tmp_path, PACK))
    assert rule.in_force(date(2025, 6, 1))
    assert rule.is_enforced(date(2025, 5, 12)) and not rule.is_enforced(date(2025, 5, 13))
    assert not rule.applies(date(2025, 6, 1))
    assert [a.kind for a in rule.advisories(date(2025, 6, 1))] == ["enforcement-statement"]


def test_diff(tmp_path: Path) -> None:
    root = write(tmp_path, PACK)
    changes = diff_rules(date(2023, 7, 7), date(2026, 11, 28), root=root)
    got = [(c.on.isoformat(), c.change, c.rule) for c in changes]
    assert got == [
        ("2023-11-17", "ended", "demo-old"),
        ("2023-11-17", "in-force", "demo-new"),
        ("2025-01-15", "in-force", "demo-aid"),
        ("2025-05-13", "not-enforced", "demo-aid"),
        ("2025-09-29", "in-force", "demo-affiliates"),
        ("2025-11-10", "suspended", "demo-affiliates"),
        ("2026-11-10", "revived", "demo-affiliates"),
    ]
    assert changes[1].citations[0].ref == "2 FR 2"
    with pytest.raises(InputError):
        diff_rules(date(2024, 1, 1), date(2023, 1, 1), root=root)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "effective_from: 2023-11-17",
            "effective_from: 2023-02-30",
            "rule demo-new, field 'effective_from'",
        ),
        ("confidence: secondary", "confidence: maybe", "rule demo-new, field 'confidence'"),
        ("data: {limit: 5}", "data: {limit: -1}", "rule demo-new, field 'data.limit'"),
        ("supersedes: demo-old", "supersedes: nowhere", "rule demo-new, field 'supersedes'"),
        ('citation: ["2 FR 2"]', "citation: []", "rule demo-new, field 'citation'"),
        ("id: demo-new", "id: demo-old", "rule demo-old, field 'id'"),
        (
            "effective_to: 2023-11-16",
            "effective_to: 2021-01-01",
            "rule demo-old, field 'effective_to'",
        ),
        ("title: New threshold", "titel: New threshold", "rule demo-new, field 'titel'"),
    ],
)
def test_errors_name_file_rule_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in PACK
    root = write(tmp_path, PACK.replace(old, new, 1))
    with pytest.raises(RuleError) as exc:
        load_packs(root=root)
    assert str(exc.value).startswith("xx/demo.yaml, " + expected), str(exc.value)


def test_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"xx/demo.yaml: not valid YAML"):
        load_packs(root=write(tmp_path, "pack: [unclosed"))


def test_bundled_packs_load() -> None:
    clear_cache()
    packs = load_packs()
    ids = [r.id for p in packs for r in p.rules]
    assert len(ids) == len(set(ids))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.dates(date(2020, 1, 1), date(2028, 12, 31)), min_size=3, max_size=3))
def test_diff_composes(days: list[date]) -> None:
    a, b, c = sorted(days)
    whole = diff_rules(a, c)
    parts = diff_rules(a, b) + diff_rules(b, c)
    assert whole == parts


@settings(max_examples=50, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2028, 12, 31)))
def test_applies_implies_in_force(day: date) -> None:
    for rule in all_rules():
        if rule.applies(day):
            assert rule.in_force(day) and rule.suspension_on(day) is None
