"""``tradecheck demo``: the end-to-end example a newcomer runs first.

Loads the bundled lists into the store, screens parties, classifies chips, checks
shipments and investments from ``examples/``, and writes an HTML report. Each
step calls the same service functions as the individual commands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradecheck.cli._common import console
from tradecheck.errors import TradecheckError
from tradecheck.lists.bundle import load_default_bundle
from tradecheck.report import BarChart, Report, Section
from tradecheck.settings import set_override
from tradecheck.store import Store, open_store

#: Parties the demo screens: a Chinese legal name, spaced pinyin, a Cyrillic name,
#: abbreviated spellings and an innocent name.
DEMO_PARTIES: list[tuple[str, str | None]] = [
    ("华为技术有限公司", None),
    ("Hua Wei Ji Shu", "CN"),
    ("Semiconductor Manufacturing Intl Corp", "CN"),
    ("ОАО Сбербанк России", None),
    ("Hangzhou Hikvision Digital Tech", "CN"),
    ("Müller Maschinenbau GmbH", "DE"),
]

#: (model, as-of date) pairs: each chip on both sides of a rule change.
DEMO_CHIPS: list[tuple[str, str]] = [
    ("A100 SXM", "2022-10-06"),
    ("A100 SXM", "2022-10-07"),
    ("H800 SXM", "2023-11-16"),
    ("H800 SXM", "2023-11-17"),
    ("H20", "2025-01-01"),
    ("RTX 4090", "2024-01-01"),
]


def _examples_dir() -> Path:
    here = Path.cwd() / "examples"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "examples"


def _step_lists(store: Store, report: Report) -> None:
    console.rule("[bold]1. Lists[/bold]: load the bundled snapshot")
    with console.status("loading lists…") as st:
        reports = load_default_bundle(store, progress=lambda d: st.update(f"loading {d}…"))
    table = Table(title=f"List snapshots in {store.safe_url}")
    for col in ("dataset", "result", "data date", "entries", "aliases", "hash"):
        table.add_column(col)
    rows = []
    for r in reports:
        row = [
            r.dataset,
            "new" if r.changed else "unchanged",
            r.snapshot.data_date or "?",
            f"{r.snapshot.entry_count:,}",
            f"{r.snapshot.alias_count:,}",
            r.snapshot.content_hash[:12],
        ]
        table.add_row(*row)
        rows.append(row)
    console.print(table)
    by_list: Counter[str] = Counter()
    for r in reports:
        by_list.update(r.counts_by_source)
    report.sections.append(
        Section(
            "Lists loaded",
            "The bundled default snapshot, content-hashed and dated.",
            ["dataset", "result", "data date", "entries", "aliases", "content hash"],
            rows,
            [BarChart("Entries by list code", list(by_list), [float(v) for v in by_list.values()])],
        )
    )


def _step_screen(store: Store, report: Report) -> None:
    from tradecheck.screening import screen_party

    console.rule("[bold]2. Screening[/bold]: names in other scripts and spellings")
    table = Table()
    for col in ("query", "best match", "list", "score", "why"):
        table.add_column(col)
    rows = []
    for name, country in DEMO_PARTIES:
        result = screen_party(name, country=country, store=store, limit=1)
        if result.matches:
            m = result.matches[0]
            tokens = m.explain.get("tokens", [])
            why = ", ".join(str(t.get("candidate")) for t in tokens if t.get("similarity"))
            row = [name, m.name, m.source, f"{m.score:.2f}", why]
        else:
            row = [name, "no match above the threshold", "", "", ""]
        table.add_row(*row)
        rows.append(row)
    console.print(table)
    report.sections.append(
        Section(
            "Screening",
            "Best match per query (default threshold).",
            ["query", "best match", "list", "score", "matched tokens"],
            rows,
        )
    )


def _step_chips(report: Report) -> None:
    from tradecheck.classify.chip import classify_chip

    console.rule("[bold]3. Chips[/bold]: ECCN under the rule in force on each date")
    table = Table()
    for col in ("model", "as of", "TPP", "PD", "classification", "rule"):
        table.add_column(col)
    rows = []
    for model, when in DEMO_CHIPS:
        c = classify_chip(model, date.fromisoformat(when)).to_dict()
        pd = c.get("performance_density")
        row = [
            model,
            when,
            f"{c['tpp']:,.0f}" if c.get("tpp") is not None else "?",
            f"{pd:.2f}" if pd is not None else "-",
            str(c["classification"]),
            str(c["rule"] or "no 3A090 rule yet"),
        ]
        table.add_row(*row)
        rows.append(row)
    console.print(table)
    report.sections.append(
        Section(
            "Chip classification",
            "Each chip on both sides of a rule change.",
            ["model", "as of", "TPP", "performance density", "classification", "rule"],
            rows,
        )
    )


def _determination_rows(kind: str, files: list[Path]) -> list[list[str]]:
    from tradecheck.engine import evaluate_case, load_case
    from tradecheck.invest import evaluate_deal, load_deal

    rows = []
    for f in files:
        if kind == "case":
            det = evaluate_case(load_case(f), source=str(f))
        else:
            det = evaluate_deal(load_deal(f), None, source=str(f))
        d = det.to_dict()
        top = [x for x in d["findings"] if x["outcome"] == d["outcome"]]
        reason = top[0]["reason"] if top else ""
        rows.append(
            [
                f.stem,
                str(d.get("as_of") or ""),
                d["outcome"],
                str(len(d["findings"])),
                str(len(d["advisories"])),
                reason[:160],
            ]
        )
    return rows


def _step_determinations(report: Report) -> None:
    examples = _examples_dir()
    outcomes: Counter[str] = Counter()
    for kind, folder, title in (
        ("case", "cases", "4. Shipments"),
        ("deal", "deals", "5. Investments"),
    ):
        files = sorted((examples / folder).glob("*.json"))
        console.rule(f"[bold]{title}[/bold]: examples/{folder}/ ({len(files)} files)")
        rows = _determination_rows(kind, files)
        table = Table()
        for col in ("example", "as of", "outcome", "main reason"):
            table.add_column(col)
        for row in rows:
            reason = row[5] if len(row[5]) <= 90 else row[5][:89] + "…"
            table.add_row(row[0], row[1], row[2], reason)
            outcomes[row[2]] += 1
        console.print(table)
        report.sections.append(
            Section(
                title.split(". ", 1)[1],
                f"Every file in examples/{folder}/.",
                ["example", "as of", "outcome", "findings", "advisories", "main reason"],
                rows,
            )
        )
    order = ["prohibited", "license-required", "notifiable", "review", "allowed"]
    report.sections.append(
        Section(
            "Outcomes",
            "How many example cases and deals ended in each outcome.",
            charts=[
                BarChart("Outcomes of the examples", order, [float(outcomes[o]) for o in order])
            ],
        )
    )


def demo(
    db: Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write the HTML report.")] = Path(
        "out/demo-report.html"
    ),
) -> None:
    """Run the end-to-end example: lists, screening, chips, shipments, investments, report."""
    if db:
        set_override("database_url", db)
    store = open_store()
    report = Report("tradecheck demo")
    _step_lists(store, report)
    steps: list[Callable[[], None]] = [
        partial(_step_screen, store, report),
        partial(_step_chips, report),
        partial(_step_determinations, report),
    ]
    for step in steps:
        try:
            step()
        except TradecheckError as exc:
            raise TradecheckError(f"demo step failed: {exc.one_line()}") from exc
    path = report.write(out)
    console.rule()
    console.print(f"HTML report: [bold]{path}[/bold]")
    console.print("[dim]tradecheck gives decision support, not legal advice.[/dim]")


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the app."""
    app.command("demo")(demo)
