"""Paired, alternating CPU-time runs of two checkouts (the machine's drift cancels out).

Usage::

    python benchmarks/profile/pair.py CHECKOUT_A CHECKOUT_B [NAMES] [ROUNDS]

Runs ``screen_time.py`` in A, then in B, ROUNDS times, each with its own checkout's
``.venv`` (built with ``make``), and prints each round's CPU seconds and the ratio
A/B: above 1 when B is faster.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _cpu(tree: str, names: str) -> float:
    out = subprocess.run(
        [f"{tree}/.venv/bin/python", str(HERE / "screen_time.py"), names],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0])


def main() -> None:
    """Alternate the runs and print the ratios."""
    a, b = sys.argv[1], sys.argv[2]
    names = sys.argv[3] if len(sys.argv) > 3 else "30000"
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    ratios = []
    for i in range(rounds):
        x, y = _cpu(a, names), _cpu(b, names)
        ratios.append(x / y)
        print(f"round {i}: A {x:.2f} s  B {y:.2f} s  A/B {x / y:.3f}", flush=True)
    print(f"median A/B {statistics.median(ratios):.3f} (B faster when above 1)")


if __name__ == "__main__":
    main()
