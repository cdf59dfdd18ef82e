"""Item classification against China's control lists: customs code triggers, parameters decide.

A reference customs code (参考海关商品编号) only *triggers* an item; its parameter
test decides. An item can also be triggered by its declared control code, by a
parameter that names it (the rare-earth element, a CAS number, a battery product)
or, for technology, by its technology id. Each trigger becomes a :class:`Hit`
carrying the rule's status on the date (in force, suspended, not yet in force)
and the three-valued result of its test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tradecheck.rules.cn.case import CnItem
from tradecheck.rules.cn.expr import Truth, evaluate
from tradecheck.rules.cn.spec import HsRef, ItemSpec, item_specs

#: Status of a rule on the date asked.
APPLIES, SUSPENDED, NOT_YET = "applies", "suspended", "not-yet"


@dataclass(slots=True)
class Hit:
    """One listed item an item may be, with how it was triggered and what its test says."""

    spec: ItemSpec
    via: str  # hs | hs-broader | control-code | parameter | technology
    status: str
    truth: Truth
    hs_ref: HsRef | None = None

    @property
    def controlled(self) -> bool:
        """In force, not suspended, test met, and the customs code specific enough."""
        return self.status == APPLIES and self.truth.value is True and self.via != "hs-broader"

    @property
    def possible(self) -> bool:
        """In force and not ruled out, but not established (a fact is missing)."""
        return self.status == APPLIES and not self.controlled and self.truth.value is not False


@dataclass(slots=True)
class ItemResult:
    """Every hit of one case item, and the items its description suggests."""

    item: CnItem
    hits: list[Hit] = field(default_factory=list)
    keyword_hits: list[ItemSpec] = field(default_factory=list)

    @property
    def controlled(self) -> list[Hit]:
        """Hits that make the item a controlled (dual-use) item on the date."""
        return [h for h in self.hits if h.controlled]

    @property
    def possible(self) -> list[Hit]:
        """Hits that may make it one, pending a fact."""
        return [h for h in self.hits if h.possible]

    @property
    def dual_use(self) -> bool | None:
        """True if controlled, None if possibly, False if not (on this date)."""
        if self.controlled:
            return True
        if self.possible or self.needs_code:
            return None
        return False

    @property
    def needs_code(self) -> bool:
        """Goods with no customs code and no other trigger: the code is needed to screen."""
        return self.item.item_type == "goods" and not self.item.hs_code and not self.hits

    def categories(self, *, possible: bool = False) -> set[str]:
        """The categories (gallium, graphite …) of the controlled (or possible) hits."""
        hits = self.controlled + (self.possible if possible else [])
        return {h.spec.category for h in hits if h.spec.category}


def _hs_trigger(code: str | None, spec: ItemSpec) -> tuple[str, HsRef] | None:
    if not code:
        return None
    for ref in spec.hs:
        if code.startswith(ref.code):
            return "hs", ref
    for ref in spec.hs:
        if ref.code.startswith(code):
            return "hs-broader", ref
    return None


def _code_trigger(declared: str | None, spec: ItemSpec) -> bool:
    if not declared or not spec.control_code:
        return False
    a, b = declared.strip().upper(), spec.control_code.upper()
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _status(spec: ItemSpec, on: date) -> str | None:
    rule = spec.rule
    if on < rule.effective_from:
        return NOT_YET
    if not rule.in_force(on):
        return None  # superseded: a later rule speaks
    return SUSPENDED if rule.suspension_on(on) is not None else APPLIES


def _via(item: CnItem, spec: ItemSpec) -> tuple[str, HsRef | None] | None:
    if spec.is_technology != (item.item_type == "technology"):
        return None
    if item.technology and item.technology in spec.technologies:
        return "technology", None
    hs = _hs_trigger(item.hs_code, spec)
    if hs is not None:
        return hs
    if _code_trigger(item.control_code, spec):
        return "control-code", None
    if spec.trigger is not None and evaluate(spec.trigger, item.params, item.hs_code).value:
        return "parameter", None
    return None


def _keyword_hit(keyword: str, text: str) -> bool:
    """A keyword in a description: whole words for Latin script, any substring for Han.

    Whole words keep "APT" from matching "laptops"; Chinese text has no word breaks.
    """
    k = keyword.lower()
    if k.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(k)}(?![a-z0-9])", text) is not None
    return k in text


def _keyword(item: CnItem, spec: ItemSpec) -> bool:
    text = item.description.lower()
    return bool(text) and any(_keyword_hit(k, text) for k in spec.keywords)


def classify_item(item: CnItem, on: date) -> ItemResult:
    """Every listed item ``item`` may be on ``on``, with its test result."""
    result = ItemResult(item)
    for spec in item_specs():
        via = _via(item, spec)
        if via is None:
            if spec.is_technology == (item.item_type == "technology") and _keyword(item, spec):
                result.keyword_hits.append(spec)
            continue
        status = _status(spec, on)
        if status is None:
            continue
        if spec.test is None:
            why = "a listed technology" if spec.is_technology else "every listed form is controlled"
            truth = Truth(True, [f"no parameter test: {why}"])
        else:
            truth = evaluate(spec.test, item.params, item.hs_code)
        result.hits.append(Hit(spec, via[0], status, truth, via[1]))
    return result
