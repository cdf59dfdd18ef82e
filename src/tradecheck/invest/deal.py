"""The deal model: a validated outbound investment as the evaluator sees it.

A deal document (``data/schemas/deal.schema.json``) is checked in two phases: the
JSON Schema first (shape, enumerations, date formats), then the facts against each
other (references to unknown parties, ownership above 100 %, a completion date
before the acquisition date …). Every problem is an :class:`InputError` naming the
field, so the CLI can print one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from tradecheck.errors import InputError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schemas" / "deal.schema.json"
TARGET_ID = "target"
MEASURES = ("voting", "board", "equity")


@cache
def deal_schema() -> dict[str, Any]:
    """The deal JSON Schema shipped with the package."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@dataclass(frozen=True, slots=True)
class Holding:
    """One owner's holding in a party, per measure (percent, 0-100)."""

    owner: str
    voting: float
    board: float
    equity: float

    def get(self, measure: str) -> float:
        """The holding for ``voting``, ``board`` or ``equity``."""
        return float(getattr(self, measure))


@dataclass(slots=True)
class Party:
    """A person in the deal's ownership graph (the target or another party)."""

    id: str
    name: str
    kind: str
    raw: dict[str, Any]
    owners: list[Holding] = field(default_factory=list)

    def fact(self, key: str) -> Any:
        """A raw fact of the party (``None`` when the deal does not give it)."""
        return self.raw.get(key)


@dataclass(slots=True)
class Deal:
    """A validated deal."""

    raw: dict[str, Any]
    investor: dict[str, Any]
    transaction: dict[str, Any]
    target: Party
    parties: dict[str, Party]
    knowledge: dict[str, Any]
    source: str = "deal"

    @property
    def type(self) -> str:
        """The transaction type (``equity``, ``lp-interest`` …)."""
        return str(self.transaction["type"])

    def tx_date(self, key: str) -> date | None:
        """A date of the transaction block (already checked to parse)."""
        value = self.transaction.get(key)
        return date.fromisoformat(value) if isinstance(value, str) else None

    def lp_date(self, key: str) -> date | None:
        """A date of the ``transaction.lp`` block."""
        value = (self.transaction.get("lp") or {}).get(key)
        return date.fromisoformat(value) if isinstance(value, str) else None

    def knowledge_date(self) -> date | None:
        """When actual knowledge was acquired after completion, if given."""
        value = self.knowledge.get("actual_knowledge_date")
        return date.fromisoformat(value) if isinstance(value, str) else None

    def activities_tested(self) -> list[dict[str, Any]] | None:
        """The activities the tiers are tested on: the JV's for a joint venture."""
        if self.type == "joint-venture":
            acts = (self.transaction.get("joint_venture") or {}).get("activities")
        else:
            acts = self.target.fact("activities")
        return None if acts is None else list(acts)


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _schema_check(doc: object, source: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise InputError(f"{source}: a deal must be a JSON object")
    validator = jsonschema.Draft202012Validator(
        deal_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    err = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if err is None:
        return doc
    where = _path(err.absolute_path)
    if err.validator == "required":
        missing = [r for r in err.validator_value if r not in err.instance]
        name = ".".join(p for p in (where if err.absolute_path else "", missing[0]) if p)
        raise InputError(f"{source}: {name}: required field is missing")
    if err.validator == "format":
        raise InputError(f"{source}: {where}: {err.instance!r} is not a date; use YYYY-MM-DD")
    if err.validator == "enum":
        allowed = ", ".join(str(v) for v in err.validator_value)
        raise InputError(f"{source}: {where}: {err.instance!r} is not one of: {allowed}")
    if err.validator == "additionalProperties":
        raise InputError(f"{source}: {where}: {err.message}")
    raise InputError(f"{source}: {where}: {err.message}")


def _dates(doc: dict[str, Any], source: str) -> None:
    """Dates that pass the format check but are not calendar dates (2025-02-30)."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                sub = f"{where}.{k}" if where else k
                if k.endswith("date") or k in ("date", "signed_on"):
                    if isinstance(v, str):
                        try:
                            date.fromisoformat(v)
                        except ValueError:
                            raise InputError(
                                f"{source}: {sub}: {v!r} is not a date; use YYYY-MM-DD"
                            ) from None
                else:
                    walk(v, sub)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(doc, "")


def _holdings(raw: dict[str, Any], where: str, source: str) -> list[Holding]:
    out = []
    for i, o in enumerate(raw.get("owners") or []):
        base = o.get("pct")
        values = {m: o.get(f"{m}_pct", base) for m in MEASURES}
        if all(v is None for v in values.values()):
            raise InputError(
                f"{source}: {where}.owners[{i}]: give pct or voting_pct/board_pct/equity_pct"
            )
        out.append(Holding(o["party"], *(float(values[m] or 0.0) for m in MEASURES)))
    for m in MEASURES:
        total = sum(h.get(m) for h in out)
        if total > 100.0 + 1e-9:
            raise InputError(
                f"{source}: {where}.owners: {m} holdings add up to {total:g} %, more than 100 %"
            )
    return out


def _party(raw: dict[str, Any], default_id: str | None, where: str, source: str) -> Party:
    pid = raw.get("id", default_id)
    if not pid:
        raise InputError(f"{source}: {where}.id: required field is missing")
    return Party(
        id=str(pid),
        name=str(raw["name"]),
        kind=str(raw.get("kind", "entity")),
        raw=raw,
        owners=_holdings(raw, where, source),
    )


def _consistency(deal: Deal, source: str) -> None:
    ids = set(deal.parties)
    for party in deal.parties.values():
        where = "target" if party is deal.target else f"party {party.id!r}"
        for h in party.owners:
            if h.owner not in ids:
                raise InputError(f"{source}: {where}: owner {h.owner!r} is not a party id")
            if h.owner == party.id:
                raise InputError(f"{source}: {where}: a party cannot own itself")
        fin = party.fact("financials") or {}
        for f in fin.get("from") or []:
            if f["party"] not in ids:
                raise InputError(
                    f"{source}: {where}.financials.from: {f['party']!r} is not a party id"
                )
    completion = deal.tx_date("completion_date")
    acquired = deal.tx_date("acquisition_date")
    if deal.type == "conversion" and completion and acquired and completion < acquired:
        raise InputError(
            f"{source}: transaction.completion_date {completion} is before "
            f"transaction.acquisition_date {acquired}: a conversion cannot precede the "
            "acquisition of the instrument"
        )
    fund_date = deal.lp_date("fund_investment_date")
    if deal.type == "lp-interest" and completion and fund_date and completion != fund_date:
        raise InputError(
            f"{source}: transaction.completion_date {completion} differs from "
            f"transaction.lp.fund_investment_date {fund_date}: for an LP interest the "
            "completion date is the fund's investment date (31 CFR 850.204(b)); give one"
        )
    if deal.type == "lp-interest" and fund_date and acquired and fund_date < acquired:
        # 850.210(a)(6): the fund's investment that completes the LP's transaction is one
        # the fund makes once the LP holds its interest.
        raise InputError(
            f"{source}: transaction.lp.fund_investment_date {fund_date} is before "
            f"transaction.acquisition_date {acquired}: the fund investment that completes an "
            "LP interest (850.204(b)) follows the LP's acquisition of its interest"
        )
    pc = deal.transaction.get("prior_commitment") or {}
    committed = date.fromisoformat(pc["date"]) if isinstance(pc.get("date"), str) else None
    finished = completion or fund_date
    if committed and finished and committed > finished:
        raise InputError(
            f"{source}: transaction.prior_commitment.date {committed} is after the completion "
            f"date {finished}: a transaction cannot be made under a commitment entered into "
            "later (850.501(d))"
        )
    known = deal.knowledge_date()
    done = completion or fund_date
    if known and done and known < done:
        raise InputError(
            f"{source}: knowledge.actual_knowledge_date {known} is before the completion date "
            f"{done}: knowledge gained before completion is knowledge at the time of the "
            "transaction; set knowledge.at_transaction instead"
        )
    signed = deal.tx_date("signing_date")
    if signed and completion and completion < signed and deal.type != "lp-interest":
        raise InputError(
            f"{source}: transaction.completion_date {completion} is before "
            f"transaction.signing_date {signed}"
        )


def parse_deal(doc: object, *, source: str = "deal") -> Deal:
    """Validate a deal document and build the :class:`Deal`.

    Args:
        doc: the parsed JSON document.
        source: how error messages name the deal (usually its file name).

    Raises:
        InputError: naming the field, for a schema violation or contradictory facts.
    """
    raw = _schema_check(doc, source)
    _dates(raw, source)
    target = _party(raw["target"], TARGET_ID, "target", source)
    parties: dict[str, Party] = {target.id: target}
    for i, p in enumerate(raw.get("parties") or []):
        party = _party(p, None, f"parties[{i}]", source)
        if party.id in parties:
            raise InputError(f"{source}: parties[{i}].id: duplicate party id {party.id!r}")
        parties[party.id] = party
    deal = Deal(
        raw=raw,
        investor=dict(raw["investor"]),
        transaction=dict(raw["transaction"]),
        target=target,
        parties=parties,
        knowledge=dict(raw.get("knowledge") or {}),
        source=source,
    )
    _consistency(deal, source)
    return deal


def load_deal(path: Path) -> Deal:
    """Read, parse and validate a deal file.

    Raises:
        InputError: when the file is missing, not JSON or not a valid deal.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    return parse_deal(doc, source=str(path))
