"""A real uvicorn server (``tradecheck serve``) on a free loopback port, and headless Chromium.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright (never a
downloaded browser). Without it the browser tests skip with the reason shown,
unless ``TRADECHECK_REQUIRE_BROWSER=1``, when they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.audit.sample import load_sample
from tradecheck.access.keys import create_key

CHROMIUM = os.environ.get("TRADECHECK_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("TRADECHECK_REQUIRE_BROWSER") == "1"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Wait until ``url`` answers 200 (or the server process dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server not ready at {url}")


def start_server(db: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``tradecheck serve`` in a child process."""
    exe = Path(sys.executable).parent / "tradecheck"
    cmd = [str(exe), "serve", "--db", db, "--port", str(port), "--log-level", "warning"]
    env = {**os.environ, "TRADECHECK_DATABASE_URL": db}
    with open(log, "wb") as fh:  # the child keeps its own copy of the handle
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env)
    wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
    return proc


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the child and reap it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@dataclass
class Live:
    """A running server: its base URL, database URL and an analyst key."""

    base: str
    db: str
    secret: str


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A server over a small loaded SQLite store."""
    tmp = tmp_path_factory.mktemp("live")
    db = f"sqlite:///{tmp / 'web.sqlite'}"
    store = load_sample(db)
    _, secret = create_key(store, "analyst", "browser test")
    port = free_port()
    proc = start_server(db, port, tmp / "server.log")
    try:
        yield Live(f"http://127.0.0.1:{port}", db, secret)
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh headless Chromium profile."""
    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if exe is None:
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if REQUIRE:
            pytest.fail("TRADECHECK_REQUIRE_BROWSER=1 but " + reason)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRE:
            pytest.fail("TRADECHECK_REQUIRE_BROWSER=1 but playwright is not installed")
        pytest.skip("browser tests need the playwright package (pip install playwright)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=exe,
            headless=True,
            args=FLAGS,
            accept_downloads=True,
        )
        ctx.set_default_timeout(20_000)
        try:
            yield ctx
        finally:
            ctx.close()


@pytest.fixture
def page(browser_context: Any, live: Live) -> Iterator[Any]:
    """A page signed in with the analyst key."""
    pg = browser_context.new_page()
    pg.goto(live.base + "/screen")
    if "/login" in pg.url:
        pg.fill("#key", live.secret)
        pg.click("#signin")
        pg.wait_for_url(live.base + "/screen")
    yield pg
    pg.close()
