"""Routes that answer a question, each recorded in the audit log.

Screen, classify a chip, check a case, check an investment.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from tradecheck.access.keys import ApiKey
from tradecheck.api.auth import require, store_of
from tradecheck.api.errors import ERROR_RESPONSES
from tradecheck.api.models import (
    CheckRequest,
    ClassifyChipRequest,
    InvestRequest,
    ScreenRequest,
    params_of,
)
from tradecheck.audit.actions import run_audited

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

ANALYST = Depends(require("analyst"))


def _answer(
    request: Request, response: Response, action: str, params: dict[str, Any], key: ApiKey
) -> dict[str, Any]:
    output, seq = run_audited(store_of(request), action, params, key.id)
    response.headers["X-Audit-Id"] = str(seq)
    return output


@router.post("/screen", tags=["screening"], summary="Screen one party (tradecheck screen)")
def screen(
    body: ScreenRequest, request: Request, response: Response, key: ApiKey = ANALYST
) -> dict[str, Any]:
    """Matches best first, with scores and explanations; the audit id is in ``X-Audit-Id``."""
    return _answer(request, response, "screen", params_of(body), key)


@router.post(
    "/classify/chip", tags=["classification"], summary="Classify a chip (tradecheck classify chip)"
)
def classify_chip(
    body: ClassifyChipRequest, request: Request, response: Response, key: ApiKey = ANALYST
) -> dict[str, Any]:
    """ECCN 3A090/4A090 classification under the rule version in force on ``as_of``."""
    return _answer(request, response, "classify-chip", params_of(body), key)


@router.post("/check", tags=["determinations"], summary="Check a case (tradecheck check)")
def check(
    body: CheckRequest, request: Request, response: Response, key: ApiKey = ANALYST
) -> dict[str, Any]:
    """The Determination of a shipment case: outcome, findings, advisories, versions."""
    return _answer(request, response, "check", params_of(body), key)


@router.post("/invest", tags=["determinations"], summary="Check an investment (tradecheck invest)")
def invest(
    body: InvestRequest, request: Request, response: Response, key: ApiKey = ANALYST
) -> dict[str, Any]:
    """The Determination of an outbound investment under 31 CFR Part 850."""
    return _answer(request, response, "invest", params_of(body), key)
