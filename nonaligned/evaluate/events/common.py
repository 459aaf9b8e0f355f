"""Constants, column lists and the record types shared by the readers, the scoring and the driver."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

# PLOVER 0.5b1 name -> current PLOVER name, for the four that changed.
PLOVER_MAPPING: dict[str, str] = {
    # 0.5b1 DEMAND was renamed REQUEST: same definition (demand, ask, appeal), new name.
    "DEMAND": "REQUEST",
    # 0.5b1 DISAPPROVE (criticise, condemn, denounce) is the core of current ACCUSE.
    "DISAPPROVE": "ACCUSE",
    # PLOVER folds investigate into ACCUSE (mode "investigate"): an inquiry into another's conduct
    # is treated as an accusation; there is no INVESTIGATE category any more.
    "INVESTIGATE": "ACCUSE",
    # 0.5b1 FIGHT (armed clashes between organised forces) was merged into ASSAULT, whose modes now
    # carry the kind of force; current PLOVER has no FIGHT.
    "FIGHT": "ASSAULT",
}
# Gold codes that are not ISO3 (typos in the 2016 file) -> the ISO3 code meant.
GOLD_CODE_FIXES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
IGO_CLASS = "IGO"  # the gold's code for any intergovernmental organisation

PENTA_CLASSES: dict[int, str] = {
    0: "statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
DEFAULT_CLASS = 0  # the class of a sentence with no counted event: see the module docstring
NER_TAGS = frozenset({"O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"})
ROLES: dict[str, str] = {"S": "source", "T": "target", "R": "reciprocal"}
SPAN_LEVELS = ("token", "span_exact", "span_overlap")

COUNTED_STATUSES: tuple[str, ...] = ("asserted",)
REPLICATES = 1000
SEED = 20170131  # the date the PLOVER gold file last changed; any fixed value would do
EXTERNAL = Path("..") / "shared" / "data" / "external"
DEFAULT_PLOVER = EXTERNAL / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
DEFAULT_CONFLIBERT = EXTERNAL / "conflibert-cameo"

# the headline metrics of the ``summary`` table, by gold set (the CI gate's floors name these)
SUMMARY_METRICS: dict[str, tuple[str, ...]] = {
    "plover": (
        "event_micro_f1",
        "event_macro_f1",
        "source_accuracy",
        "target_accuracy",
        "source_accuracy_matched",
        "target_accuracy_matched",
        "triple_precision",
        "triple_recall",
        "triple_f1",
    ),
    "conflibert": (
        "class_accuracy",
        "class_macro_f1",
        "class_fallback",
        "token_f1",
        "span_exact_f1",
        "span_overlap_f1",
    ),
}
SUMMARY_COLUMNS = ["gold", "system", "metric", "value", "value_lo", "value_hi", "detail"]
PRF_COLUMNS = [
    "system",
    "class",
    "p",
    "p_lo",
    "p_hi",
    "r",
    "r_lo",
    "r_hi",
    "f1",
    "f1_lo",
    "f1_hi",
    "tp",
    "fp",
    "fn",
    "support",
]
ERROR_COLUMNS = ["kind", "id", "sentence_id", "event", "source", "target", "note", "text"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


# ---------------------------------------------------------------------------------------------
# records


class EventLike(Protocol):
    """The fields of ``nonaligned.text.events.Event`` that scoring reads (tests pass stand-ins)."""

    @property
    def event_id(self) -> str: ...
    @property
    def event(self) -> str | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def recipient(self) -> str | None: ...
    @property
    def actor_text(self) -> str | None: ...
    @property
    def recipient_text(self) -> str | None: ...
    @property
    def penta_class(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def start(self) -> int: ...


Coder = Callable[[str], Sequence[EventLike]]


@dataclass(frozen=True)
class PredictedEvent:
    """A minimal event with the ``EventLike`` fields: what the baselines predict."""

    event_id: str
    event: str | None
    actor: str | None = None
    recipient: str | None = None
    actor_text: str | None = None
    recipient_text: str | None = None
    penta_class: int = DEFAULT_CLASS
    status: str = "asserted"
    confidence: float = 1.0
    start: int = 0


@dataclass(frozen=True)
class GoldEvent:
    """One PLOVER GSR record, with its category in current PLOVER and its codes corrected."""

    id: str
    line: int  # where the record starts in the file
    event: str  # current PLOVER name
    original: str  # the name in the file (PLOVER 0.5b1)
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool  # the markup has SRC/TAR: every source is a reciprocal actor

    @property
    def source_set(self) -> frozenset[str]:
        return frozenset(self.sources)

    @property
    def target_set(self) -> frozenset[str]:
        """Targets, and for a reciprocal event its reciprocal actors too (each targets the other)."""
        extra = self.sources if self.reciprocal else ()
        return frozenset((*self.targets, *extra))


@dataclass(frozen=True)
class PloverSentence:
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class ConflibertSentence:
    text: str
    label: int
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]  # each token's character span in ``text``
    where: str  # "class file line N / ner file line M", for messages


class ActorSpan(NamedTuple):
    """A predicted actor span: character offsets in the sentence and role S or T."""

    start: int
    end: int
    role: str
