"""``tradecheck screen``, ``compare`` and ``screen-batch``: thin edges over screening."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tradecheck.cli._common import console, err_console, print_json
from tradecheck.errors import InputError
from tradecheck.match.index import Index
from tradecheck.screening import (
    compare_names,
    index_for_store,
    index_from_list_file,
    read_screen_rows,
    screen_batch,
    screen_party,
)
from tradecheck.settings import SETTINGS
from tradecheck.store import open_store

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (env TRADECHECK_DATABASE_URL)."),
]
ListFileOption = Annotated[
    Path | None,
    typer.Option(
        "--list-file",
        help="Screen against your own list (CSV id,name[,country,type,aliases]) "
        "instead of the loaded lists.",
    ),
]
MinScoreOption = Annotated[
    float | None,
    typer.Option(
        "--min-score", help="Report matches at or above this score 0..1 (default: calibrated)."
    ),
]


def _min_score(value: float | None) -> float | None:
    if value is not None:
        return value
    env = SETTINGS["min_score"].get()
    if env is None:
        return None
    try:
        return float(env)
    except ValueError:
        raise InputError(f"{SETTINGS['min_score'].env}={env!r} is not a number") from None


def _index(list_file: Path | None, db: str | None) -> Index:
    if list_file is not None:
        return index_from_list_file(list_file)
    return index_for_store(open_store(db))


def _evidence_text(explain: dict[str, Any]) -> str:
    toks = ", ".join(
        f"{t['query']}~{t['candidate']}" if t["query"] != t["candidate"] else t["query"]
        for t in explain.get("tokens", [])
    )
    ev = "; ".join(e["reason"] for e in explain.get("evidence", []))
    via = " via curated Chinese name" if explain.get("via") else ""
    return toks + via + (f" ({ev})" if ev else "")


def screen(
    name: Annotated[str, typer.Argument(help="The party's name, in any script.")],
    country: Annotated[
        str | None, typer.Option("--country", help="ISO-2 country code of the party (evidence).")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="person or org.")] = None,
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="The party's address or city, any script (evidence that orders matches).",
        ),
    ] = None,
    identifier: Annotated[
        str | None,
        typer.Option(
            "--identifier", help="A registration, passport or IMO number of the party (evidence)."
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only these lists, e.g. EL,SDN,UN,CN-UEL.")
    ] = None,
    min_score: MinScoreOption = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many matches.")] = 10,
    list_file: ListFileOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Screen one party against the restricted-party lists."""
    sources = [s for s in source.split(",") if s.strip()] if source else None
    result = screen_party(
        name,
        country=country,
        type=type_,
        sources=sources,
        min_score=_min_score(min_score),
        limit=limit,
        index=_index(list_file, db),
        address=address,
        identifier=identifier,
    )
    if as_json:
        print_json(result.to_dict())
        return
    q = result.query
    if q["min_score"] is not None:
        at = f"score ≥ {q['min_score']:.2f}"
    else:
        th = q["thresholds"]
        at = f"score ≥ {th['person']:.2f} for persons, {th['organization']:.2f} otherwise"
    if not result.matches:
        console.print(
            f"No match for [bold]{q['name']}[/bold] at {at} "
            f"({', '.join(q.get('normalized', [])) or 'nothing to match'})."
        )
        return
    table = Table(title=f"Screening {q['name']!r} ({at})")
    for col in ("score", "list", "listed name", "matched name", "countries", "why"):
        table.add_column(col, overflow="fold")
    for m in result.matches:
        table.add_row(
            f"{m.score:.3f}",
            m.source,
            m.name + _also_in_text(m.also_in),
            m.matched_name,
            ",".join(m.countries),
            _evidence_text(m.explain),
        )
    console.print(table)


def _also_in_text(also_in: list[dict[str, Any]]) -> str:
    """The other datasets that publish the same listing ("also in us-csl")."""
    names = sorted({str(a.get("dataset") or a.get("entity_id")) for a in also_in})
    return f" (also in {', '.join(names)})" if names else ""


def compare(
    name_a: Annotated[str, typer.Argument(help="The name to check (as a screening query).")],
    name_b: Annotated[
        str,
        typer.Argument(
            help="The listed name (also scored without its bracketed qualifier, as screen does)."
        ),
    ],
    type_: Annotated[str | None, typer.Option("--type", help="person or org.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score one pair of names and say why."""
    out = compare_names(name_a, name_b, type=type_)
    if as_json:
        print_json(out)
        return
    verdict = "match" if out["match"] else "no match"
    console.print(
        f"[bold]{out['score']:.3f}[/bold] ({verdict} at {out['threshold']:.2f}) "
        f"— {out['algorithm']}"
    )
    ex = out["explain"]
    table = Table()
    for col in ("A", "B", "how", "similarity", "weight"):
        table.add_column(col)
    for t in ex.get("tokens", []):
        table.add_row(
            t["query"], t["candidate"], t["how"], f"{t['similarity']:.2f}", f"{t['weight']:.2f}"
        )
    for t in ex.get("unmatched_query", []):
        table.add_row(t["token"], "", "unmatched", "", f"{t['weight']:.2f}")
    for t in ex.get("unmatched_candidate", []):
        table.add_row("", t["token"], "unmatched", "", f"{t['weight']:.2f}")
    console.print(table)
    for f in ex.get("features", []):
        console.print(f"  {f['name']}: {f['value']} — {f['reason']}")
    if ex.get("via"):
        console.print(f"  via: {ex['via']}")


def screen_batch_cmd(
    input_csv: Annotated[
        Path,
        typer.Argument(help="CSV with a header id,name[,country,type,address,identifier]."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Write JSON lines here.")],
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (default: all cores).")
    ] = None,
    min_score: MinScoreOption = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many matches a row.")] = 10,
    list_file: ListFileOption = None,
    db: DbOption = None,
) -> None:
    """Screen every row of a CSV; write one JSON object per row, in input order."""
    if workers is not None and workers < 1:
        raise InputError(f"--workers {workers} must be at least 1")
    rows = read_screen_rows(input_csv)
    index = _index(list_file, db)
    tmp = out.with_name(out.name + ".partial")
    n_match = 0
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            results = screen_batch(
                rows, workers, index=index, min_score=_min_score(min_score), limit=limit
            )
            if sys.stderr.isatty():
                from rich.progress import Progress

                with Progress(console=err_console, transient=True) as progress:
                    task = progress.add_task("screening", total=len(rows))
                    for res in results:
                        fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                        n_match += bool(res["matches"])
                        progress.advance(task)
            else:
                for res in results:
                    fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                    n_match += bool(res["matches"])
        tmp.replace(out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    err_console.print(f"{len(rows)} rows screened, {n_match} with matches → {out}")


def register(app: typer.Typer) -> None:
    """Add ``screen``, ``compare`` and ``screen-batch`` to ``app``."""
    app.command("screen")(screen)
    app.command("compare")(compare)
    app.command("screen-batch")(screen_batch_cmd)
