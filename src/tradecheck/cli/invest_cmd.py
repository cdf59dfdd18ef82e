"""``tradecheck invest DEAL.json``: an outbound investment under 31 CFR Part 850.

A thin layer over :func:`tradecheck.invest.evaluate_deal`; bad input becomes one
line on stderr (through :class:`tradecheck.errors.InputError`) and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradecheck.cli._common import console, parse_date, print_json
from tradecheck.outcome import Determination

_COLOUR = {
    "prohibited": "red",
    "license-required": "red",
    "notifiable": "yellow",
    "review": "yellow",
    "allowed": "green",
}


def print_deal_determination(det: Determination) -> None:
    """The rich summary of an outbound determination (``invest`` without ``--json``)."""
    x = det.extra
    deal = x.get("deal", {})
    colour = _COLOUR[det.outcome.value]
    console.print(
        f"[bold]{deal.get('investor')}[/] → [bold]{deal.get('target')}[/] "
        f"({deal.get('type')}, completion {x.get('completion_date')}; {x.get('as_of_source')})"
    )
    console.print(
        f"Outcome: [bold {colour}]{det.outcome.value}[/]  (status: {x.get('status')})"
        + (f"  file by [bold]{x['filing_deadline']}[/]" if x.get("filing_deadline") else "")
    )
    table = Table(show_lines=True)
    for col in ("outcome", "rule", "reason", "citations"):
        table.add_column(col, overflow="fold")
    for f in det.findings:
        cites = "\n".join(c.ref for c in f.citations)
        extra = f"\n[dim]{f.policy}[/]" if f.policy else ""
        exc = f"\nexception: {', '.join(f.exceptions)}" if f.exceptions else ""
        table.add_row(f.outcome.value, f.rule, f.reason + extra + exc, cites)
    console.print(table)
    missing = x.get("analysis", {}).get("missing") or []
    for m in missing:
        console.print(f"[yellow]missing fact[/yellow]: {m}")
    for o in x.get("obligations", []):
        due = f" — due {o['due']}" if o.get("due") else ""
        console.print(f"[cyan]obligation[/cyan] {o['title']}{due} ({'; '.join(o['citations'])})")
    for a in det.advisories:
        console.print(f"[yellow]advisory[/yellow] ({a.kind}): {a.message}")
    console.print("[dim]Decision support, not legal advice.[/]")


def invest(
    deal_file: Annotated[
        Path, typer.Argument(help="Deal JSON (see data/schemas/deal.schema.json).")
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Completion date to apply (YYYY-MM-DD); overrides the deal's (31 CFR 850.204).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check an outbound investment: prohibited, notifiable (with deadline), allowed or review."""
    from tradecheck.invest import evaluate_deal, load_deal

    when = parse_date(as_of, option="--as-of")
    det = evaluate_deal(load_deal(deal_file), when, source=str(deal_file))
    if as_json:
        print_json(det.to_dict())
        return
    print_deal_determination(det)


def register(app: typer.Typer) -> None:
    """Add ``invest`` to ``app``."""
    app.command("invest")(invest)
