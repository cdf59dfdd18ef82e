"""The rules, classify and check commands: JSON contracts and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tradecheck.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_case(tmp_path: Path, doc: Any, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return str(path)


CASE = {
    "date": "2024-06-01",
    "origin": "US",
    "destination": "CN",
    "items": [{"chip": {"model": "H100 SXM"}}, {"eccn": "EAR99"}],
}


def test_classify_chip_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "classify", "chip", "--model", "L40", "--as-of", "2024-01-01", "--json"
    )
    d = json.loads(out)
    assert code == 0
    assert d["classification"] == "3A090.b" and d["tpp"] == 2896
    assert d["rule"] == "us-ear-3a090-2023-11" and d["effective"] == "2023-11-17"
    assert d["citations"] and d["performance_density"] == pytest.approx(4.763, abs=0.001)


def test_classify_chip_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "classify", "chip", "--tpp", "2000", "--as-of", "2024-01-01", "--json"
    )
    d = json.loads(out)
    assert d["classification"] == "undetermined" and d["missing"] == ["die_area_mm2"]
    assert d["performance_density"] is None
    code, out, _ = run(
        capsys,
        "classify",
        "chip",
        "--tpp",
        "4000",
        "--die-area",
        "600",
        "--not-datacenter",
        "--as-of",
        "2024-01-01",
        "--json",
    )
    assert json.loads(out)["classification"] == "not-3A090"
    code, out, _ = run(capsys, "classify", "chip", "--model", "H800", "--as-of", "2023-01-01")
    assert code == 0 and "not-3A090" in out


def test_check_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", write_case(tmp_path, CASE), "--json")
    d = json.loads(out)
    assert code == 0 and d["outcome"] == "license-required" and d["as_of"] == "2024-06-01"
    f = d["findings"][0]
    assert {"regime", "rule", "outcome", "policy", "reason", "citations", "exceptions"} <= set(f)
    assert f["policy"] == "presumption of denial"
    assert {p["id"] for p in d["versions"]["rule_packs"]} >= {"us-ear-advanced-computing"}
    assert all(len(p["sha256"]) == 64 for p in d["versions"]["rule_packs"])
    code, out, _ = run(
        capsys, "check", write_case(tmp_path, CASE), "--as-of", "2022-10-06", "--json"
    )
    assert json.loads(out)["findings"][0]["outcome"] == "allowed"


def test_check_rich(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", write_case(tmp_path, CASE))
    assert code == 0 and "license-required" in out


def test_rules_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "check")
    assert code == 0 and out.startswith("OK:")
    code, out, _ = run(capsys, "rules", "list", "--regime", "us-ear", "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert "us-ear-3a090-2023-11" in ids and not any(i.startswith("cn-") for i in ids)
    code, out, _ = run(capsys, "rules", "show", "us-ear-scope-2025-01-aid", "--json")
    assert json.loads(out)["enforcement"]["status"] == "not-enforced"
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0 and "us-ear-hq-2023-11" in out


def test_rules_diff(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "rules",
        "diff",
        "--from",
        "2023-07-07",
        "--to",
        "2026-11-28",
        "--regime",
        "us-ear",
        "--json",
    )
    changes = {(c["date"], c["change"], c["rule"]) for c in json.loads(out)}
    assert {
        ("2023-11-17", "in-force", "us-ear-3a090-2023-11"),
        ("2023-11-17", "ended", "us-ear-3a090-2022-10"),
        ("2024-04-04", "in-force", "us-ear-le-aca-2024-04"),
        ("2025-05-13", "not-enforced", "us-ear-scope-2025-01-aid"),
        ("2025-11-10", "suspended", "us-ear-affiliates-2025-09"),
        ("2026-01-15", "in-force", "us-ear-rp-2026-01-cn"),
        ("2026-02-03", "in-force", "us-cg-d5-2026-02"),
        ("2026-11-10", "revived", "us-ear-affiliates-2025-09"),
    } <= changes
    assert all(c["citations"] for c in json.loads(out))
    assert not any(d < "2023-07-08" for d, _, _ in changes)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["classify", "chip", "--model", "Z9000"], "unknown chip model 'Z9000'"),
        (["classify", "chip", "--tpp", "-5"], "chip.tpp: -5"),
        (["classify", "chip"], "give --model NAME or --tpp X"),
        (["classify", "chip", "--model", "H20", "--as-of", "2023-02-30"], "is not a date"),
        (["rules", "show", "no-such-rule"], "no rule 'no-such-rule'"),
        (["rules", "diff", "--from", "2024-01-01", "--to", "2023-01-01"], "is before --from"),
        (["rules", "diff", "--from", "yesterday", "--to", "2023-01-01"], "--from 'yesterday'"),
        (["check", "/nonexistent/case.json"], "no such file"),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code != 0 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("{not json", "not valid JSON"),
        ({**CASE, "destination": "XX"}, "$.destination: 'XX' is not a known ISO 3166-1"),
        ({**CASE, "date": "2024-13-01"}, "$.date: '2024-13-01' is not a date"),
        ({**CASE, "items": [{"chip": {"model": "Z9000"}}]}, "unknown chip model 'Z9000'"),
        ({**CASE, "items": "H100"}, "$.items"),
        ([CASE], "a case must be a JSON object"),
    ],
)
def test_bad_case_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: Any, message: str
) -> None:
    code, _, err = run(capsys, "check", write_case(tmp_path, doc))
    assert code == 2 and message in err and err.count("\n") == 1


def test_rules_check_names_file_rule_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradecheck.rules import pack

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "bad.yaml").write_text(
        "pack: bad\nregime: bad\njurisdiction: XX\ntitle: Bad\nversion: '1'\nrules:\n"
        "  - {id: bad-1, title: t, citation: [x], effective_from: 2024-01-01, confidence: sure}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(pack, "RULES_ROOT", tmp_path)
    try:
        code, _, err = run(capsys, "rules", "check")
    finally:
        pack.clear_cache()
    assert code == 3
    assert err.strip() == (
        "error: xx/bad.yaml, rule bad-1, field 'confidence': "
        "must be one of verified, secondary, unverified"
    )
