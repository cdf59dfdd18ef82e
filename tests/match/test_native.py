"""The compiled build of the matcher's hot modules: never stale, same answers as the sources."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tradecheck.match import native
from tradecheck.match.native import (
    BUILT_MODULES,
    C_MODULES,
    COMPILED,
    MANIFEST,
    PURE_ENV,
    check_build,
    ext_suffix,
)

SRC = Path(__file__).resolve().parents[2] / "src"
#: Whether the binaries in place are usable (whatever TRADECHECK_PURE_PYTHON says here).
BUILT = check_build(Path(native.__file__).resolve().parent, {}).compiled
SAMPLES = Path(__file__).resolve().parents[1] / "lists" / "samples"


def _fake_build(tmp_path: Path, *, binaries: bool = True, manifest: bool = True) -> Path:
    """A tradecheck/match directory with sources, (empty) binaries and a manifest."""
    match = tmp_path / "tradecheck" / "match"
    match.mkdir(parents=True)
    sources = {}
    for m in BUILT_MODULES:
        (match / f"{m}.py").write_text(f"X = {m!r}\n", encoding="utf-8")
        sources[f"match/{m}.py"] = hashlib.sha256((match / f"{m}.py").read_bytes()).hexdigest()
        if binaries:
            (match / f"{m}{ext_suffix()}").write_bytes(b"")
    for m in C_MODULES:
        (match / f"{m}.c").write_text(f"/* {m} */\n", encoding="utf-8")
        sources[f"match/{m}.c"] = hashlib.sha256((match / f"{m}.c").read_bytes()).hexdigest()
    if manifest:
        doc = {"modules": list(BUILT_MODULES), "ext_suffix": ext_suffix(), "sources": sources}
        (match / MANIFEST).write_text(json.dumps(doc), encoding="utf-8")
    return match


def test_fresh_build_is_used(tmp_path: Path) -> None:
    status = check_build(_fake_build(tmp_path), {})
    assert status.compiled, status.reason


def test_an_edited_source_makes_the_whole_build_stale(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    (match / "score.py").write_text("X = 'edited'\n", encoding="utf-8")
    status = check_build(match, {})
    assert not status.compiled
    assert "stale" in status.reason and "match/score.py" in status.reason


def test_an_edited_c_source_makes_the_whole_build_stale(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    (match / "tally.c").write_text("/* edited */\n", encoding="utf-8")
    status = check_build(match, {})
    assert not status.compiled and "match/tally.c" in status.reason


def test_a_missing_c_binary_makes_the_build_unusable(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    (match / f"tally{ext_suffix()}").unlink()
    status = check_build(match, {})
    assert not status.compiled and "tally" in status.reason


def test_a_deleted_source_makes_the_build_stale(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    (match / "bound.py").unlink()
    assert not check_build(match, {}).compiled


def test_pure_python_variable_wins(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    status = check_build(match, {PURE_ENV: "1"})
    assert not status.compiled and PURE_ENV in status.reason
    assert check_build(match, {PURE_ENV: "0"}).compiled


def test_binaries_without_manifest_are_ignored(tmp_path: Path) -> None:
    status = check_build(_fake_build(tmp_path, manifest=False), {})
    assert not status.compiled and "without a build manifest" in status.reason
    assert not check_build(_fake_build(tmp_path / "b", binaries=False, manifest=False), {}).compiled


def test_missing_binary_or_other_module_list_or_interpreter(tmp_path: Path) -> None:
    match = _fake_build(tmp_path)
    (match / f"score{ext_suffix()}").unlink()
    assert "missing" in check_build(match, {}).reason
    match = _fake_build(tmp_path / "b")
    assert "differ" in check_build(match, {}, modules=(*BUILT_MODULES, "index")).reason
    assert "differ" in check_build(match, {}, modules=COMPILED).reason
    doc = json.loads((match / MANIFEST).read_text(encoding="utf-8"))
    doc["ext_suffix"] = ".cpython-99-other.so"
    (match / MANIFEST).write_text(json.dumps(doc), encoding="utf-8")
    assert "compiled for" in check_build(match, {}).reason
    (match / MANIFEST).write_text("{not json", encoding="utf-8")
    assert "unreadable" in check_build(match, {}).reason


def _python(code: str, *, pythonpath: Path | None = None, pure: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k != PURE_ENV}
    if pure:
        env[PURE_ENV] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout


_WHERE = """
import json
from tradecheck.match.native import native_status
import tradecheck.match.score as score
import tradecheck.match.{mods}
import sys
print(json.dumps({{
    "compiled": native_status().compiled,
    "files": [sys.modules["tradecheck.match." + m].__file__ for m in {names!r}],
    "marker": getattr(score, "STALE_MARKER", None),
    "containers": __import__("tradecheck.match.containers").match.containers.__file__,
}}))
"""


def _where(**kw: object) -> dict[str, object]:
    code = _WHERE.format(mods=", tradecheck.match.".join(BUILT_MODULES), names=list(BUILT_MODULES))
    out: dict[str, object] = json.loads(_python(code, **kw))  # type: ignore[arg-type]
    return out


def test_pure_python_mode_imports_every_hot_module_from_its_source() -> None:
    got = _where(pure=True)
    assert got["compiled"] is False
    files = got["files"]
    assert isinstance(files, list)
    assert all(str(f).endswith(".py") for f in files), files


@pytest.mark.skipif(not BUILT, reason="no compiled build in place (TRADECHECK_PURE_PYTHON=1 build)")
def test_an_edited_source_is_never_shadowed_by_its_old_binary(tmp_path: Path) -> None:
    # A copy of the package with its binaries: the copy as built uses them ...
    dest = tmp_path / "src"
    shutil.copytree(SRC / "tradecheck", dest / "tradecheck", ignore=shutil.ignore_patterns("data"))
    (dest / "tradecheck" / "data").symlink_to(SRC / "tradecheck" / "data")
    for lib in SRC.glob(f"*__mypyc{ext_suffix()}"):
        shutil.copy2(lib, dest / lib.name)
    # (A binary left from an older build of a module no longer compiled is bypassed.)
    (dest / "tradecheck" / "match" / f"containers{ext_suffix()}").write_bytes(b"not an ELF")
    got = _where(pythonpath=dest)
    assert got["compiled"] is True
    assert str(got["containers"]).endswith("containers.py")
    files = got["files"]
    assert isinstance(files, list)
    assert all(str(f).startswith(str(dest)) and str(f).endswith(ext_suffix()) for f in files)
    # ... and once score.py is edited, the edited source runs, and so do the others'
    # sources (a compiled neighbour would call the old compiled score directly).
    score_py = dest / "tradecheck" / "match" / "score.py"
    score_py.write_text(
        score_py.read_text(encoding="utf-8") + '\nSTALE_MARKER = "edited"\n', encoding="utf-8"
    )
    got = _where(pythonpath=dest)
    assert got["compiled"] is False
    assert got["marker"] == "edited"
    assert str(got["containers"]).endswith("containers.py")
    files = got["files"]
    assert isinstance(files, list)
    assert all(str(f).endswith(".py") for f in files), files


_ANSWERS = """
import json, sys
from pathlib import Path
from tradecheck.lists.csl import parse_csl_json
from tradecheck.lists.un_xml import parse_un_xml
from tradecheck.match.native import native_status
from tradecheck.screening import build_index, compare_names, screen_party
samples = Path(sys.argv[1])
ents = parse_csl_json(samples / "us" / "csl_compact_sample.json").entities
ents += parse_un_xml(samples / "un" / "un_sample_2026-02-27.xml").entities
idx = build_index(ents)
names = [n for e in ents for n in e.names]
queries = names + [n.lower()[::-1] for n in names[:40]] + [n[:-2] for n in names[:80]]
pairs = [
    ("华为技术有限公司", "HUAWEI TECHNOLOGIES CO., LTD."),
    ("Hua Wei Ji Shu", "Huawei Technologies"),
    ("Владимир Путин", "PUTIN, Vladimir"),
    ("김정은", "Kim Jong Un"),
    ("محمد احمدی", "Mohammad Ahmadi"),
    ("Sech1n Ig0r", "Igor Sechin"),
    ("Forty-Four Trading", "44 Trading LLC"),
]
out = {
    "compiled": native_status().compiled,
    "answers": {
        q: [(m.entity_id, m.score, m.explain) for m in
            screen_party(q, index=idx, limit=10, min_score=0.3).matches]
        for q in queries
    },
    "pairs": [compare_names(a, b) for a, b in pairs],
}
print(json.dumps(out, sort_keys=True, default=str))
"""


def test_compiled_and_pure_builds_give_the_same_answers() -> None:
    pure = json.loads(_python(_ANSWERS.replace("sys.argv[1]", repr(str(SAMPLES))), pure=True))
    built = json.loads(_python(_ANSWERS.replace("sys.argv[1]", repr(str(SAMPLES)))))
    assert pure.pop("compiled") is False
    assert built.pop("compiled") is BUILT
    assert len(pure["answers"]) > 100
    assert sum(len(v) for v in pure["answers"].values()) > 100
    assert pure == built
