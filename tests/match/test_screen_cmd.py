"""The screen, compare and screen-batch commands, run through ``tradecheck.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradecheck.cli import main
from tradecheck.store import open_store

from .conftest import ENTITIES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("db") / "t.sqlite"
    store = open_store(f"sqlite:///{path}")
    store.write_snapshot("custom", ENTITIES, data_date="2026-01-01", file_hash="x", format="test")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_screen_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", "华为技术有限公司", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert data["query"]["name"] == "华为技术有限公司"
    assert data["matches"][0]["entity_id"] == "el-huawei"
    assert data["matches"][0]["explain"]["tokens"]


def test_screen_table_and_options(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "screen",
        "Vladimir Putin",
        "--country",
        "RU",
        "--type",
        "person",
        "--source",
        "SDN,UN",
        "--min-score",
        "0.5",
        "--limit",
        "3",
        "--db",
        db,
    )
    assert code == 0
    assert "PUTIN" in out and "SDN" in out and "0.5" in out


def test_screen_no_match_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", "Patricia Lucas Wheeler", "--db", db)
    assert code == 0 and "No match" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["screen", "   "], "empty name"),
        (["screen", "Huawei\x07"], "control character"),
        (["screen", "x" * 100_000], "characters long"),
        (["screen", "Huawei", "--country", "China"], "ISO 3166"),
        (["screen", "Huawei", "--min-score", "7"], "outside 0..1"),
    ],
)
def test_screen_bad_input_is_one_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *args, "--db", db)
    assert code != 0
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_screen_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "screen", "Huawei", "--db", str(tmp_path / "none.sqlite"))
    assert code != 0 and "tradecheck lists update" in err and "make demo" in err


def test_compare(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "Hua Wei Ji Shu", "Huawei Technologies", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["score"] >= 0.8 and data["explain"]["tokens"]
    code, out, _ = run(capsys, "compare", "Olaf Scholze", "Olaf Scholz")
    assert code == 0 and "scholze" in out


def test_list_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lf = tmp_path / "mine.csv"
    lf.write_text("id,name,country,type,aliases\nc1,Acme Widgets Ltd,GB,org,Acme\n", "utf-8")
    code, out, _ = run(capsys, "screen", "ACME WIDGETS LIMITED", "--list-file", str(lf), "--json")
    assert code == 0
    assert json.loads(out)["matches"][0]["source"] == "CUSTOM"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label\n1,x\n", "utf-8")
    code, _, err = run(capsys, "screen", "Acme", "--list-file", str(bad))
    assert code != 0 and "'name'" in err


def test_screen_batch(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text(
        "id,name,country\n1,Huawei Technologies,CN\n2,Nobody Special,\n3,中芯国际,CN\n", "utf-8"
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "screen-batch", str(inp), "--out", str(out), "--db", db)
    assert code == 0, err
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["1", "2", "3"]
    assert lines[0]["matches"][0]["entity_id"] == "el-huawei"
    assert lines[1]["matches"] == []
    assert lines[2]["matches"][0]["entity_id"] == "el-smic"


def test_screen_batch_on_a_terminal_shows_progress_and_uses_workers(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the rows are counted on a progress bar; ``--workers 2`` writes the
    same lines, in input order, as one worker."""
    import sys

    from rich.progress import Progress

    inp = tmp_path / "in.csv"
    inp.write_text(
        "id,name\n1,Huawei Technologies\n2,Nobody Special\n3,中芯国际\n4,Hikvision\n", "utf-8"
    )
    advanced: list[float] = []
    advance = Progress.advance

    def counted(self: Progress, task: object, step: float = 1) -> None:
        advanced.append(step)
        advance(self, task, step)  # type: ignore[arg-type]

    monkeypatch.setattr(Progress, "advance", counted)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        code, _, err = run(
            capsys, "screen-batch", str(inp), "--out", str(out), "--db", db, "--workers", workers
        )
        assert code == 0, err
        outs.append(out.read_text("utf-8"))
    assert sum(advanced) == 8  # (four rows, twice)
    assert outs[0] == outs[1]
    assert [json.loads(x)["id"] for x in outs[1].splitlines()] == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,label\n1,x\n", "no 'name' column"),
        (b"id,name\n1,Huawei\n2,Acme,extra\n", "row 3"),
        (b"id,name\n1,\xff\xfe\n", "not valid utf-8"),
        (b"id,name\n1,Huawei\n2,   \n", "row 3"),
        (b"", "empty"),
    ],
)
def test_screen_batch_bad_input(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes(content)
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "screen-batch", str(inp), "--out", str(out), "--db", db)
    assert code != 0
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_screen_shows_a_listing_in_two_datasets_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tradecheck.entity import Entity, EntityType

    def cmic(eid: str, name: str) -> Entity:
        return Entity(
            id=eid, source="CMIC", type=EntityType.ORGANIZATION, name=name, source_key="30947"
        )

    path = tmp_path / "t.sqlite"
    store = open_store(f"sqlite:///{path}")
    common = {"file_hash": "x", "format": "test"}
    store.write_snapshot(
        "us-csl", [cmic("a", "HUAWEI TECHNOLOGIES CO., LTD.")], data_date="2026-10-01", **common
    )
    store.write_snapshot(
        "us-ofac-cons",
        [cmic("b", "HUAWEI TECHNOLOGIES CO., LTD.")],
        data_date="2026-11-01",
        **common,
    )
    code, out, _ = run(capsys, "screen", "华为技术有限公司", "--json", "--db", str(path))
    assert code == 0
    matches = json.loads(out)["matches"]
    assert [m["entity_id"] for m in matches] == ["b"]
    assert matches[0]["dataset"] == "us-ofac-cons"
    assert [a["dataset"] for a in matches[0]["also_in"]] == ["us-csl"]
    code, out, _ = run(capsys, "screen", "华为技术有限公司", "--db", str(path))
    assert code == 0 and "also in" in out and "us-csl" in out and out.count("CMIC") == 1
