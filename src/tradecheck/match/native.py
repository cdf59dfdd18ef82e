"""Which build of the matcher's hot modules runs: compiled (mypyc) or the Python sources.

``setup.py`` compiles the modules of :data:`COMPILED` with mypyc when the package
is installed (``make venv``). A compiled module lies beside its source
(``score.cpython-311-x86_64-linux-gnu.so`` next to ``score.py``) and Python imports
it in preference to the source, so a binary built before an edit would shadow the
edited source and answer with the old code. This module rules that out:

* the build writes a manifest (:data:`MANIFEST`) holding the SHA-256 of every
  source the binaries were built from: the compiled modules and the package
  modules they import;
* when :mod:`tradecheck.match` is first imported, :func:`select_build` hashes
  those sources again; unless every one is unchanged (and the binaries were built
  for this interpreter), **no** compiled module is used: an import hook loads the
  sources instead. All or nothing, because compiled modules call one another
  directly, not through Python's imports: one fresh binary could still run a
  stale neighbour's code.

``TRADECHECK_PURE_PYTHON=1`` always selects the sources. Both builds give the same
answers (``tests/match/test_native.py``); ``make`` rebuilds the binaries when a
source changes. :func:`native_status` says which build runs and why.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

#: Modules of ``tradecheck.match`` compiled by ``setup.py`` (the hot path of screening).
COMPILED: tuple[str, ...] = (
    "abjad",
    "wade_giles",
    "phonetic",
    "held_tables",
    "similarity",
    "pairing",
    "translit",
    "fold",
    "normalize",
    "features",
    "initials",
    "weights",
    "acronyms",
    "score",
    "bound",
    "search",
    "shortlist",
)
#: Modules of ``tradecheck.match`` written in C as well (``<module>.c``, compiled by
#: ``setup.py`` with the others): the ``.py`` beside each is the same functions in
#: Python (same answers), run whenever the compiled build is not used.
C_MODULES: tuple[str, ...] = ("tally", "spelling")
#: Every module the build makes a binary of.
BUILT_MODULES: tuple[str, ...] = (*COMPILED, *C_MODULES)
#: The build manifest, beside the compiled modules.
MANIFEST = "_native.json"
#: Environment variable that selects the Python sources whatever was built.
PURE_ENV = "TRADECHECK_PURE_PYTHON"

_PACKAGE = "tradecheck.match"
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class NativeStatus:
    """The build in use: ``compiled`` true when the mypyc binaries run, and why."""

    compiled: bool
    reason: str


def ext_suffix() -> str:
    """The file suffix of this interpreter's extension modules."""
    return str(sysconfig.get_config_var("EXT_SUFFIX") or ".so")


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_build(
    match_dir: Path, environ: Mapping[str, str], modules: Sequence[str] = BUILT_MODULES
) -> NativeStatus:
    """Whether the compiled modules in ``match_dir`` may be used, and why (or why not).

    ``match_dir`` is the ``tradecheck/match`` directory; the manifest names each
    source relative to the ``tradecheck`` directory above it.
    """
    if environ.get(PURE_ENV, "").strip() not in ("", "0"):
        return NativeStatus(False, f"{PURE_ENV}={environ[PURE_ENV]}: the Python sources run")
    suffix = ext_suffix()
    binaries = [m for m in modules if (match_dir / f"{m}{suffix}").exists()]
    manifest = match_dir / MANIFEST
    if not manifest.exists():
        if binaries:
            return NativeStatus(False, "compiled modules without a build manifest: ignored")
        return NativeStatus(False, "not compiled (no build manifest): the Python sources run")
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        built: dict[str, str] = dict(doc["sources"])
        built_modules = list(doc["modules"])
        built_suffix = str(doc["ext_suffix"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return NativeStatus(False, f"unreadable build manifest {manifest}: {exc}")
    if built_suffix != suffix:
        return NativeStatus(False, f"compiled for {built_suffix}, this interpreter is {suffix}")
    if sorted(built_modules) != sorted(modules):
        return NativeStatus(False, "compiled modules differ from the list to compile: rebuild")
    if len(binaries) != len(modules):
        missing = sorted(set(modules) - set(binaries))
        return NativeStatus(False, f"compiled module missing: {', '.join(missing)}")
    root = match_dir.parent
    for rel, digest in sorted(built.items()):
        src = root / rel
        try:
            same = file_hash(src) == digest
        except OSError:
            same = False
        if not same:
            return NativeStatus(
                False, f"stale build: {rel} changed since it was compiled (run make)"
            )
    return NativeStatus(True, "compiled with mypyc; sources unchanged since the build")


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their ``.py`` files, never from a binary."""

    def __init__(self, sources: Mapping[str, Path]) -> None:
        self.sources = dict(sources)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        src = self.sources.get(fullname)
        if src is None:
            return None
        return importlib.util.spec_from_file_location(fullname, src)


_STATUS: NativeStatus | None = None


def select_build() -> NativeStatus:
    """Choose the build once per process (called by ``tradecheck.match`` on import)."""
    global _STATUS
    if _STATUS is not None:
        return _STATUS
    status = check_build(_HERE, os.environ)
    # Every binary of the package not part of a fresh build (a module compiled once and
    # no longer in COMPILED, say) is bypassed too: its source is imported instead.
    sources = leftover_binaries(_HERE.parent)
    if status.compiled:
        for m in BUILT_MODULES:
            sources.pop(f"{_PACKAGE}.{m}", None)
    else:
        sources.update({f"{_PACKAGE}.{m}": _HERE / f"{m}.py" for m in BUILT_MODULES})
    early = sorted(name for name in sources if name in sys.modules)
    if early:  # (cannot happen: this runs when the package is first imported)
        raise ImportError(f"{', '.join(early)} imported before the build was chosen")
    if sources:
        sys.meta_path.insert(0, _SourceFinder(sources))
    _STATUS = status
    return status


def leftover_binaries(package_dir: Path) -> dict[str, Path]:
    """Module name → ``.py`` source of every extension module under ``package_dir`` that
    has a source beside it (``package_dir`` is the ``tradecheck`` directory)."""
    suffix = ext_suffix()
    out: dict[str, Path] = {}
    for binary in package_dir.rglob(f"*{suffix}"):
        source = binary.with_name(binary.name[: -len(suffix)] + ".py")
        if source.exists():
            rel = source.relative_to(package_dir.parent).with_suffix("")
            out[".".join(rel.parts)] = source
    return out


def native_status() -> NativeStatus:
    """The build in use in this process: compiled or the Python sources, and why."""
    return select_build()


__all__ = [
    "BUILT_MODULES",
    "COMPILED",
    "C_MODULES",
    "MANIFEST",
    "PURE_ENV",
    "NativeStatus",
    "check_build",
    "leftover_binaries",
    "native_status",
]
