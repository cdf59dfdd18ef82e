"""``screen --address/--identifier`` and the batch ``address``/``identifier`` columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradecheck.cli import main
from tradecheck.entity import Address, Entity
from tradecheck.store import open_store

from .conftest import make


def _entity(eid: str, key: str, city: str, reg: str) -> Entity:
    e = make(eid, "Orion Trading LLC", source="SDN", ids=(("Registration", reg),))
    e.source_key = key
    e.addresses = [Address(city=city, country="RU")]
    return e


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("db") / "t.sqlite"
    store = open_store(f"sqlite:///{path}")
    ents = [
        _entity("o-1", "1", "Moscow 127238", "1027700132195"),
        _entity("o-2", "2", "Kazan", "77"),
    ]
    store.write_snapshot("custom", ents, data_date="2026-01-01", file_hash="x", format="test")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_screen_address_orders_and_explains(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", "Orion Trading", "--db", db, "--json")
    assert code == 0 and [m["entity_id"] for m in json.loads(out)["matches"]] == ["o-1", "o-2"]
    code, out, err = run(
        capsys, "screen", "Orion Trading", "--address", "Казань", "--db", db, "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["query"]["address"] == "Казань"
    assert [m["entity_id"] for m in doc["matches"]] == ["o-2", "o-1"]
    assert doc["matches"][0]["explain"]["evidence"][-1] == {
        "name": "address",
        "delta": 0.03,
        "reason": "address agrees: city Kazan",
    }


def test_screen_identifier_and_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", "Orion Trading", "--identifier", "77", "--db", db)
    assert code == 0 and "identifier" in out  # the table's "why" column
    code, out, _ = run(
        capsys, "screen", "Orion Trading", "--identifier", "77", "--db", db, "--json"
    )
    first = json.loads(out)["matches"][0]
    assert first["entity_id"] == "o-2"
    assert first["explain"]["evidence"][0]["reason"] == "identifier agrees: Registration 77"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--address", "x" * 501], "address is 501 characters long (limit 500)"),
        (["--identifier", "a\x01b"], "identifier: control character U+0001"),
    ],
)
def test_screen_bad_address_or_identifier_is_one_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "screen", "Orion Trading", *args, "--db", db)
    assert code != 0 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_screen_batch_reads_address_and_identifier_columns(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text(
        "id,name,address,identifier\n"
        '1,Orion Trading,"Kazan, Tatarstan",\n'
        "2,Orion Trading,,1027700132195\n"
        "3,Orion Trading,,\n",
        "utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "screen-batch", str(inp), "--out", str(out), "--db", db)
    assert code == 0, err
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [[m["entity_id"] for m in r["matches"]] for r in rows] == [
        ["o-2", "o-1"],
        ["o-1", "o-2"],
        ["o-1", "o-2"],
    ]
    assert rows[1]["matches"][0]["explain"]["evidence"][0]["reason"].startswith("identifier agrees")
    assert rows[2]["matches"][0]["explain"]["evidence"] == []


def test_screen_batch_bad_address_names_the_row(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text(f"id,name,address\n1,Orion,Kazan\n7,Orion,{'y' * 600}\n", "utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "screen-batch", str(inp), "--out", str(out), "--db", db)
    assert code != 0 and not out.exists()
    assert "row 3 (id 7): address is 600 characters long" in err
    assert len(err.strip().splitlines()) == 1
