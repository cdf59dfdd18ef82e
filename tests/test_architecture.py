"""The layout tells the architecture: the core never imports the edges."""

from __future__ import annotations

import ast
from pathlib import Path

import tradecheck

PACKAGE = Path(tradecheck.__file__).parent
CORE = ("lists", "match", "classify", "invest", "rules", "exposure", "store")
EDGES = ("tradecheck.api", "tradecheck.web", "tradecheck.cli")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_never_imports_edges() -> None:
    offenders = []
    for sub in CORE:
        for path in (PACKAGE / sub).rglob("*.py"):
            for mod in imported_modules(path):
                if mod.startswith(EDGES):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {mod}")
    assert offenders == []


def test_modules_stay_small() -> None:
    too_big = [
        f"{p.relative_to(PACKAGE)}: {n} lines"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert too_big == []
