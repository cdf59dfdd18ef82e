"""``tradecheck rules`` (list, show, check, diff), ``classify chip`` and ``check CASE.json``.

Thin commands over :mod:`tradecheck.rules`, :func:`tradecheck.classify.chip.classify_chip`
and :func:`tradecheck.engine.evaluate_case`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tradecheck.classify.catalogue import catalogue_models, load_catalogue, spec_from_dict
from tradecheck.classify.chip import classify_chip
from tradecheck.cli._common import console, parse_date, print_json
from tradecheck.engine import evaluate_case, load_case
from tradecheck.errors import InputError
from tradecheck.outcome import Determination
from tradecheck.rules import diff_rules, find_rule, load_packs
from tradecheck.rules.model import Rule
from tradecheck.rules.pack import clear_cache
from tradecheck.rules.us.groups import check_group_references

rules_app = typer.Typer(
    help="Rule packs: list, show, validate, and what changed.", no_args_is_help=True
)
classify_app = typer.Typer(
    help="Classify items (chips under ECCN 3A090/4A090).", no_args_is_help=True
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Evaluate as of this date (YYYY-MM-DD).")
]
RegimeOption = Annotated[
    str | None, typer.Option("--regime", help="Only this regime (e.g. us-ear, cn-export).")
]


def _date(value: str | None, option: str) -> date:
    return parse_date(value, option=option) or date.today()


@rules_app.command("list")
def list_rules(
    regime: RegimeOption = None, as_of: AsOfOption = None, as_json: JsonOption = False
) -> None:
    """List every rule: id, pack, effective dates, confidence, and whether in force."""
    on = _date(as_of, "--as-of")
    rows = [(p, r) for p in load_packs(regime) for r in p.rules]
    if as_json:
        print_json(
            [{**r.to_dict(), "in_force": r.in_force(on), "applies": r.applies(on)} for _, r in rows]
        )
        return
    scope = f" (regime {regime})" if regime else ""
    lines = [f"Rules ({len(rows)}) as of {on}{scope}"]
    width = max((len(r.id) for _, r in rows), default=10)
    for _, r in rows:
        state = "applies" if r.applies(on) else "in force*" if r.in_force(on) else "-"
        window = f"{r.effective_from}..{r.effective_to or ''}"
        lines.append(f"{r.id:<{width}}  {window:<22}  {r.confidence:<10}  {state:<9}  {r.title}")
    # Plain lines: ids, dates and titles stay whole in a pipe or a narrow terminal.
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    console.print("* in force but not applied (suspended, not enforced or before compliance)")


def _state(rule: Rule, on: date) -> str:
    """``applies`` or why the rule is not applied on ``on``."""
    if rule.applies(on):
        return "applies"
    if not rule.in_force(on):
        return "not in force" + (" yet" if on < rule.effective_from else " (ended)")
    if rule.compliance_date is not None and on < rule.compliance_date:
        return f"in force, not applied before its compliance date {rule.compliance_date}"
    if rule.suspension_on(on) is not None:
        return "in force, suspended"
    return "in force, not enforced"


@rules_app.command("show")
def show(
    rule_id: Annotated[str, typer.Argument(help="Rule id (see `rules list`).")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one rule with its citations, dates, overlays, data and its state on a date."""
    rule = find_rule(rule_id)
    on = _date(as_of, "--as-of")
    d = {**rule.to_dict(), "state": {"as_of": on.isoformat(), "state": _state(rule, on)}}
    if as_json:
        print_json(d)
        return
    table = Table(title=rule.id, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in d.items():
        if value not in (None, [], {}):
            table.add_row(key, _text(value))
    console.print(table)
    for a in rule.advisories(on):
        console.print(f"advisory ({a.kind}): {a.message}", markup=False, highlight=False)


def _text(value: Any, depth: int = 0) -> str:
    """Readable text for a rule field: scalar lists on one line, mappings indented."""
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(str(v) for v in value)
        return "\n".join("- " + _text(v, depth + 1).replace("\n", "\n  ") for v in value)
    if isinstance(value, dict):
        return "\n".join(
            f"{k}: {_text(v, depth + 1)}"
            if not isinstance(v, dict | list) or _flat(v)
            else f"{k}:\n  " + _text(v, depth + 1).replace("\n", "\n  ")
            for k, v in value.items()
        )
    return str(value)


def _flat(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)


@rules_app.command("check")
def check_rules(as_json: JsonOption = False) -> None:
    """Validate every rule pack (errors name the file, rule and field) and the chip catalogue
    (errors name the file, row and field)."""
    clear_cache()
    packs = load_packs()
    # Cross-references the pack core cannot know: the US packs' country-group names.
    check_group_references([r for p in load_packs("us-ear") for r in p.rules])
    load_catalogue.cache_clear()
    chips = catalogue_models()
    summary = [{**p.version_info(), "regime": p.regime, "rules": len(p.rules)} for p in packs]
    if as_json:
        print_json({"ok": True, "packs": summary, "chips": len(chips)})
        return
    n = sum(len(p.rules) for p in packs)
    console.print(f"OK: {len(packs)} packs, {n} rules valid; {len(chips)} catalogue chips valid.")


@rules_app.command("diff")
def diff(
    from_: Annotated[str, typer.Option("--from", help="Start date (exclusive).")],
    to: Annotated[str, typer.Option("--to", help="End date (inclusive).")],
    regime: RegimeOption = None,
    as_json: JsonOption = False,
) -> None:
    """What changed between two dates: in force, ended, suspended, revived, not enforced."""
    changes = diff_rules(_date(from_, "--from"), _date(to, "--to"), regime)
    if as_json:
        print_json([c.to_dict() for c in changes])
        return
    scope = f" (regime {regime})" if regime else ""
    lines = [f"Rule changes after {from_} up to {to}{scope}: {len(changes)}"]
    day = None
    for c in changes:
        if c.on != day:
            day = c.on
            lines.append(f"\n{day}")
        # One change per entry: what happened, the rule and its title, then its citations,
        # so every change can be checked against its source.
        lines.append(f"  {c.change:<12} {c.rule}: {c.title}")
        if c.note:
            lines.append(f"  {'':<12} {c.note}")
        lines.append(f"  {'':<12} cites: {'; '.join(x.ref for x in c.citations)}")
    # Plain lines, not a table: citations stay whole and readable in a pipe or a log.
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def _figure(value: str | None, option: str) -> float | None:
    """A number given on the command line; one clear error line otherwise."""
    if value is None:
        return None
    try:
        return float(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise InputError(f"{option} {value!r} is not a number") from None


@classify_app.command("chip")
def chip(
    model: Annotated[str | None, typer.Option("--model", help="Catalogue model name.")] = None,
    tpp: Annotated[str | None, typer.Option("--tpp", help="Total processing performance.")] = None,
    die_area: Annotated[
        str | None, typer.Option("--die-area", help="Applicable die area, mm².")
    ] = None,
    io_gbps: Annotated[
        str | None, typer.Option("--io-gbps", help="Bidirectional I/O, GB/s.")
    ] = None,
    datacenter: Annotated[
        bool | None,
        typer.Option("--datacenter/--not-datacenter", help="Designed or marketed for datacenters."),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Classify a chip (3A090.a/.b/.c, 4A090, not-3A090 or undetermined with what is missing)."""
    if model is None and tpp is None:
        raise InputError("give --model NAME or --tpp X (with --die-area MM2)")
    spec = {
        "model": model,
        "tpp": _figure(tpp, "--tpp"),
        "die_area_mm2": _figure(die_area, "--die-area"),
        "io_gbps": _figure(io_gbps, "--io-gbps"),
        "datacenter": datacenter,
    }
    result = classify_chip(spec_from_dict(spec, where="chip"), _date(as_of, "--as-of"))
    if as_json:
        print_json(result.to_dict())
        return
    table = Table(title=f"{result.model or 'chip'} as of {result.as_of}", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    d = result.to_dict()
    for key in (
        "classification",
        "missing",
        "paragraphs",
        "tpp",
        "performance_density",
        "datacenter",
        "io_gbps",
        "rule",
        "effective",
        "citations",
        "reasons",
        "confidence",
    ):
        if d[key] not in (None, [], {}):
            table.add_row(key, _text(d[key]))
    console.print(table)
    for a in result.advisories:
        console.print(f"[yellow]advisory[/yellow] ({a.kind}): {a.message}")


_COLOUR = {
    "prohibited": "red",
    "license-required": "red",
    "notifiable": "yellow",
    "review": "yellow",
    "allowed": "green",
}


def print_determination(det: Determination) -> None:
    """The text view of a Determination (``check`` without ``--json``): one block per
    finding with its policy, exceptions, reason and citations, then the advisories."""
    out = det.outcome.value
    console.print(f"Outcome as of {det.as_of}: [bold {_COLOUR[out]}]{out}[/]")
    for f in det.findings:
        console.print()
        head = "  ".join(x for x in (f.outcome.value, f.regime, f.subject, f"[{f.rule}]") if x)
        console.print(
            head, style=_COLOUR[f.outcome.value], markup=False, highlight=False, soft_wrap=True
        )
        lines = []
        if f.policy:
            lines.append(f"  policy: {f.policy}")
        for e in f.exceptions:
            lines.append(f"  exception: {e}")
        lines.append(f"  reason: {f.reason}")
        if f.citations:
            lines.append(f"  cites: {'; '.join(c.ref for c in f.citations)}")
        if f.confidence and f.confidence != "verified":
            lines.append(f"  confidence: {f.confidence}")
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if det.advisories:
        console.print("\nAdvisories:")
        text = "\n".join(
            f"  - ({a.kind}{', ' + a.rule if a.rule else ''}) {a.message}" for a in det.advisories
        )
        console.print(text, markup=False, highlight=False, soft_wrap=True)


def check(
    case_file: Annotated[
        Path, typer.Argument(help="Case JSON (see data/schemas/case.schema.json).")
    ],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a case: the most restrictive outcome, findings with citations, advisories."""
    when = parse_date(as_of, option="--as-of")
    det = evaluate_case(load_case(case_file), when, source=str(case_file))
    if as_json:
        print_json(det.to_dict())
        return
    print_determination(det)


def register(app: typer.Typer) -> None:
    """Add ``rules``, ``classify`` and ``check`` to ``app``."""
    app.add_typer(rules_app, name="rules")
    app.add_typer(classify_app, name="classify")
    app.command("check")(check)
