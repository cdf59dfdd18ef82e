"""Loading snapshots: the bundle, files, URLs; failed updates keep the previous snapshot."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from tradecheck.cli import main
from tradecheck.errors import DataFileError, InputError
from tradecheck.lists.bundle import load_bundled, update_dataset
from tradecheck.lists.datasets import get_dataset
from tradecheck.store import open_store

USER_CSV = "id,name,country,type,aliases\n1,Acme Widgets Ltd,DE,org,Acme\n2,Jane Roe,GB,person,\n"


@pytest.fixture()
def dpl_file() -> Path:
    return get_dataset("us-bis-dpl").bundled_paths()[0]


def test_bundled_dataset_loads_and_reload_is_unchanged(store_url: str) -> None:
    store = open_store(store_url)
    first = load_bundled(store, "un-sc")
    assert first.changed and first.snapshot.entry_count == 1003
    assert first.snapshot.data_date == "2026-02-27"
    assert len(first.snapshot.file_hash) == 64
    again = load_bundled(store, "un-sc")
    assert not again.changed and again.snapshot.id == first.snapshot.id
    assert len(store.snapshots("un-sc")) == 1


def test_update_from_file_then_bad_file_keeps_previous(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    good = tmp_path / "mine.csv"
    good.write_text(USER_CSV, encoding="utf-8")
    report = update_dataset(store, "custom", str(good))
    assert report.changed and report.snapshot.entry_count == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(USER_CSV + "3,\n", encoding="utf-8")  # empty name on row 4
    with pytest.raises(DataFileError, match="row"):
        update_dataset(store, "custom", str(bad))
    assert store.current_snapshot("custom") == report.snapshot
    assert len(store.snapshots("custom")) == 1
    names = sorted(e.name for e in store.current_entities(["custom"]))
    assert names == ["Acme Widgets Ltd", "Jane Roe"]


def test_truncated_file_is_refused_naming_the_row(tmp_path: Path, dpl_file: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    load_bundled(store, "us-bis-dpl")
    before = store.current_snapshot("us-bis-dpl")
    data = dpl_file.read_bytes()
    cut = tmp_path / "dpl_cut.txt"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFileError) as info:
        update_dataset(store, "us-bis-dpl", str(cut))
    assert "dpl_cut.txt" in str(info.value)
    assert store.current_snapshot("us-bis-dpl") == before


def test_format_must_fit_dataset(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    f = tmp_path / "mine.csv"
    f.write_text(USER_CSV, encoding="utf-8")
    with pytest.raises(InputError, match="does not fit dataset un-sc"):
        update_dataset(store, "un-sc", str(f))


@pytest.fixture()
def http_dir(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))

    class Quiet(http.server.ThreadingHTTPServer):
        pass

    server = Quiet(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[assignment]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_update_from_url(http_dir: tuple[str, Path], tmp_path: Path, dpl_file: Path) -> None:
    base, root = http_dir
    shutil.copy(dpl_file, root / "dpl.txt")
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    report = update_dataset(store, "us-bis-dpl", f"{base}/dpl.txt")
    assert report.changed and report.snapshot.source_file == f"{base}/dpl.txt"
    assert report.counts_by_source == {"DPL": report.snapshot.entry_count}
    with pytest.raises(InputError, match="cannot fetch"):
        update_dataset(store, "us-bis-dpl", f"{base}/missing.txt")


def test_cli_update_status_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    v1 = tmp_path / "v1.csv"
    v1.write_text(USER_CSV, encoding="utf-8")
    v2 = tmp_path / "v2.csv"
    v2.write_text(
        "id,name,country,type,aliases\n1,Acme Widgets GmbH,DE,org,Acme\n3,New Party,FR,org,\n",
        encoding="utf-8",
    )
    assert main(["lists", "update", "custom", "--from", str(v1), "--db", db]) == 0
    assert main(["lists", "update", "custom", "--from", str(v2), "--db", db]) == 0
    capsys.readouterr()
    assert main(["lists", "diff", "custom", "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 0}
    assert out["added"][0]["name"] == "New Party"
    assert out["removed"][0]["name"] == "Jane Roe"
    assert out["changed"][0]["fields"]["name"] == {
        "old": "Acme Widgets Ltd",
        "new": "Acme Widgets GmbH",
    }
    assert main(["lists", "status", "--db", db, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    custom = next(d for d in status["datasets"] if d["dataset"] == "custom")
    assert custom["snapshot"]["entry_count"] == 2


def test_interrupted_write_keeps_previous_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A KeyboardInterrupt in the middle of the entity inserts rolls the snapshot back."""
    import tradecheck.store.store as store_module

    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    before = load_bundled(store, "un-sc").snapshot
    real_insert = store_module.insert
    calls = {"entities": 0}

    def flaky_insert(table: object) -> object:
        if getattr(table, "name", "") == "entities":
            calls["entities"] += 1
            raise KeyboardInterrupt
        return real_insert(table)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "insert", flaky_insert)
    f = tmp_path / "mine.csv"
    f.write_text(USER_CSV, encoding="utf-8")
    sample = Path(__file__).parent / "samples" / "un" / "un_sample_2026-02-27.xml"
    with pytest.raises(KeyboardInterrupt):
        update_dataset(store, "un-sc", str(sample))
    with pytest.raises(KeyboardInterrupt):
        update_dataset(store, "custom", str(f))
    monkeypatch.setattr(store_module, "insert", real_insert)
    assert calls["entities"] == 2
    assert store.current_snapshot("un-sc") == before
    assert store.current_snapshot("custom") is None
    assert [s.dataset for s in store.snapshots()] == ["un-sc"]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>&lol3;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def test_cli_xml_bomb_is_refused_and_store_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite")
    assert main(["lists", "update", "un-sc", "--db", db]) == 0
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB, encoding="utf-8")
    capsys.readouterr()
    code = main(["lists", "update", "un-sc", "--from", str(bomb), "--db", db])
    err = capsys.readouterr().err
    assert code == 2
    assert "bomb.xml" in err and len(err.strip().splitlines()) == 1
    store = open_store(f"sqlite:///{db}")
    assert [s.data_date for s in store.snapshots("un-sc")] == ["2026-02-27"]
