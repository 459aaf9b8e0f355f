"""What the event coder reads and what it writes: :class:`DocInput` and :class:`Event`.

Both are described field by field in docs/events.md; the store and the Spark job build a
``DocInput`` from an ingested document and keep every ``Event`` as one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..actors import Mention


@dataclass(frozen=True)
class DocInput:
    """What the coder needs of a stored document (docs/events.md)."""

    doc_id: str
    text: str
    published: date | None
    sentences: list[tuple[int, int, str]]  # (start, end, text) offsets into text
    mentions: list[Mention]  # from nonaligned.text.actors


@dataclass(frozen=True)
class Event:
    """One coded event with its provenance (docs/events.md)."""

    event_id: str
    doc_id: str
    sent: int
    start: int
    end: int
    sentence: str
    actor: str | None
    actor_text: str | None
    recipient: str | None
    recipient_text: str | None
    event: str | None
    mode: str | None
    context: str | None
    cameo: str
    goldstein: float
    quad_class: int
    penta_class: int
    date: date | None
    date_precision: str | None
    date_text: str | None
    location: str | None
    status: str
    speaker: str | None
    confidence: float
    coder: str
