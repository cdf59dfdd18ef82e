"""Load and latency of the service, with the audit trail on (prints its figures).

Starts ``tradecheck serve`` on a free loopback port over a fresh store (the
bundled lists loaded), then drives it from a second process with a bounded
number of requests (and a bounded time) over keep-alive connections, and prints
requests/s and p50 / p95 / p99 latency for ``POST /api/v1/screen`` and
``POST /api/v1/check``. Afterwards it checks that the audit log holds exactly one
record per successful request and that the chain verifies.

Runs on SQLite (a temporary file) and on PostgreSQL (a fresh database created on
the server of ``--pg-url`` and dropped afterwards).

Usage::

    .venv/bin/python benchmarks/load.py [--backend sqlite|postgres|both]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--requests 3000] [--check-requests 600] [--concurrency 4] [--max-seconds 60]
        [--sample]

Targets on a 2-core machine: >= 300 screens/s with p99 <= 50 ms. Timings are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.audit.sample for --sample

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# --- the client (second process)


def _drive(
    port: int,
    secret: str,
    path: str,
    bodies: list[bytes],
    concurrency: int,
    max_seconds: float,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """Send every body once over ``concurrency`` keep-alive connections; time each.

    A request the client gives up on (no answer within ``timeout`` seconds, or a
    broken connection) is counted in ``errors``; the server may still complete it."""
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    nxt = iter(range(len(bodies)))
    deadline = time.monotonic() + max_seconds
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while time.monotonic() < deadline:
            with lock:
                i = next(nxt, None)
            if i is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=bodies[i], headers=headers)
                resp = conn.getresponse()
                resp.read()
            except OSError as exc:  # (timeouts included)
                with lock:
                    errors.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                continue
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, round(p / 100 * (len(lat) - 1)))] * 1000 if lat else 0.0

    return {
        "path": path,
        "requests": len(lat),
        "ok": statuses.get(200, 0),
        "statuses": statuses,
        "errors": len(errors),
        "seconds": round(wall, 3),
        "rps": round(len(lat) / wall, 1) if wall else 0.0,
        "p50_ms": round(pct(50), 2),
        "p95_ms": round(pct(95), 2),
        "p99_ms": round(pct(99), 2),
        "mean_ms": round(statistics.fmean(lat) * 1000, 2) if lat else 0.0,
    }


def client_main(spec_path: str) -> None:
    """Entry point of the client process: read the plan, print the results as JSON."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    out = []
    for run in spec["runs"]:
        bodies = [json.dumps(b).encode() for b in run["bodies"]]
        out.append(
            _drive(
                spec["port"],
                spec["secret"],
                run["path"],
                bodies,
                spec["concurrency"],
                spec["max_seconds"],
                spec.get("timeout", 30.0),
            )
        )
    sys.stdout.write(json.dumps(out) + "\n")


# --- the harness


def _fresh_pg(url: str) -> tuple[str, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"tc_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = make_url(url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return db, drop


def _prepare(db: str, sample: bool) -> tuple[str, list[str]]:
    from tradecheck.access.keys import create_key
    from tradecheck.store import open_store

    store = open_store(db)
    t0 = time.perf_counter()
    if sample:
        from tests.audit.sample import load_sample

        load_sample(db)
    else:
        from tradecheck.lists.bundle import load_default_bundle

        load_default_bundle(store)
    print(f"  lists loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    listed = [e.name for _, e in zip(range(400), store.current_entities(), strict=False)]
    _, secret = create_key(store, "analyst", "load benchmark")
    return secret, listed


def _bodies(listed: list[str], n_screen: int, n_check: int) -> tuple[list[Any], list[Any]]:
    innocent = [
        f"{a} {b} {c}"
        for a in ("Northern", "Pacific", "Golden", "Blue River", "Summit", "Atlas")
        for b in ("Trading", "Logistics", "Electronics", "Components", "Precision")
        for c in ("Co Ltd", "GmbH", "LLC", "Pte Ltd", "Inc")
    ]
    names = [n for pair in zip(listed, innocent, strict=False) for n in pair] or innocent
    screens = [{"name": names[i % len(names)]} for i in range(n_screen)]
    cases = []
    for f in ("h100_china_2022.json", "h100_israel_allowed.json", "rtx4090_vietnam_aca.json"):
        path = ROOT / "examples" / "cases" / f
        if path.exists():
            doc = json.loads(path.read_text(encoding="utf-8"))
            doc.pop("expect", None)
            cases.append(doc)
    checks = [{"case": cases[i % len(cases)]} for i in range(n_check)] if cases else []
    return screens, checks


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("server not ready")


def run_backend(label: str, db: str, args: argparse.Namespace) -> None:
    """Serve ``db``, drive it, print the figures and the audit check."""
    from tradecheck.audit.log import count_records
    from tradecheck.audit.verify import verify_chain
    from tradecheck.store import open_store
    from tradecheck.store.store import Store

    print(f"\n== {label} ==", flush=True)
    secret, listed = _prepare(db, args.sample)
    screens, checks = _bodies(listed, args.requests, args.check_requests)
    port = _free_port()
    exe = Path(sys.executable).parent / "tradecheck"
    env = {**os.environ, "TRADECHECK_DATABASE_URL": db}
    proc = subprocess.Popen(
        [
            str(exe),
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        _wait(port, proc)
        warm = {
            "port": port,
            "secret": secret,
            "concurrency": 2,
            "max_seconds": 300,
            # (The first requests wait for the index to be built or loaded.)
            "timeout": 300,
            "runs": [
                {"path": "/api/v1/screen", "bodies": screens[:50]},
                {"path": "/api/v1/check", "bodies": checks[:10]},
            ],
        }
        plan = {
            "port": port,
            "secret": secret,
            "concurrency": args.concurrency,
            "max_seconds": args.max_seconds,
            "runs": [
                {"path": "/api/v1/screen", "bodies": screens},
                {"path": "/api/v1/check", "bodies": checks},
            ],
        }
        results = []
        for spec in (warm, plan):
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
                json.dump(spec, fh)
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--client", fh.name],
                    check=True,
                    capture_output=True,
                    text=True,
                )
            finally:
                os.unlink(fh.name)
            results.append(json.loads(out.stdout))
    finally:
        proc.terminate()
        proc.wait(30)
    Store.close_all()
    store = open_store(db)
    print(
        f"  {'endpoint':<16}{'requests':>9}{'ok':>7}{'req/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p99 ms':>9}"
    )
    for r in results[1]:
        print(
            f"  {r['path']:<16}{r['requests']:>9}{r['ok']:>7}{r['rps']:>9}{r['p50_ms']:>9}"
            f"{r['p95_ms']:>9}{r['p99_ms']:>9}"
        )
    ok = {"screen": 0, "check": 0}
    for name, batch in zip(("warm-up", "measured"), results, strict=True):
        for r in batch:
            ok[r["path"].rsplit("/", 1)[1]] += r["ok"]
            other = {k: v for k, v in r["statuses"].items() if str(k) != "200"}
            if other or r["errors"]:
                print(
                    f"  {name} {r['path']}: statuses {r['statuses']}, "
                    f"{r['errors']} given up by the client (the server may have completed them)"
                )
    audited = {a: count_records(store, a) for a in ok}
    rep = verify_chain(store)
    same = audited == ok
    print(
        f"  audit records {audited} vs successful requests {ok}: "
        f"{'equal' if same else 'DIFFERENT'}; chain {'intact' if rep.ok else 'BROKEN'} "
        f"({rep.checked} records)"
    )
    scr = results[1][0]
    print(
        f"  target >= 300 screens/s and p99 <= 50 ms: "
        f"{scr['rps']} screens/s, p99 {scr['p99_ms']} ms "
        f"-> {'met' if scr['rps'] >= 300 and scr['p99_ms'] <= 50 else 'not met'}"
    )
    Store.close_all()
    if not same or not rep.ok:
        raise SystemExit(1)


def main() -> None:
    """Parse arguments and run the chosen backends."""
    if len(sys.argv) == 3 and sys.argv[1] == "--client":
        client_main(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--pg-url", default=os.environ.get("TRADECHECK_TEST_POSTGRES_URL", DEFAULT_PG))
    ap.add_argument("--requests", type=int, default=3000, help="screen requests (bounded)")
    ap.add_argument("--check-requests", type=int, default=600, help="check requests (bounded)")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--max-seconds", type=float, default=60.0, help="time bound per endpoint")
    ap.add_argument("--sample", action="store_true", help="a five-entry list instead of the bundle")
    args = ap.parse_args()
    print(
        f"load: {args.requests} screens and {args.check_requests} checks, "
        f"{args.concurrency} connections, at most {args.max_seconds:.0f} s each; "
        f"{os.cpu_count()} cores"
    )
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="tradecheck-load-") as tmp:
            run_backend("SQLite", f"sqlite:///{tmp}/load.sqlite", args)
    if args.backend in ("postgres", "both"):
        db, drop = _fresh_pg(args.pg_url)
        try:
            run_backend("PostgreSQL", db, args)
        finally:
            from tradecheck.store.store import Store

            Store.close_all()
            drop()


if __name__ == "__main__":
    main()
