"""What the claims checker returns: a :class:`Claim` with its verdict, reason and evidence.

Kept apart from the finder and the checkers so that the CLI, the web layer and the evaluation
read one shape. ``to_dict`` gives plain JSON values (dates as ISO strings).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

CLAIM_TYPES = (
    "membership",
    "count",
    "vote",
    "alliance",
    "relations",
    "alignment",
    "quantity",
    "opinion",
)
SUPPORTED = "supported"
CONTRADICTED = "contradicted"
MIXED = "mixed"
NOT_CHECKABLE = "not checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, MIXED, NOT_CHECKABLE)


@dataclass
class Evidence:
    """One piece of evidence: a record row (with the dataset it comes from) or a coded event.

    ``kind`` is ``record`` (bloc memberships, chairs, alliance rows), ``vote`` (a roll call and the
    state's vote), ``event`` (a coded news event with its sentence and document) or ``measure``
    (a figure computed by nonaligned's measures from the UN votes).
    """

    kind: str
    source: str
    summary: str
    row: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "summary": self.summary,
            "row": {k: _plain(v) for k, v in self.row.items()},
        }


@dataclass
class Claim:
    """A checkable (or recognisably uncheckable) assertion found in a text.

    ``start``/``end`` are character offsets of the claim's sentence in the text checked;
    ``refers_to`` the date the claim is about (the article's date unless the sentence names
    another); ``reason`` one plain line saying why the verdict is what it is.
    """

    sentence: str
    start: int
    end: int
    type: str
    states: list[str]
    refers_to: date | None
    verdict: str = NOT_CHECKABLE
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    blocs: list[str] = field(default_factory=list)
    cue: str = ""
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "type": self.type,
            "states": list(self.states),
            "blocs": list(self.blocs),
            "refers_to": self.refers_to.isoformat() if self.refers_to else None,
            "verdict": self.verdict,
            "reason": self.reason,
            "cue": self.cue,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, NaN/NA as None, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10] if isinstance(value, date) else value.isoformat()
    if hasattr(value, "isoformat") and callable(value.isoformat):  # pandas Timestamp
        return str(value.isoformat())[:10]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return value
