"""What the U.S. person must do after the answer: filings, deadlines, records; and advisories.

Deadlines are computed from the rule data (30 calendar days after the completion
date, 850.404(c); 30 days after post-transaction knowledge, 850.403; records for
10 years from filing, 850.405(c)). Advisories carry what the answer rests on but
does not decide: the knowledge standard, the post-transaction notice, pending law.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tradecheck.invest.ruledata import OutboundRules
from tradecheck.outcome import Advisory
from tradecheck.rules.pack import Rule


def _item(rule: Rule, due: date | None = None, note: str = "") -> dict[str, Any]:
    data = rule.data
    text = " ".join(str(data["description"]).split())
    return {
        "rule": rule.id,
        "title": rule.title,
        "description": text + (f" {note}" if note else ""),
        "due": due.isoformat() if due else None,
        "period": (f"{data['days']} days" if "days" in data else f"{data['years']} years")
        if ("days" in data or "years" in data)
        else None,
        "citations": [c.ref for c in rule.citations],
    }


def deadline(rule: Rule, start: date) -> date:
    """``start`` plus the rule's period in calendar days."""
    return start + timedelta(days=int(rule.data["days"]))


def obligations_for(
    status: str,
    rules: OutboundRules,
    completion: date,
    *,
    cfe: bool,
    knowledge_date: date | None = None,
) -> tuple[list[dict[str, Any]], date | None]:
    """The obligations for an outcome and the filing deadline, if one applies.

    Args:
        status: prohibited | notifiable | post-knowledge | other statuses (none).
        rules: the outbound rules.
        completion: the completion date.
        cfe: the investor is a controlled foreign entity (its U.S. parent acts).
        knowledge_date: when actual knowledge was acquired after completion.
    """
    r = rules.rule
    out: list[dict[str, Any]] = []
    due: date | None = None
    if status == "prohibited":
        out.append(_item(r("oisp-obl-no-prohibited")))
        if cfe:
            out.append(_item(r("oisp-obl-cfe-prevent")))
    elif status == "notifiable":
        notify = r("oisp-obl-notify-cfe" if cfe else "oisp-obl-notify")
        due = deadline(notify, completion)
        out.append(_item(notify, due))
        update = r("oisp-obl-update")
        out.append(_item(update, deadline(update, completion)))
    elif status == "post-knowledge" and knowledge_date is not None:
        notify = r("oisp-obl-post-knowledge")
        due = deadline(notify, knowledge_date)
        out.append(_item(notify, due))
    if due is not None:
        out.append(_item(r("oisp-obl-records"), note="(from the date the notification is filed)"))
        out.append(_item(r("oisp-obl-inaccuracy")))
    return out, due


def standing_advisories(rules: OutboundRules, completion: date, status: str) -> list[Advisory]:
    """Advisories every outbound answer carries: knowledge, post-transaction notice, COINS."""
    know = rules.rule("oisp-knowledge")
    post = rules.rule("oisp-obl-post-knowledge")
    coins = rules.rule("oisp-coins-act")
    cd = coins.data
    out = [
        Advisory(
            "knowledge-standard",
            "Part 850 reaches what the U.S. person knew or had reason to know at the time of "
            "the transaction; Treasury judges that by the reasonable and diligent inquiry made "
            "(questions to the target, representations and warranties, non-public and public "
            "information, database checks, warning signs). Keep the diligence file.",
            know.id,
            know.citations,
        ),
        Advisory(
            "post-transaction-notice",
            "If the U.S. person later acquires actual knowledge of facts that would have made "
            "this a covered transaction (notifiable or prohibited), it must notify Treasury "
            "within 30 calendar days of acquiring that knowledge.",
            post.id,
            post.citations,
        ),
    ]
    if status == "prohibited":
        pen = rules.rule("oisp-penalties")
        pd = pen.data
        on = completion.isoformat()
        adjusted = [a for a in pd["civil_adjusted"] if a["from"] <= on <= a["to"]]
        civil = (
            f"${adjusted[0]['amount_usd']:,}"
            if adjusted
            else f"${pd['civil_base_usd']:,} as adjusted"
        )
        out.append(
            Advisory(
                "penalty",
                f"A violation carries a civil penalty of up to the greater of {civil} or "
                f"{pd['civil_multiple_of_transaction']} times the transaction value; wilful "
                f"violations up to ${pd['criminal_usd']:,} and {pd['prison_years']} years; "
                "Treasury may compel divestment (850.703).",
                pen.id,
                pen.citations,
            )
        )
    pre_coins = completion < date.fromisoformat(cd["excludes_completed_before"])
    out.append(
        Advisory(
            "pending-law",
            f"The COINS Act (enacted {cd['enacted']}) codifies and widens this program "
            f"(countries of concern {', '.join(cd['countries_of_concern'])}; adds "
            f"{' and '.join(cd['added_technologies'])}) once Treasury issues regulations, "
            f"due by {cd['regulations_due']}; until then Part 850 applies."
            + (
                " The Act excludes transactions completed before "
                f"{cd['excludes_completed_before']}, as this one was."
                if pre_coins
                else ""
            ),
            coins.id,
            coins.citations,
        )
    )
    return out
