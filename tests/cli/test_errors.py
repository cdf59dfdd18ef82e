"""Bad input at the command line: one line on stderr, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradecheck.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_dataset_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["lists", "update", "no-such-list"], capsys)
    assert code == 2
    assert err.startswith("error: unknown list source 'no-such-list'")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["lists", "update", "custom", "--from", str(tmp_path / "nope.csv")], capsys)
    assert code == 2
    assert "no such file" in err and len(err.strip().splitlines()) == 1


def test_diff_without_snapshots_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["lists", "diff", "un-sc"], capsys)
    assert code == 2
    assert "tradecheck lists update un-sc" in err


def test_status_on_empty_store(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["lists", "status", "--json"], capsys)
    assert code == 0
    assert '"dataset": "us-csl"' in out and '"snapshot": null' in out


def test_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        ["lists", "status", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x"], capsys
    )
    assert code == 4
    assert err.startswith("error: cannot migrate database") and "Traceback" not in err


def test_global_db_option_reaches_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "global.sqlite")
    assert main(["--db", db, "lists", "update", "cn-uel"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "lists", "status", "--json"]) == 0
    assert '"entry_count": 23' in capsys.readouterr().out
