"""The China view of a case: which items and parties, exported from where, by whom.

China's item licences apply to exports *from China* (``origin: CN``, or an exporter
located in China). Some measures reach further: the bans on US and Japanese
military end users follow Chinese-origin dual-use items anywhere, and the
suspended Ann. 61/2025 rules reach foreign-made goods with Chinese rare-earth
content. Item parameters are checked here against the parameter definitions of
the packs, so that a typo is an input error rather than a silent "not met".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tradecheck.errors import InputError
from tradecheck.rules.cn.spec import ParamDef, param_catalogue

if TYPE_CHECKING:
    from tradecheck.engine import CaseContext

CN = "CN"
#: Roles whose party is the one sending the goods, not receiving them.
SENDER_ROLES = ("exporter", "forwarder")


@dataclass(slots=True)
class CnItem:
    """One case item as the China rules read it."""

    index: int
    label: str
    hs_code: str | None
    control_code: str | None
    item_type: str
    technology: str | None
    origin: str | None
    description: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CnParty:
    """One case party with the facts the end-user rules read."""

    index: int
    name: str
    role: str | None
    country: str | None
    end_user_type: str | None
    end_use: str | None
    military_flag: bool | None

    @property
    def is_sender(self) -> bool:
        """Whether the party sends rather than receives (exporter, forwarder)."""
        return self.role in SENDER_ROLES

    def military(
        self,
        types: list[str],
        terms: list[str],
        case_end_use: str | None,
        unknown: tuple[str, ...] = (),
    ) -> bool | None:
        """Whether this party is a military end user or use: true, false or unknown.

        ``types``, ``terms`` and ``unknown`` come from the rule's data: what counts as
        military, and which ``end_user_type`` values only say the type is not known.
        """
        if self.military_flag is True:
            return True
        kind = (self.end_user_type or "").strip().lower()
        if kind in unknown:
            kind = ""
        uses = [u.lower() for u in (self.end_use, case_end_use) if u]
        if kind in types:
            return True
        # An end-user type such as "defense agency" names a military end user too.
        if any(t.lower() in u for u in [*uses, kind] if u for t in terms):
            return True
        if self.military_flag is False or kind or uses:
            return False
        return None


@dataclass(slots=True)
class CnCase:
    """A case seen by the China evaluator."""

    ctx: CaseContext
    origin: str | None
    destination: str
    exporter_country: str | None
    items: list[CnItem]
    parties: list[CnParty]

    @property
    def from_china(self) -> bool:
        """Whether the goods leave China (the item licences apply)."""
        return self.origin == CN or (self.origin is None and self.exporter_country == CN)

    def cn_origin(self, item: CnItem) -> bool:
        """Whether the item is of Chinese origin (its own ``origin``, else shipped from China)."""
        return item.origin == CN if item.origin else self.from_china

    def applies(self) -> bool:
        """Whether China's regime has anything to say about this case."""
        if self.from_china or self.destination == CN or self.exporter_country == CN:
            return True
        return any(
            self.cn_origin(i)
            or bool(i.params.get("cn_rare_earth_content_pct"))
            or i.params.get("made_with_cn_rare_earth_technology") is True
            for i in self.items
        )


def _range(pdef: ParamDef) -> str:
    lo, hi = pdef.minimum, pdef.maximum
    if lo is not None and hi is not None:
        return f"a number from {lo:g} to {hi:g}"
    return f"a number of at least {lo:g}" if lo is not None else f"a number of at most {hi:g}"


def _check_param(pdef: ParamDef, value: Any, where: str) -> None:
    unit = f" ({pdef.unit})" if pdef.unit else ""
    if pdef.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        want = f"a number{unit}"
    elif pdef.type == "number-list":
        ok = isinstance(value, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        )
        want = f"a list of numbers{unit}"
    elif pdef.type == "boolean":
        ok, want = isinstance(value, bool), "true or false"
    elif pdef.type == "enum":
        ok, want = value in pdef.values, "one of " + ", ".join(map(str, pdef.values))
    else:
        ok, want = isinstance(value, str), "a string"
    if not ok:
        raise InputError(f"{where}: {value!r} is not valid; expected {want} — {pdef.description}")
    numbers = value if pdef.type == "number-list" else [value] if pdef.type == "number" else []
    for v in numbers:
        if (pdef.minimum is not None and v < pdef.minimum) or (
            pdef.maximum is not None and v > pdef.maximum
        ):
            raise InputError(
                f"{where}: {value!r} is out of range; expected {_range(pdef)}{unit} — "
                f"{pdef.description}"
            )


def _params(raw: object, index: int, catalogue: Mapping[str, ParamDef]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(f"$.items[{index}].parameters: must be an object")
    for name, value in raw.items():
        if name in catalogue and value is not None:
            _check_param(catalogue[name], value, f"$.items[{index}].parameters.{name}")
    return dict(raw)


def _item(raw: dict[str, Any], index: int, catalogue: Mapping[str, ParamDef]) -> CnItem:
    hs = raw.get("hs_code")
    desc = str(raw.get("description") or "")
    name = raw.get("id") or desc or hs or raw.get("control_code") or "item"
    return CnItem(
        index=index,
        label=f"items[{index}] ({name})",
        hs_code="".join(ch for ch in str(hs) if ch.isdigit()) or None if hs else None,
        control_code=raw.get("control_code"),
        item_type=str(raw.get("item_type") or "goods"),
        technology=raw.get("technology"),
        origin=raw.get("origin"),
        description=desc,
        params=_params(raw.get("parameters"), index, catalogue),
    )


def read_case(ctx: CaseContext) -> CnCase:
    """Build the China view of a validated case.

    Raises:
        InputError: when an item parameter has the wrong type or an unknown value.
    """
    catalogue = param_catalogue()
    parties = [
        CnParty(
            index=i,
            name=str(p["name"]),
            role=p.get("role"),
            country=p.get("country"),
            end_user_type=p.get("end_user_type"),
            end_use=p.get("end_use"),
            military_flag=p.get("military_end_user"),
        )
        for i, p in enumerate(ctx.parties)
    ]
    exporter = next((p.country for p in parties if p.role == "exporter" and p.country), None)
    return CnCase(
        ctx=ctx,
        origin=ctx.origin,
        destination=ctx.destination,
        exporter_country=exporter,
        items=[_item(it, i, catalogue) for i, it in enumerate(ctx.items)],
        parties=parties,
    )
