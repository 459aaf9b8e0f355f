"""The JSON API's response models (they describe ``/openapi.json``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


# -- response models -----------------------------------------------------------------------------
class ErrorOut(BaseModel):
    """Every error: a message naming the parameter or value and what is wrong."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A request the measures cannot answer"},
    404: {"model": ErrorOut, "description": "Unknown country, year without votes, or document"},
    422: {"model": ErrorOut, "description": "A malformed or out-of-range parameter"},
    503: {
        "model": ErrorOut,
        "description": "Busy (too many computations queued, or none finished in time; see the "
        "Retry-After header) or the store is unavailable",
    },
}


class CountryOut(BaseModel):
    iso3: str
    iso2: str | None
    isonum: int | None
    name: str
    cow: int
    cow_abb: str | None
    start: date | None = Field(description="Entry into the state system (COW or GW)")
    end: date | None = Field(description="Exit from the state system; null while it exists")
    kind: str


class StateRef(BaseModel):
    name: str
    iso3: str
    cow: int


class ProfileOut(BaseModel):
    """The profile as ``nonaligned profile --format json`` prints it (tables as lists of rows)."""

    model_config = ConfigDict(extra="allow")
    state: dict[str, Any]
    on: str
    lean: list[dict[str, Any]] = []
    balance: dict[str, Any] = {}
    event_lean: list[dict[str, Any]] = []
    event_balance: dict[str, Any] = {}


class SimilarityRow(BaseModel):
    iso3: str
    id: str | None = Field(description="ISO 3166 numeric code, zero-padded (the map's join key)")
    name: str
    cow: int
    n: int = Field(description="Roll calls both states voted yes/abstain/no on")
    agree: float | None
    s: float | None = Field(description="Signorino-Ritter S, -1..1")
    kappa: float | None


class SimilarityOut(BaseModel):
    state: StateRef
    year: int
    rollcalls: int
    rows: list[SimilarityRow]


class LeanRow(BaseModel):
    pole: str
    label: str | None = None
    n: int | None = None
    agree: float | None = None
    s: float | None = None
    s_lo: float | None = None
    s_hi: float | None = None


class CompareRow(BaseModel):
    state: StateRef
    balance: float | None
    balance_lo: float | None
    balance_hi: float | None
    lean: list[LeanRow]


class CompareOut(BaseModel):
    since: date | None
    until: date | None
    balance_poles: list[str]
    rows: list[CompareRow]


class EventOut(BaseModel):
    event_id: str
    doc_id: str
    date: date | None
    actor: str | None
    actor_text: str | None
    recipient: str | None
    recipient_text: str | None
    event: str | None
    mode: str | None
    cameo: str
    quad_class: int | None
    goldstein: float | None
    status: str
    confidence: float | None
    sentence: str
    trigger: list[int] | None = Field(
        description="[start, end) of the trigger inside `sentence`, or null if it cannot be placed"
    )
    start: int = Field(description="Trigger start, a character offset in the document text")
    end: int
    title: str | None
    url: str | None
    mutual: bool = Field(
        default=False,
        description="One reciprocal action coded once per direction (actor and recipient "
        "swapped, same sentence and trigger), listed once as actor ↔ recipient with actor < "
        "recipient; the store and the dyadic aggregates keep both directions",
    )


class EventsOut(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventOut]


class DocumentOut(BaseModel):
    doc_id: str
    url: str | None
    site: str | None
    title: str | None
    published: str | None
    original_author: str | None
    reposter: str | None
    language: str | None
    text: str
    events: list[EventOut]


class DatasetOut(BaseModel):
    name: str
    title: str | None
    version: str | None
    rows: int | None
    licence: str | None
    origin: str | None


class VersionsOut(BaseModel):
    nonaligned: str
    schema_version: int
    records_fingerprint: str | None
    records_loaded_at: str | None
    coders: dict[str, int]
    datasets: list[DatasetOut]
