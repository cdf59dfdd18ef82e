"""Compiles the matcher's hot modules with mypyc when the package is built or installed.

Everything else about the package is in pyproject.toml. The modules compiled are
``COMPILED`` in src/tradecheck/match/native.py; next to them the build writes
``_native.json``, the SHA-256 of every source the binaries were built from, which
``tradecheck.match.native`` checks on import so that a binary older than its
source is never used. ``TRADECHECK_PURE_PYTHON=1`` builds no binaries (see docs/build.md).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError

ROOT = Path(__file__).resolve().parent
PKG = ROOT / "src" / "tradecheck"
MATCH = PKG / "match"


def _native_list(name: str) -> list[str]:
    """``COMPILED`` or ``C_MODULES`` of native.py, read without importing the package."""
    tree = ast.parse((MATCH / "native.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == name:
            assert node.value is not None
            return [str(v) for v in ast.literal_eval(node.value)]
    raise SystemExit(f"setup.py: {name} not found in src/tradecheck/match/native.py")


def _sources(modules: list[str]) -> list[str]:
    """The compiled modules and every package module they import (relative to tradecheck/),
    and the C source of each module written in C."""
    out = {f"match/{m}.py" for m in modules}
    out.update(f"match/{m}.c" for m in C_MODULES)
    for m in modules:
        tree = ast.parse((MATCH / f"{m}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if not name.startswith("tradecheck."):
                    continue
                rel = Path(*name.split(".")[1:])
                for cand in (rel.with_suffix(".py"), rel / "__init__.py"):
                    if (PKG / cand).exists():
                        out.add(cand.as_posix())
    return sorted(out)


def _manifest(modules: list[str]) -> str:
    sources = {
        rel: hashlib.sha256((PKG / rel).read_bytes()).hexdigest() for rel in _sources(modules)
    }
    doc = {
        "modules": modules,
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "compiler": "mypyc",
        "sources": sources,
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


class BuildExtWithManifest(build_ext):
    """build_ext that writes the manifest beside the compiled modules it built."""

    def run(self) -> None:
        # An old manifest is removed first: a failed build leaves none, so no binary is used.
        targets = [MATCH / "_native.json"] if self.inplace else []
        for t in targets:
            t.unlink(missing_ok=True)
        if self.inplace:
            # Binaries of modules no longer compiled would still be imported: remove them.
            suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
            for old in PKG.rglob(f"*{suffix}"):
                if old.name[: -len(suffix)] not in MODULES or old.parent != MATCH:
                    old.unlink()
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, LinkError, PlatformError) as exc:
            # No C compiler (or no Python headers): install anyway, as pure Python. With
            # no manifest written, tradecheck.match.native uses the sources; answers are
            # the same, screening is slower (docs/build.md).
            print(
                f"warning: the compiled matcher could not be built ({exc}); tradecheck "
                "will run as pure Python, slower. Install gcc and the Python headers "
                "and rebuild (make venv) to compile it.",
                file=sys.stderr,
            )
            return
        text = _manifest(MODULES)
        build_dir = Path(self.get_ext_fullpath(f"tradecheck.match.{MODULES[0]}")).parent
        build_dir.mkdir(parents=True, exist_ok=True)
        for t in [build_dir / "_native.json", *targets]:
            t.write_text(text, encoding="utf-8")


MYPYC_MODULES = _native_list("COMPILED")
C_MODULES = _native_list("C_MODULES")
#: Every module built (the manifest's list; mypyc's first: the manifest goes beside them).
MODULES = MYPYC_MODULES + C_MODULES

if os.environ.get("TRADECHECK_PURE_PYTHON", "").strip() not in ("", "0"):
    setup()
else:
    from mypyc.build import mypycify

    setup(
        ext_modules=[
            *mypycify(
                [
                    *(str((MATCH / f"{m}.py").relative_to(ROOT)) for m in MYPYC_MODULES),
                    # No incremental cache: the one `make check` leaves in .mypy_cache was
                    # made with other libraries installed, and must not stand in for them.
                    f"--cache-dir={os.devnull}",
                ],
                opt_level="3",
                group_name="tradecheck_match",
            ),
            # The modules written in C: plain C API, no contraction of a*b+c into one
            # fused operation (their sums must round as their Python twins' do).
            *(
                Extension(
                    f"tradecheck.match.{m}",
                    [str((MATCH / f"{m}.c").relative_to(ROOT))],
                    extra_compile_args=["-O2", "-ffp-contract=off"],
                )
                for m in C_MODULES
            ),
        ],
        cmdclass={"build_ext": BuildExtWithManifest},
    )
