"""Property: any single edit, deletion or swap in a chain of any length is found and named."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from tradecheck.audit import log
from tradecheck.audit.tables import audit_log
from tradecheck.audit.verify import verify_chain
from tradecheck.store import open_store

_COUNTER = itertools.count()


def _chain(tmp: Path, n: int) -> str:
    url = f"sqlite:///{tmp / f'chain-{next(_COUNTER)}.sqlite'}"
    store = open_store(url)
    for i in range(n):
        log.append(store, "screen", {"name": f"p{i}"}, {"i": i}, {}, None)
    return url


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    n=st.integers(min_value=2, max_value=8),
    kind=st.sampled_from(["edit", "delete", "swap"]),
)
def test_any_single_tampering_is_named(
    tmp_path: Path, data: st.DataObject, n: int, kind: str
) -> None:
    url = _chain(tmp_path, n)
    store = open_store(url)
    assert verify_chain(store).ok
    k = data.draw(st.integers(min_value=1, max_value=n - 1 if kind == "swap" else n))
    with store.engine.begin() as conn:
        if kind == "edit":
            conn.execute(update(audit_log).where(audit_log.c.seq == k).values(input='{"name":"x"}'))
        elif kind == "delete":
            conn.execute(delete(audit_log).where(audit_log.c.seq == k))
        else:
            conn.execute(update(audit_log).where(audit_log.c.seq == k).values(seq=-1))
            conn.execute(update(audit_log).where(audit_log.c.seq == k + 1).values(seq=k))
            conn.execute(update(audit_log).where(audit_log.c.seq == -1).values(seq=k + 1))
    problems = verify_chain(store).problems
    want = {"edit": "edited", "delete": "deleted", "swap": "reordered"}[kind]
    assert problems and {p.kind for p in problems} == {want}
    assert k in {p.seq for p in problems}
