"""Excepted transactions (31 CFR 850.501) and the override for rights beyond minority protections.

An exception is a benefit the investor claims: when the deal does not give the
facts it rests on, the exception is *not established* (the transaction keeps its
tier) rather than assumed. Two open questions make the answer ``review``: an
(a)(1) exception whose every condition holds but whose rights are not stated or
include a right this tool cannot classify (850.501(a)(2) takes the exception away
for rights beyond standard minority shareholder protections), and an exception
whose conditions name a fact every deal of its kind has but this one leaves out
(an LP interest without its commitment or its contractual assurance): the answer
then names that fact instead of assuming the exception away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradecheck.invest.deal import Deal
from tradecheck.invest.ruledata import OutboundRules
from tradecheck.rules.pack import Rule


@dataclass(slots=True)
class ExceptionResult:
    """One exception's answer for the deal."""

    code: str
    rule: Rule
    applies: bool | None
    reason: str
    missing: list[str] = field(default_factory=list)
    overridden_by: list[str] = field(default_factory=list)


def _lp(deal: Deal) -> dict[str, Any]:
    return dict(deal.transaction.get("lp") or {})


def _conditions(
    code: str,
    data: dict[str, Any],
    deal: Deal,
    tier: str | None,
    on: date,
    buyout: Callable[[], bool | None],
) -> tuple[bool | None, str, list[str]]:
    """Whether the exception's own conditions hold (before the (a)(2) override)."""
    tx = deal.transaction
    if data.get("types") and deal.type not in data["types"]:
        return False, "", []
    if code == "EX-PUB":
        if tx.get("publicly_traded") is True:
            return True, "the security is publicly traded", []
        if tx.get("convertible_only_into_public") is True:
            return True, "convertible only into a publicly traded security (FAQ 2025-12-23)", []
        return False, "", []
    if code == "EX-RIC":
        ok = tx.get("registered_fund_security") is True
        return ok, "a registered investment company or BDC security" if ok else "", []
    if code == "EX-LP2M":
        commitment = _lp(deal).get("commitment_usd")
        if commitment is None:
            return False, "", ["transaction.lp.commitment_usd"]
        limit = float(data["max_commitment_usd_le"])
        ok = float(commitment) <= limit
        return ok, f"LP commitment ${float(commitment):,.0f} is not more than ${limit:,.0f}", []
    if code == "EX-LPCA":
        assurance = _lp(deal).get("contractual_assurance")
        if assurance in (None, "none"):
            return False, "", [] if assurance else ["transaction.lp.contractual_assurance"]
        if assurance == "prohibited-and-notifiable":
            return True, "binding assurance against prohibited and notifiable use", []
        if tier is None:
            return None, "the assurance covers one tier only", ["the covered-activity tier"]
        ok = assurance == tier
        return ok, f"binding assurance against {assurance} use" if ok else "", []
    if code == "EX-DERIV":
        confers = (tx.get("derivative") or {}).get("confers_equity_rights")
        if confers is None:
            return False, "", ["transaction.derivative.confers_equity_rights"]
        return confers is False, "the derivative confers no equity rights", []
    if code == "EX-BUYOUT":
        if (tx.get("buyout") or {}).get("all_coc_interests") is not True:
            return False, "", []
        after = buyout()
        if after is None:
            return (
                None,
                "whether the target is a covered foreign person afterwards",
                ["the target's status after the buyout"],
            )
        return (
            not after,
            "all country-of-concern interests are bought out and the target is not a "
            "covered foreign person afterwards",
            [],
        )
    if code == "EX-INTRA":
        intra = tx.get("intracompany") or {}
        ok = intra.get("with_cfe") is True and intra.get("supports") in (
            "non-covered-operations",
            "pre-2025-covered-activities",
        )
        return ok, f"intracompany, supporting {intra.get('supports')}" if ok else "", []
    if code == "EX-PRECOMMIT":
        pc = tx.get("prior_commitment") or {}
        when = pc.get("date")
        ok = (
            when is not None
            and date.fromisoformat(when) < date.fromisoformat(data["before"])
            and pc.get("binding") is True
            and pc.get("uncalled") is True
        )
        return ok, f"binding, uncalled capital commitment of {when}" if ok else "", []
    if code == "EX-SYNDLOAN":
        s = tx.get("syndicated_loan_default") or {}
        ok = s.get("can_act_alone") is False and s.get("syndication_agent") is False
        return ok, "voting interest taken on a syndicated loan default" if ok else "", []
    if code == "EX-EMPLOY":
        ok = tx.get("employment_compensation") is True and deal.investor.get(
            "us_person_basis"
        ) not in ("us-entity", "foreign-branch-of-us-entity")
        return ok, "equity received as employment compensation" if ok else "", []
    if code == "EX-COUNTRY":
        return False, "", []  # no designation under 850.501(g) is recorded
    return False, "", []


def _override(deal: Deal, data: dict[str, Any]) -> tuple[bool | None, list[str], list[str]]:
    """(defeated?, rights beyond, open rights) under 850.501(a)(2)."""
    rights = deal.transaction.get("rights")
    if rights is None:
        return None, [], ["transaction.rights"]
    beyond = [r for r in rights if r in data["beyond"]]
    unclear = [r for r in rights if r in data["uncertain"]]
    if beyond:
        return True, beyond, []
    if unclear:
        return None, [], [f"transaction.rights: {r}" for r in unclear]
    return False, [], []


def evaluate_exceptions(
    deal: Deal,
    rules: OutboundRules,
    on: date,
    tier: str | None,
    buyout: Callable[[], bool | None],
) -> list[ExceptionResult]:
    """Every exception whose own conditions hold or might hold, with the override applied.

    Args:
        deal: the deal.
        rules: the outbound rules.
        on: the completion date.
        tier: the covered-activity tier (None when undecided).
        buyout: computes whether the target is a covered foreign person after a buyout.
    """
    override = rules.data("oisp-ex-override")
    out: list[ExceptionResult] = []
    for rule in rules.of_kind("oisp-exception", on):
        data = rule.data
        ok, reason, missing = _conditions(data["code"], data, deal, tier, on, buyout)
        if ok is False and not missing:
            continue
        if ok is False:
            # A fact of the deal's own kind is missing (an LP's commitment or assurance):
            # the exception may hold, so the answer waits for the fact (review).
            ok, reason = None, f"{data['code']} may apply: facts needed"
        result = ExceptionResult(data["code"], rule, ok, reason, missing)
        if data["override"]:
            defeated, beyond, open_rights = _override(deal, override)
            if defeated:
                result.applies = False
                result.overridden_by = beyond
                result.reason = (
                    f"{reason}, but lost under 850.501(a)(2): rights beyond standard minority "
                    f"shareholder protections ({', '.join(beyond)})"
                )
            elif defeated is None:
                result.applies = None
                result.missing = [*missing, *open_rights]
                result.reason = (
                    f"{reason}; the rights obtained must be no more than standard minority "
                    "shareholder protections (850.501(a)(2))"
                )
        out.append(result)
    return out
