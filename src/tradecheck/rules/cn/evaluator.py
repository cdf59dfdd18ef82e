"""The China regime evaluator: items, overlays, extraterritorial rules, technology, parties.

Registered in :data:`tradecheck.engine.REGIMES`. It answers only when China's
regime applies to the case — goods leaving China, Chinese-origin items, foreign
goods with Chinese rare-earth content, or a Chinese counterparty — and leaves
every other case to the other regimes, so that one answer holds the findings of
every regime that applies.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import TYPE_CHECKING

from tradecheck.errors import InputError
from tradecheck.outcome import Advisory, Finding, Outcome
from tradecheck.rules.cn.case import CnCase, read_case
from tradecheck.rules.cn.item_findings import REGIME, frame_rule, item_findings
from tradecheck.rules.cn.items import ItemResult, classify_item
from tradecheck.rules.cn.overlays import destination_findings, extraterritorial_findings
from tradecheck.rules.cn.parties import party_findings
from tradecheck.rules.cn.spec import item_specs, param_catalogue

if TYPE_CHECKING:
    from tradecheck.engine import CaseContext


def _check_technologies(case: CnCase) -> None:
    known = {t for s in item_specs() for t in s.technologies}
    for item in case.items:
        if item.technology is not None and item.technology not in known:
            raise InputError(
                f"$.items[{item.index}].technology: {item.technology!r} is not "
                f"known; use one of {', '.join(sorted(known))}"
            )


def _unknown_params(case: CnCase) -> list[Advisory]:
    """An advisory per item parameter no China rule reads (most likely a misspelling).

    The answer stays safe — a test whose parameter is missing gives ``review`` — but
    the user must learn that the value they gave was not used.
    """
    known = param_catalogue()
    out = []
    for item in case.items:
        for name in sorted(set(item.params) - set(known)):
            near = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            out.append(
                Advisory(
                    "unknown-parameter",
                    f"$.items[{item.index}].parameters.{name} is not read by any China "
                    f"rule, so it was ignored{hint}",
                )
            )
    return out


def _catch_all(case: CnCase, on: date) -> list[Finding]:
    """The catch-all (ECL Art. 12; Regulations Art. 14): a stated WMD or terrorism end use.

    Knowledge of such an end use needs a licence for any item leaving China, listed or
    not; the end-use terms are rule data.
    """
    rule = frame_rule()
    if not case.from_china or not rule.in_force(on):
        return []
    terms = [str(t).lower() for t in rule.data.get("catch_all_end_use_terms") or []]
    uses = [(p.name, p.end_use) for p in case.parties if not p.is_sender and p.end_use]
    if case.ctx.end_use:
        uses.append(("the case", case.ctx.end_use))
    out = []
    for who, use in uses:
        hit = next((t for t in terms if t in use.lower()), None)
        if hit is None:
            continue
        out.append(
            Finding(
                REGIME,
                rule.id,
                Outcome.LICENSE_REQUIRED,
                f"End use stated by {who} ({use!r}) is one the catch-all reaches: every item "
                "of the shipment needs a MOFCOM licence, listed or not.",
                list(rule.citations),
                str(rule.data.get("catch_all_policy") or "") or None,
                subject=who,
                evidence={"end_use": use, "term": hit},
                confidence=rule.confidence,
            )
        )
    return out


def _case_dual_use(results: list[ItemResult]) -> bool | None:
    values = [r.dual_use for r in results]
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _parties(
    case: CnCase, results: list[ItemResult], on: date
) -> tuple[list[Finding], list[Advisory]]:
    try:
        return party_findings(case, _case_dual_use(results), on)
    except ImportError:
        # Without the screening engine the lists cannot be searched: say so, never pass.
        rule = frame_rule()
        return [
            Finding(
                "cn-parties",
                rule.id,
                Outcome.REVIEW,
                "China's party lists could not be screened (screening engine "
                "unavailable): screen the parties against CN-CTRL, CN-WATCH and CN-UEL.",
                list(rule.citations),
            )
        ], []


def evaluate(ctx: CaseContext, as_of: date) -> tuple[list[Finding], list[Advisory]]:
    """Evaluate a case under China's export controls as of ``as_of``.

    Returns:
        Findings (regimes ``cn-export`` and ``cn-parties``) and advisories; nothing
        when China's regime does not apply to the case.

    Raises:
        InputError: for an item parameter of the wrong type or an unknown value.
    """
    case = read_case(ctx)
    if not case.applies():
        return [], []
    _check_technologies(case)
    results = [classify_item(item, as_of) for item in case.items]
    findings: list[Finding] = []
    advisories: list[Advisory] = _unknown_params(case)
    for res in results:
        f, a = item_findings(res, case, as_of)
        findings += f
        advisories += a
    findings += _catch_all(case, as_of)
    for step in (destination_findings, extraterritorial_findings):
        f, a = step(case, results, as_of)
        findings += f
        advisories += a
    f, a = _parties(case, results, as_of)
    findings += f
    advisories += a
    if any(f.regime == "cn-export" for f in findings):
        rule = frame_rule()
        advisories.append(
            Advisory("coverage", str(rule.data["coverage"]), rule.id, list(rule.citations))
        )
    return findings, advisories
