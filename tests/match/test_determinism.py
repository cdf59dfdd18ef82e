"""The index and its answers do not depend on the process's string-hash seed.

An audit replay in another process must give the same scores and the same order,
so nothing in the index may follow the iteration order of a set of strings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "lists" / "samples"

SCRIPT = """
import json, sys
from pathlib import Path
from tradecheck.lists.csl import parse_csl_json
from tradecheck.lists.un_xml import parse_un_xml
from tradecheck.screening import build_index, screen_party
samples = Path(sys.argv[1])
ents = parse_csl_json(samples / "us" / "csl_compact_sample.json").entities
ents += parse_un_xml(samples / "un" / "un_sample_2026-02-27.xml").entities
idx = build_index(ents)
queries = [e.name for e in ents] + [n[::-1] for n in (e.name for e in ents)][:20]
out = {
    "vocab": list(idx.vocab.items()),
    "answers": {
        q: [(m.entity_id, round(m.score, 6)) for m in
            screen_party(q, index=idx, limit=5, min_score=0.5).matches]
        for q in queries
    },
}
print(json.dumps(out, sort_keys=True))
"""


def _run(seed: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SAMPLES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_same_index_and_answers_under_different_hash_seeds() -> None:
    a, b = _run("0"), _run("12345")
    assert a["vocab"] == b["vocab"]
    assert a["answers"] == b["answers"]
