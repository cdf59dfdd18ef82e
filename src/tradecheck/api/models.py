"""Request bodies of the JSON API, validated with clear per-field messages."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid")


class ScreenRequest(BaseModel):
    """``tradecheck screen NAME``."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=1000, description="The party's name, any script.")
    country: str | None = Field(
        None, pattern="^[A-Za-z]{2}$", description="ISO 3166 alpha-2 code (evidence)."
    )
    type: Literal["person", "org"] | None = None
    address: str | None = Field(
        None,
        min_length=1,
        max_length=500,
        description="The party's address or city, any script (evidence that orders matches).",
    )
    identifier: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="A registration, passport or IMO number of the party (evidence).",
    )
    sources: list[str] | None = Field(
        None, max_length=30, description="List codes (EL, SDN, UN …); all when omitted."
    )
    min_score: float | None = Field(None, ge=0.0, le=1.0)
    limit: int = Field(10, ge=1, le=100)


class ClassifyChipRequest(BaseModel):
    """``tradecheck classify chip``: a catalogue model, figures, or both."""

    model_config = _STRICT

    model: str | None = Field(None, min_length=1, max_length=200)
    tpp: float | None = Field(None, ge=0)
    die_area_mm2: float | None = Field(None, gt=0)
    io_gbps: float | None = Field(None, ge=0)
    dram_bandwidth_gbps: float | None = Field(None, ge=0)
    datacenter: bool | None = None
    as_of: date | None = None


class CheckRequest(BaseModel):
    """``tradecheck check CASE.json``."""

    model_config = _STRICT

    case: dict[str, Any] = Field(description="A case (data/schemas/case.schema.json).")
    as_of: date | None = None


class InvestRequest(BaseModel):
    """``tradecheck invest DEAL.json``."""

    model_config = _STRICT

    deal: dict[str, Any] = Field(description="A deal (data/schemas/deal.schema.json).")
    as_of: date | None = None


class BatchRequest(BaseModel):
    """A batch given as JSON rows instead of a CSV upload."""

    model_config = _STRICT

    rows: list[dict[str, Any]] = Field(min_length=1, max_length=20_000)
    min_score: float | None = Field(None, ge=0.0, le=1.0)
    limit: int = Field(10, ge=1, le=100)
    sources: list[str] | None = Field(None, max_length=30)


class KeyRequest(BaseModel):
    """``tradecheck keys create``."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=200)
    role: Literal["viewer", "analyst", "admin"]


def params_of(model: BaseModel) -> dict[str, Any]:
    """The request as the audited action's input (dates as ISO text, nothing unset)."""
    return model.model_dump(mode="json", exclude_none=True)
