"""How well the event coder codes events, scored against two public gold sets, with baselines.

Both gold sets are *evaluation* data: no verb, noun, rule or threshold of the coder may be chosen
by looking at these scores or sentences. They overlap (about 274 of the PLOVER sentences are
lightly edited copies of ConfliBERT test sentences; both come from the CAMEO manual's examples),
so they are two views of one source, not two independent samples.

PLOVER GSR (Open Event Data Alliance, 2016; ``PLOVER_GSR_CAMEO.json``)
---------------------------------------------------------------------
A JSON array: one ``DOCUMENT`` header (skipped) and one object per coded event, with ``event``,
``text`` (the sentence), ``source`` / ``target`` (lists of ``{actorText, code, sector}``) and
``textInfo.markup`` (inline ``(SRC: ...)``, ``(TAR: ...)``, ``(SRC/TAR: ...)`` spans).

- Categories are PLOVER 0.5b1; the coder speaks current PLOVER. ``PLOVER_MAPPING`` renames the
  four that changed, each for a reason given there; every other name is already current.
- A sentence may carry several records (six do): records are grouped by their exact text, each
  unique sentence is coded once, and its gold events are all its records.
- ``(SRC/TAR: ...)`` marks a reciprocal event ("Hungarian and Romanian officials agreed"): the
  file lists the reciprocal actors under ``source`` and leaves ``target`` empty, so in a record
  whose markup has SRC/TAR every source is read as reciprocal (either may be source or target).
- Codes are ISO3, or a class code: ``IGO`` (any intergovernmental organisation, e.g. "U.N.",
  "European Community", "Arab League Secretary General"), ``NGO``, ``IMG``, ``ISM``. Our coder
  gives specific IGO codes (``UN``, ``NATO``...), so a gold ``IGO`` is matched by any code of
  ``nonaligned/text/data/igo_actors.csv``. Three gold codes are not ISO3 and are corrected by
  ``GOLD_CODE_FIXES`` (a typo cannot be matched by a correct coder).
- Quirks read as they are, not as errors (the file is the published gold): a ``target`` that is a
  string (``""`` in eight records, ``"diplomatic"``, a misplaced context, in one) means no
  target; a ``source`` of ``null`` means no source; one record's ``textInfo`` is the markup string
  itself; one id (``PLOVER-GSR01-COERCE-0004``) is used by two different records: a repeated id
  gets ``#2``, ``#3``... so that missed events can be listed by id.

Scoring (per sentence; only the system's events whose ``status`` is counted, ``asserted`` by
default, and that have a PLOVER ``event``: pure statements are outside PLOVER):

- *event types*: a sentence's gold types and predicted types are sets; a type counts as found
  when any predicted event in the sentence has it. P/R/F1 per type, micro (summed counts) and
  macro (the mean over types present in the gold or the predictions, with an undefined P or R
  taken as 0, as scikit-learn does with ``zero_division=0``).
- *source / target accuracy*: over gold events that have that side, whether the codes of the
  system's events in the sentence intersect the gold codes (any event type: this isolates actor
  attribution from event typing). ``*_matched`` restricts to gold events whose type the system
  found, and to the system's events of that type (the PETRARCH-validation reading).
- *triples* (source, event, target): a system event matches a gold event when the types are equal
  and the source and target codes intersect the gold ones (either direction for reciprocal gold:
  for actors A and B, A→B and B→A both match). A gold side that is empty is matched only by an
  empty side. Pairs are one-to-one (maximum bipartite matching). The coder writes a reciprocal
  or multi-source event as several directed events where the gold has one record: a system event
  left unpaired but compatible with a gold event that *is* paired is "absorbed" — neither a true
  nor a false positive. Extra events (unpaired, not absorbed) and missed gold events are listed.

ConfliBERT CAMEO (UT Dallas; ``cameo_class/*.tsv`` + ``cameo_ner/*.txt``)
------------------------------------------------------------------------
``cameo_class``: ``sentence<TAB>label`` with CRLF line ends and labels 0-4 (``PENTA_CLASSES``);
``cameo_ner``: CoNLL ``token TAG`` lines, a blank line between sentences, tags B-/I- S (source),
T (target), R (reciprocal). The two files are aligned sentence by sentence; every token must be
found, in order, in its class sentence (only whitespace between), or the pair is rejected naming
both files. (Upstream's *train* pair is not aligned this way; the test pair is.)

- *5-way class*: the ``penta_class`` of the system's highest-confidence counted event (ties: the
  first in the coder's order). A sentence with no counted event falls back to ``DEFAULT_CLASS``,
  0 "make a statement": CAMEO's least committal root, the class that claims neither cooperation
  nor conflict. It was not chosen from the gold's class frequencies, and how often it was used is
  reported (``class_fallback``). Per-class P/R/F1, macro-F1 (all five classes, as above),
  accuracy, and the confusion matrix.
- *actor spans*: the system's spans are its counted events' ``actor_text`` (role S) and
  ``recipient_text`` (role T) located in the sentence (the occurrence nearest the trigger; the
  Event record carries the mention's text, not its offsets), mapped onto the gold tokens they
  overlap. A span or token the system gives both roles is reciprocal (R). Roles are compatible
  when equal or when either side is R ("reciprocal matches either role"). Scored per token
  (each token is one unit) and per span, exact (same tokens) and overlap (shared tokens), one to
  one; a true positive counts in the row of the gold role, a false positive in the row of the
  predicted role, so the ``all`` row is the sum of the three.

Baselines: the majority class of the same gold, so every number has a floor to beat. PLOVER: one
event per sentence with the most frequent event type, the most frequent source code and the most
frequent target code; ConfliBERT: the most frequent label; spans: the most frequent tag, O, i.e.
no span (precision undefined, recall 0). Ties go to the alphabetically first value.

Intervals: 95% percentile bootstrap over *sentences* (1,000 replicates, fixed seed); one set of
resamples per gold set, shared by the system and the baseline so their intervals are comparable.
A rate undefined in a replicate (no predictions, no gold) is left out of its interval.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import NonalignedError
from ..text.plover import PLOVER_EVENTS

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


# ---------------------------------------------------------------------------------------------
# reading PLOVER GSR


def _read_text(path: Path) -> str:
    """The file as text, without a BOM: both gold sets are UTF-8, and an editor may add one."""
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError as exc:
        raise NonalignedError(f"gold file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise NonalignedError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc


def _json_array(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each element of the file's top-level JSON array.

    Decoded element by element so that a problem in a record can name the line it starts on:
    the records span many lines, and ``json.load`` would only give the line of a syntax error.
    """
    text = _read_text(path)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_of(pos: int) -> int:
        return bisect_right(starts, pos)

    decoder = json.JSONDecoder()
    n = len(text)

    def skip(pos: int) -> int:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip(0)
    if pos >= n or text[pos] != "[":
        raise NonalignedError(f"{path} line {line_of(pos)}: expected a JSON array of records")
    pos = skip(pos + 1)
    if pos < n and text[pos] == "]":
        pos = skip(pos + 1)
    else:
        while True:
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise NonalignedError(
                    f"{path} line {exc.lineno}: not valid JSON ({exc.msg})"
                ) from exc
            yield line_of(pos), value
            pos = skip(end)
            if pos < n and text[pos] == ",":
                pos = skip(pos + 1)
                continue
            if pos < n and text[pos] == "]":
                pos = skip(pos + 1)
                break
            raise NonalignedError(f"{path} line {line_of(pos)}: expected ',' or ']' in the array")
    if pos < n:
        raise NonalignedError(f"{path} line {line_of(pos)}: text after the end of the array")


def _codes(value: Any, key: str, path: Path, line: int) -> tuple[str, ...]:
    """The actor codes of a ``source`` or ``target`` field (see the docstring for its quirks)."""
    if value is None or isinstance(value, str):
        return ()
    if not isinstance(value, list):
        raise NonalignedError(f"{path} line {line}: {key!r} must be a list of actors")
    out: list[str] = []
    for k, actor in enumerate(value):
        code = actor.get("code") if isinstance(actor, dict) else None
        if not isinstance(code, str) or not code.strip():
            raise NonalignedError(f"{path} line {line}: {key}[{k}] has no actor code")
        code = code.strip().upper()
        out.append(GOLD_CODE_FIXES.get(code, code))
    return tuple(out)


def _markup(value: Any, path: Path, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # one record carries the markup string itself
        return value
    if isinstance(value, dict):
        markup = value.get("markup", "")
        if isinstance(markup, str):
            return markup
    raise NonalignedError(f"{path} line {line}: 'textInfo' must hold a 'markup' string")


def _plover_file(path: Path) -> list[tuple[str, GoldEvent]]:
    out: list[tuple[str, GoldEvent]] = []
    for line, obj in _json_array(path):
        if not isinstance(obj, dict):
            raise NonalignedError(f"{path} line {line}: expected a JSON object (a record)")
        original = obj.get("event")
        if not isinstance(original, str) or not original.strip():
            raise NonalignedError(f"{path} line {line}: 'event' must be a category name")
        original = original.strip()
        if original == "DOCUMENT":
            continue
        event = PLOVER_MAPPING.get(original, original)
        if event not in PLOVER_EVENTS:
            raise NonalignedError(
                f"{path} line {line}: unknown PLOVER category {original!r} "
                f"(expected one of {', '.join((*PLOVER_EVENTS, *PLOVER_MAPPING))})"
            )
        record_id = obj.get("id")
        if not isinstance(record_id, str) or not record_id.strip():
            raise NonalignedError(f"{path} line {line}: 'id' must be a non-empty string")
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            raise NonalignedError(f"{path} line {line}: 'text' must be the sentence")
        markup = _markup(obj.get("textInfo"), path, line)
        out.append(
            (
                text.strip(),
                GoldEvent(
                    id=record_id.strip(),
                    line=line,
                    event=event,
                    original=original,
                    sources=_codes(obj.get("source"), "source", path, line),
                    targets=_codes(obj.get("target"), "target", path, line),
                    reciprocal="SRC/TAR" in markup or "TAR/SRC" in markup,
                ),
            )
        )
    return out


def read_plover(path: str | Path) -> list[PloverSentence]:
    """The PLOVER GSR sentences at ``path`` (a file, or a folder of ``*.json`` files), each with
    its gold events, in file order.

    Malformed gold is a NonalignedError naming the file and line: the path is the user's, and a
    traceback would not say which record to fix.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise NonalignedError(f"{path}: no PLOVER gold file (*.json) in this folder")
    elif path.exists():
        files = [path]
    else:
        raise NonalignedError(f"gold file not found: {path}")
    by_text: dict[str, list[GoldEvent]] = {}
    seen: Counter[str] = Counter()
    for file in files:
        for text, record in _plover_file(file):
            seen[record.id] += 1
            event = record
            if seen[record.id] > 1:  # one id is used twice in the 2016 file
                event = replace(record, id=f"{record.id}#{seen[record.id]}")
            by_text.setdefault(text, []).append(event)
    if not by_text:
        raise NonalignedError(f"{path}: no PLOVER records (only a DOCUMENT header, or empty)")
    return [PloverSentence(text, tuple(events)) for text, events in by_text.items()]


# ---------------------------------------------------------------------------------------------
# reading ConfliBERT CAMEO


def _lines(path: Path) -> list[str]:
    r"""The file's lines without their ends (\n or \r\n); not ``str.splitlines``, which would
    also split inside a sentence at characters such as U+2028 or form feed."""
    return [line.removesuffix("\r") for line in _read_text(path).split("\n")]


def _read_class_file(path: Path) -> list[tuple[int, str, int]]:
    """(line number, sentence, label) per non-blank line of a ``cameo_class`` TSV."""
    out: list[tuple[int, str, int]] = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            raise NonalignedError(f"{path} line {number}: expected 'sentence<TAB>label'")
        sentence, label = line.rsplit("\t", 1)
        label = label.strip()
        if label not in {str(k) for k in PENTA_CLASSES}:
            raise NonalignedError(
                f"{path} line {number}: label must be 0-4 (PentaClass), found {label!r}"
            )
        if not sentence.strip():
            raise NonalignedError(f"{path} line {number}: empty sentence")
        out.append((number, sentence, int(label)))
    return out


def _read_ner_file(path: Path) -> list[tuple[int, list[str], list[str]]]:
    """(first line number, tokens, tags) per blank-line-separated sentence of a CoNLL file."""
    out: list[tuple[int, list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    for number, line in enumerate(_lines(path), start=1):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                out.append((first, tokens, tags))
                tokens, tags = [], []
            continue
        if len(parts) < 2:
            raise NonalignedError(f"{path} line {number}: expected 'token TAG'")
        tag = parts[-1]
        if tag not in NER_TAGS:
            raise NonalignedError(
                f"{path} line {number}: unknown tag {tag!r} (expected {', '.join(sorted(NER_TAGS))})"
            )
        if not tokens:
            first = number
        tokens.append(parts[0])
        tags.append(tag)
    if tokens:
        out.append((first, tokens, tags))
    return out


def _align(class_path: Path, ner_path: Path) -> list[ConflibertSentence]:
    """The two files' sentences zipped, after checking that they really are the same sentences."""
    classes = _read_class_file(class_path)
    ners = _read_ner_file(ner_path)
    if len(classes) != len(ners):
        raise NonalignedError(
            f"{class_path} has {len(classes)} sentences and {ner_path} has {len(ners)}: "
            "the two files must be aligned sentence by sentence"
        )
    out: list[ConflibertSentence] = []
    for (cline, sentence, label), (nline, tokens, tags) in zip(classes, ners, strict=True):
        offsets: list[tuple[int, int]] = []
        cursor = 0
        for token in tokens:
            at = sentence.find(token, cursor)
            if at < 0 or sentence[cursor:at].strip():
                raise NonalignedError(
                    f"{class_path} line {cline} and {ner_path} line {nline}: misaligned, the "
                    f"token {token!r} is not the next word of the sentence"
                )
            offsets.append((at, at + len(token)))
            cursor = at + len(token)
        if sentence[cursor:].strip():
            raise NonalignedError(
                f"{class_path} line {cline} and {ner_path} line {nline}: misaligned, the sentence "
                f"goes on after the last token ({sentence[cursor:].strip()[:30]!r})"
            )
        out.append(
            ConflibertSentence(
                sentence,
                label,
                tuple(tokens),
                tuple(tags),
                tuple(offsets),
                f"{class_path.name} line {cline} / {ner_path.name} line {nline}",
            )
        )
    return out


def _conflibert_pairs(path: Path) -> list[tuple[Path, Path]]:
    """(class file, ner file) pairs: from ``cameo_class/`` and ``cameo_ner/`` sub-folders paired
    by file stem, from one ``*.tsv`` and one ``*.txt`` in the folder itself, or, for a ``.tsv``
    path, the same-stem ``.txt`` beside it or in ``../cameo_ner/``."""
    if path.is_file():
        candidates = [
            path.with_suffix(".txt"),
            path.parent.parent / "cameo_ner" / f"{path.stem}.txt",
        ]
        for ner in candidates:
            if ner.is_file():
                return [(path, ner)]
        raise NonalignedError(
            f"{path}: no CoNLL file to pair it with (looked for {', '.join(map(str, candidates))})"
        )
    if not path.is_dir():
        raise NonalignedError(f"gold folder not found: {path}")
    class_dir, ner_dir = path / "cameo_class", path / "cameo_ner"
    if class_dir.is_dir() or ner_dir.is_dir():
        if not (class_dir.is_dir() and ner_dir.is_dir()):
            missing = ner_dir if class_dir.is_dir() else class_dir
            raise NonalignedError(f"{missing}: missing (ConfliBERT needs both folders)")
        tsv = {p.stem: p for p in class_dir.glob("*.tsv")}
        txt = {p.stem: p for p in ner_dir.glob("*.txt")}
        stems = sorted(set(tsv) & set(txt))
        if not stems:
            raise NonalignedError(
                f"{path}: no file in cameo_class/*.tsv has a same-named cameo_ner/*.txt"
            )
        return [(tsv[s], txt[s]) for s in stems]
    tsvs, txts = sorted(path.glob("*.tsv")), sorted(path.glob("*.txt"))
    if len(tsvs) == 1 and len(txts) == 1:
        return [(tsvs[0], txts[0])]
    same = sorted({p.stem for p in tsvs} & {p.stem for p in txts})
    if same:
        return [(path / f"{s}.tsv", path / f"{s}.txt") for s in same]
    raise NonalignedError(
        f"{path}: expected cameo_class/ and cameo_ner/ folders, or a .tsv and a .txt file"
    )


def read_conflibert(path: str | Path) -> list[ConflibertSentence]:
    """The ConfliBERT CAMEO sentences at ``path`` with their class and actor tags.

    Malformed or misaligned gold is a NonalignedError naming the file(s) and line.
    """
    return [s for c, n in _conflibert_pairs(Path(path)) for s in _align(c, n)]


# ---------------------------------------------------------------------------------------------
# bootstrap helpers


def resample_weights(n: int, replicates: int = REPLICATES, seed: int = SEED) -> IntArray:
    """(replicates, n): how many times each sentence is drawn in each bootstrap replicate.

    Weights rather than index arrays so that summing counts is one matrix product and the
    memory stays (replicates x n) whatever the number of classes.
    """
    rng = np.random.default_rng(seed)
    weights: IntArray = np.zeros((replicates, n), dtype=np.int64)
    if n and replicates:
        draws = rng.integers(0, n, size=(replicates, n))
        rows = np.repeat(np.arange(replicates), n)
        np.add.at(weights, (rows, draws.ravel()), 1)
    return weights


def _ratio(num: npt.ArrayLike, den: npt.ArrayLike) -> FloatArray:
    """num / den, NaN where den is 0 (without numpy's division warning)."""
    a = np.asarray(num, dtype=np.float64)
    b = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(a, b).shape, np.nan)
    np.divide(a, b, out=out, where=b > 0)
    return out


def _interval(samples: FloatArray) -> tuple[float, float]:
    ok = samples[np.isfinite(samples)]
    if ok.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.quantile(ok, [0.025, 0.975])
    return float(lo), float(hi)


def _prf(counts: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """P, R, F1 from counts whose last axis is [tp, fp, fn]."""
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), _ratio(2 * tp, 2 * tp + fp + fn)


def _macro(counts: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Macro P, R, F1 over the class axis (second to last) of [..., classes, 3] counts.

    The mean runs over classes present in the gold or the predictions; an undefined P or R of a
    present class counts as 0. No class present: NaN.
    """
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    present = (tp + fp + fn) > 0
    n_present = present.sum(axis=-1)

    def mean(values: FloatArray) -> FloatArray:
        filled = np.where(present, np.nan_to_num(values, nan=0.0), 0.0)
        return _ratio(filled.sum(axis=-1), n_present)

    p, r, f1 = _prf(counts)
    return mean(p), mean(r), mean(f1)


def _prf_rows(
    system: str,
    labels: Sequence[str],
    counts: IntArray,
    weights: IntArray,
    *,
    micro: str | None = "micro",
    macro: str | None = "macro",
) -> list[dict[str, Any]]:
    """Rows of PRF_COLUMNS: one per label, then micro and macro, with bootstrap intervals.

    ``counts`` is (sentences, labels, 3) with [tp, fp, fn] per sentence and label.
    """
    n, k = counts.shape[0], counts.shape[1]
    total = counts.sum(axis=0)  # (k, 3)
    boot = (weights @ counts.reshape(n, k * 3)).reshape(-1, k, 3)  # (R, k, 3)
    rows: list[dict[str, Any]] = []

    def row(label: str, point: Sequence[FloatArray], samples: Sequence[FloatArray]) -> None:
        r: dict[str, Any] = {"system": system, "class": label}
        for name, v, s in zip(("p", "r", "f1"), point, samples, strict=True):
            r[name] = float(v)
            r[f"{name}_lo"], r[f"{name}_hi"] = _interval(s)
        rows.append(r)

    p, r, f1 = _prf(total)
    bp, br, bf = _prf(boot)
    for j, label in enumerate(labels):
        row(label, (p[j], r[j], f1[j]), (bp[:, j], br[:, j], bf[:, j]))
        tp, fp, fn = (int(x) for x in total[j])
        rows[-1].update(tp=tp, fp=fp, fn=fn, support=tp + fn)
    if micro is not None:
        summed = total.sum(axis=0)
        row(micro, _prf(summed), _prf(boot.sum(axis=1)))
        tp, fp, fn = (int(x) for x in summed)
        rows[-1].update(tp=tp, fp=fp, fn=fn, support=tp + fn)
    if macro is not None:
        row(macro, _macro(total), _macro(boot))
        rows[-1].update(tp=pd.NA, fp=pd.NA, fn=pd.NA, support=pd.NA)
    return rows


def _prf_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=PRF_COLUMNS)
    for col in ("tp", "fp", "fn", "support"):
        df[col] = df[col].astype("Int64")
    return df


def _summary_row(
    gold: str,
    system: str,
    metric: str,
    value: float,
    samples: FloatArray,
    detail: str,
) -> dict[str, Any]:
    lo, hi = _interval(samples)
    return {
        "gold": gold,
        "system": system,
        "metric": metric,
        "value": float(value),
        "value_lo": lo,
        "value_hi": hi,
        "detail": detail,
    }


# ---------------------------------------------------------------------------------------------
# PLOVER scoring


def _counted(events: Sequence[EventLike], statuses: Sequence[str]) -> list[EventLike]:
    return [e for e in events if e.status in statuses]


def _hit(pred: set[str] | frozenset[str], gold: frozenset[str], igo: frozenset[str]) -> bool:
    """Whether predicted codes intersect gold codes; a gold ``IGO`` takes any IGO code."""
    return any(c in gold or (IGO_CLASS in gold and (c in igo or c == IGO_CLASS)) for c in pred)


def _side_ok(code: str | None, gold: frozenset[str], igo: frozenset[str]) -> bool:
    if not gold:
        return code is None
    return code is not None and _hit({code}, gold, igo)


def compatible(gold: GoldEvent, pred: EventLike, igo: frozenset[str] = frozenset()) -> bool:
    """Whether a system event matches a gold event as a triple (see the module docstring)."""
    if pred.event != gold.event:
        return False
    sides: list[tuple[frozenset[str], frozenset[str]]]
    if gold.reciprocal and len(gold.sources) >= 2:
        r = gold.sources
        sides = [
            (frozenset({r[i]}), frozenset({r[j]}))
            for i in range(len(r))
            for j in range(len(r))
            if i != j
        ]
        if gold.targets:
            sides.append((frozenset(r), frozenset(gold.targets)))
    else:
        sides = [(gold.source_set, frozenset(gold.targets))]
    return any(_side_ok(pred.actor, s, igo) and _side_ok(pred.recipient, t, igo) for s, t in sides)


def max_matching(edges: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching as {right: left}; ``edges[left]`` lists compatible rights.

    Kuhn's augmenting paths: a greedy pass can pair an item with the wrong one of two candidates
    and so under-count.
    """
    owner: dict[int, int] = {}

    def augment(i: int, visited: set[int]) -> bool:
        for j in edges[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return owner


@dataclass
class PloverCounts:
    """One sentence's counts for one system."""

    types: IntArray  # (classes, 3): [tp, fp, fn] per event type, sentence-level
    actors: IntArray  # (8,): source ok/n, target ok/n, matched source ok/n, matched target ok/n
    triples: IntArray  # (3,): tp, fp, fn
    absorbed: int
    extra: list[EventLike]
    missed: list[GoldEvent]


def plover_counts(
    sentence: PloverSentence,
    events: Sequence[EventLike],
    classes: Sequence[str] = PLOVER_EVENTS,
    igo: frozenset[str] = frozenset(),
    statuses: Sequence[str] = COUNTED_STATUSES,
) -> PloverCounts:
    """Score one sentence's system events against its gold events."""
    preds = [e for e in _counted(events, statuses) if e.event]
    golds = sentence.events
    gold_types = {g.event for g in golds}
    pred_types = {str(e.event) for e in preds}
    types = np.zeros((len(classes), 3), dtype=np.int64)
    for j, c in enumerate(classes):
        types[j] = (
            c in gold_types and c in pred_types,
            c in pred_types - gold_types,
            c in gold_types - pred_types,
        )

    actors = np.zeros(8, dtype=np.int64)
    sources = {e.actor for e in preds if e.actor}
    targets = {e.recipient for e in preds if e.recipient}
    for g in golds:
        same = [e for e in preds if e.event == g.event]
        for k, (gold_codes, pred_all, pred_same) in enumerate(
            (
                (g.source_set, sources, {e.actor for e in same if e.actor}),
                (g.target_set, targets, {e.recipient for e in same if e.recipient}),
            )
        ):
            if not gold_codes:
                continue
            actors[2 * k] += _hit(pred_all, gold_codes, igo)
            actors[2 * k + 1] += 1
            if same:
                actors[4 + 2 * k] += _hit(pred_same, gold_codes, igo)
                actors[4 + 2 * k + 1] += 1

    edges = [[j for j, e in enumerate(preds) if compatible(g, e, igo)] for g in golds]
    owner = max_matching(edges)
    paired_gold = set(owner.values())
    absorbed = {
        j
        for i in paired_gold
        for j in edges[i]
        if j not in owner  # compatible with a paired gold event, itself unpaired
    }
    extra = [e for j, e in enumerate(preds) if j not in owner and j not in absorbed]
    missed = [g for i, g in enumerate(golds) if i not in paired_gold]
    triples = np.array([len(owner), len(extra), len(missed)], dtype=np.int64)
    return PloverCounts(types, actors, triples, len(absorbed), extra, missed)


def _majority(values: Sequence[str]) -> str | None:
    """The most frequent value; ties go to the alphabetically first, so the choice is stable."""
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def plover_baseline(sentences: Sequence[PloverSentence]) -> list[list[EventLike]]:
    """One event per sentence: the gold's most frequent event type, source and target codes."""
    golds = [g for s in sentences for g in s.events]
    event = _majority([g.event for g in golds])
    source = _majority([c for g in golds for c in sorted(g.source_set)])
    target = _majority([c for g in golds for c in sorted(g.target_set)])
    return [
        [PredictedEvent(f"baseline-{i}", event, actor=source, recipient=target)]
        for i in range(len(sentences))
    ]


def score_plover(
    sentences: Sequence[PloverSentence],
    predictions: Mapping[str, Sequence[Sequence[EventLike]]],
    *,
    igo: frozenset[str] = frozenset(),
    statuses: Sequence[str] = COUNTED_STATUSES,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """``plover_events`` (P/R/F1 per type, micro, macro), ``summary`` rows and ``plover_errors``
    (the first system's extra and missed events) from each system's events per sentence."""
    for name, preds in predictions.items():
        if len(preds) != len(sentences):
            raise ValueError(f"{name}: {len(preds)} predictions for {len(sentences)} sentences")
    found = {
        str(e.event)
        for preds in predictions.values()
        for events in preds
        for e in _counted(events, statuses)
        if e.event
    }
    classes = [*PLOVER_EVENTS, *sorted(found - set(PLOVER_EVENTS))]
    weights = resample_weights(len(sentences), replicates, seed)
    event_rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for k, (system, preds) in enumerate(predictions.items()):
        per = [
            plover_counts(s, p, classes, igo, statuses)
            for s, p in zip(sentences, preds, strict=True)
        ]
        types = np.array([c.types for c in per], dtype=np.int64).reshape(-1, len(classes), 3)
        rows = _prf_rows(system, classes, types, weights)
        event_rows.extend(rows)
        boot_types = (weights @ types.reshape(len(per), -1)).reshape(-1, len(classes), 3)
        micro, macro = rows[-2], rows[-1]
        summary.append(
            _summary_row(
                "plover",
                system,
                "event_micro_f1",
                micro["f1"],
                _prf(boot_types.sum(axis=1))[2],
                f"tp={micro['tp']} fp={micro['fp']} fn={micro['fn']} (sentence-level types)",
            )
        )
        summary.append(
            _summary_row(
                "plover",
                system,
                "event_macro_f1",
                macro["f1"],
                _macro(boot_types)[2],
                f"over {int((types.sum(axis=0).sum(axis=1) > 0).sum())} types",
            )
        )

        actors = np.array([c.actors for c in per], dtype=np.int64).reshape(-1, 8)
        total = actors.sum(axis=0)
        boot = weights @ actors
        for a, metric in enumerate(
            (
                "source_accuracy",
                "target_accuracy",
                "source_accuracy_matched",
                "target_accuracy_matched",
            )
        ):
            ok, den = int(total[2 * a]), int(total[2 * a + 1])
            summary.append(
                _summary_row(
                    "plover",
                    system,
                    metric,
                    float(_ratio(ok, den)),
                    _ratio(boot[:, 2 * a], boot[:, 2 * a + 1]),
                    f"{ok}/{den} gold events",
                )
            )

        triples = np.array([c.triples for c in per], dtype=np.int64).reshape(-1, 3)
        t_total = triples.sum(axis=0)
        point = _prf(t_total)
        samples = _prf(weights @ triples)
        absorbed = sum(c.absorbed for c in per)
        detail = f"tp={t_total[0]} fp={t_total[1]} fn={t_total[2]} absorbed={absorbed}"
        for name, v, s in zip(("precision", "recall", "f1"), point, samples, strict=True):
            summary.append(_summary_row("plover", system, f"triple_{name}", float(v), s, detail))

        if k == 0:
            errors.extend(_plover_errors(sentences, per))
    return {
        "plover_events": _prf_frame(event_rows),
        "summary": pd.DataFrame(summary, columns=SUMMARY_COLUMNS),
        "plover_errors": pd.DataFrame(errors, columns=ERROR_COLUMNS),
    }


def _plover_errors(
    sentences: Sequence[PloverSentence], per: Sequence[PloverCounts]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for s, c in zip(sentences, per, strict=True):
        sentence_id = s.events[0].id
        for g in c.missed:
            rows.append(
                {
                    "kind": "missed",
                    "id": g.id,
                    "sentence_id": sentence_id,
                    "event": g.event,
                    "source": "|".join(g.sources),
                    "target": "|".join(g.targets),
                    "note": ("reciprocal " if g.reciprocal else "") + f"(gold {g.original})",
                    "text": s.text,
                }
            )
        for e in c.extra:
            rows.append(
                {
                    "kind": "extra",
                    "id": e.event_id,
                    "sentence_id": sentence_id,
                    "event": e.event,
                    "source": e.actor or "",
                    "target": e.recipient or "",
                    "note": f"status={e.status} confidence={e.confidence:.2f}",
                    "text": s.text,
                }
            )
    return rows


# ---------------------------------------------------------------------------------------------
# ConfliBERT: 5-way class


def sentence_class(
    events: Sequence[EventLike], statuses: Sequence[str] = COUNTED_STATUSES
) -> int | None:
    """The penta_class of the highest-confidence counted event (first on ties); None if none."""
    best: EventLike | None = None
    for e in _counted(events, statuses):
        if best is None or e.confidence > best.confidence:
            best = e
    return None if best is None else int(best.penta_class)


def predict_classes(
    predictions: Sequence[Sequence[EventLike]],
    statuses: Sequence[str] = COUNTED_STATUSES,
    default: int = DEFAULT_CLASS,
) -> tuple[list[int], list[bool]]:
    """Each sentence's class, and whether it fell back to ``default`` (no counted event)."""
    classes = [sentence_class(events, statuses) for events in predictions]
    return [default if c is None else c for c in classes], [c is None for c in classes]


def class_baseline(gold: Sequence[int]) -> int:
    """The most frequent gold label (lowest on ties)."""
    counts = Counter(gold)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else DEFAULT_CLASS


def _label(k: int) -> str:
    return f"{k} {PENTA_CLASSES[k]}"


def score_classes(
    gold: Sequence[int],
    predicted: Mapping[str, Sequence[int]],
    fallbacks: Mapping[str, Sequence[bool]] | None = None,
    *,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """``conflibert_classes`` (P/R/F1 per class and macro), ``conflibert_confusion`` (gold rows,
    predicted columns) and ``summary`` rows (accuracy, macro-F1, fallback share)."""
    g = np.asarray(gold, dtype=np.int64)
    n = len(g)
    labels = sorted(PENTA_CLASSES)
    weights = resample_weights(n, replicates, seed)
    rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    confusion: list[dict[str, Any]] = []
    for system, pred in predicted.items():
        p = np.asarray(pred, dtype=np.int64)
        if p.shape != g.shape:
            raise ValueError(f"{system}: {len(p)} predicted classes for {n} sentences")
        counts = np.zeros((n, len(labels), 3), dtype=np.int64)
        for j, c in enumerate(labels):
            counts[:, j, 0] = (g == c) & (p == c)
            counts[:, j, 1] = (g != c) & (p == c)
            counts[:, j, 2] = (g == c) & (p != c)
        system_rows = _prf_rows(system, [_label(c) for c in labels], counts, weights, micro=None)
        rows.extend(system_rows)
        boot = (weights @ counts.reshape(n, -1)).reshape(-1, len(labels), 3)
        right = (g == p).astype(np.int64)
        summary.append(
            _summary_row(
                "conflibert",
                system,
                "class_accuracy",
                float(_ratio(right.sum(), n)),
                _ratio(weights @ right, weights.sum(axis=1)),
                f"{int(right.sum())}/{n} sentences",
            )
        )
        summary.append(
            _summary_row(
                "conflibert",
                system,
                "class_macro_f1",
                system_rows[-1]["f1"],
                _macro(boot)[2],
                "over the five PentaClass labels",
            )
        )
        if fallbacks is not None and system in fallbacks:
            fell = np.asarray(fallbacks[system], dtype=np.int64).reshape(-1)
            if fell.shape != g.shape:
                raise ValueError(f"{system}: {len(fell)} fallback flags for {n} sentences")
            summary.append(
                _summary_row(
                    "conflibert",
                    system,
                    "class_fallback",
                    float(_ratio(fell.sum(), n)),
                    _ratio(weights @ fell, weights.sum(axis=1)),
                    f"{int(fell.sum())}/{n} sentences had no counted event: "
                    f"class {_label(DEFAULT_CLASS)}",
                )
            )
        for c in labels:
            confusion.append(
                {"system": system, "gold": _label(c)}
                | {f"pred_{d}": int(((g == c) & (p == d)).sum()) for d in labels}
            )
    return {
        "conflibert_classes": _prf_frame(rows),
        "conflibert_confusion": pd.DataFrame(
            confusion, columns=["system", "gold", *(f"pred_{d}" for d in labels)]
        ),
        "summary": pd.DataFrame(summary, columns=SUMMARY_COLUMNS),
    }


# ---------------------------------------------------------------------------------------------
# ConfliBERT: actor spans


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, role) per span; an I- tag that does not continue a span of its
    role starts one (the conlleval convention), so a stray I- is not lost."""
    spans: list[tuple[int, int, str]] = []
    start, role = -1, ""
    for i, tag in enumerate((*tags, "O")):
        kind, cur = (tag[0], tag[2:]) if tag != "O" else ("O", "")
        if role and (kind != "I" or cur != role):
            spans.append((start, i, role))
            start, role = -1, ""
        if kind in {"B", "I"} and not role:
            start, role = i, cur
    return spans


def event_spans(
    text: str, events: Sequence[EventLike], statuses: Sequence[str] = COUNTED_STATUSES
) -> list[ActorSpan]:
    """The counted events' actor (S) and recipient (T) texts located in ``text``.

    The occurrence nearest the trigger is taken (a name can occur twice: "Israel told Lebanon
    that Israel..."); an exact-case match is preferred, and a text that is not in the sentence
    at all is skipped.
    """
    out: set[ActorSpan] = set()
    lowered = text.lower()
    for e in _counted(events, statuses):
        for found, role in ((e.actor_text, "S"), (e.recipient_text, "T")):
            if not found or not found.strip():
                continue
            needle = found.strip()
            hits = _occurrences(text, needle) or _occurrences(lowered, needle.lower())
            if hits:
                at = min(hits, key=lambda h: (abs(h - e.start), h))
                out.add(ActorSpan(at, at + len(needle), role))
    return sorted(out)


def _occurrences(text: str, needle: str) -> list[int]:
    hits: list[int] = []
    at = text.find(needle)
    while at >= 0:
        hits.append(at)
        at = text.find(needle, at + 1)
    return hits


def _token_range(sentence: ConflibertSentence, span: ActorSpan) -> tuple[int, int] | None:
    inside = [i for i, (a, b) in enumerate(sentence.offsets) if a < span.end and span.start < b]
    return (inside[0], inside[-1] + 1) if inside else None


def _compatible_roles(gold: str, pred: str) -> bool:
    return gold == pred or "R" in (gold, pred)


def span_counts(sentence: ConflibertSentence, spans: Sequence[ActorSpan]) -> IntArray:
    """(levels, roles, 3) [tp, fp, fn] for one sentence: levels ``SPAN_LEVELS``, roles S, T, R.

    A true positive counts under the gold role, a false positive under the predicted role.
    """
    role_index = {r: i for i, r in enumerate(ROLES)}
    out = np.zeros((len(SPAN_LEVELS), len(ROLES), 3), dtype=np.int64)
    # predicted token ranges, with the roles given to each (both roles -> R)
    ranges: dict[tuple[int, int], set[str]] = {}
    for span in spans:
        rng = _token_range(sentence, span)
        if rng is not None:
            ranges.setdefault(rng, set()).add(span.role)
    pred_spans = [
        (a, b, "R" if len(r) > 1 else next(iter(r))) for (a, b), r in sorted(ranges.items())
    ]
    gold_spans = bio_spans(sentence.tags)

    # tokens
    pred_tok: dict[int, set[str]] = {}
    for a, b, role in pred_spans:
        for i in range(a, b):
            pred_tok.setdefault(i, set()).update({"S", "T"} if role == "R" else {role})
    for i, tag in enumerate(sentence.tags):
        g = tag[2:] if tag != "O" else ""
        roles = pred_tok.get(i, set())
        p = ("R" if len(roles) > 1 else next(iter(roles))) if roles else ""
        if g and p and _compatible_roles(g, p):
            out[0, role_index[g], 0] += 1
            continue
        if p:
            out[0, role_index[p], 1] += 1
        if g:
            out[0, role_index[g], 2] += 1

    # spans, exact and overlapping, one to one
    for level, exact in ((1, True), (2, False)):
        edges = [
            [
                j
                for j, (pa, pb, pr) in enumerate(pred_spans)
                if _compatible_roles(gr, pr)
                and ((pa, pb) == (ga, gb) if exact else (pa < gb and ga < pb))
            ]
            for ga, gb, gr in gold_spans
        ]
        owner = max_matching(edges)
        paired = set(owner.values())
        for i, (_, _, gr) in enumerate(gold_spans):
            out[level, role_index[gr], 0 if i in paired else 2] += 1
        for j, (_, _, pr) in enumerate(pred_spans):
            if j not in owner:
                out[level, role_index[pr], 1] += 1
    return out


def score_spans(
    sentences: Sequence[ConflibertSentence],
    predicted: Mapping[str, Sequence[Sequence[ActorSpan]]],
    *,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """``conflibert_spans`` (P/R/F1 per level and role, ``all`` = their sum) and ``summary``
    rows (the ``all`` F1 of each level)."""
    weights = resample_weights(len(sentences), replicates, seed)
    rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    for system, spans in predicted.items():
        if len(spans) != len(sentences):
            raise ValueError(f"{system}: spans for {len(spans)} of {len(sentences)} sentences")
        counts = np.array(
            [span_counts(s, p) for s, p in zip(sentences, spans, strict=True)], dtype=np.int64
        ).reshape(len(sentences), len(SPAN_LEVELS), len(ROLES), 3)
        for li, level in enumerate(SPAN_LEVELS):
            level_rows = _prf_rows(
                system, list(ROLES.values()), counts[:, li], weights, micro="all", macro=None
            )
            for r in level_rows:
                r["level"] = level
            rows.extend(level_rows)
            total = level_rows[-1]
            boot = weights @ counts[:, li].sum(axis=1)
            metric = "token_f1" if level == "token" else f"{level}_f1"
            summary.append(
                _summary_row(
                    "conflibert",
                    system,
                    metric,
                    total["f1"],
                    _prf(boot)[2],
                    f"p={total['p']:.3f} r={total['r']:.3f} tp={total['tp']} fp={total['fp']} fn={total['fn']}",
                )
            )
    df = _prf_frame(rows)
    df.insert(1, "level", [r["level"] for r in rows])
    return {
        "conflibert_spans": df.rename(columns={"class": "role"}),
        "summary": pd.DataFrame(summary, columns=SUMMARY_COLUMNS),
    }


# ---------------------------------------------------------------------------------------------
# running


def default_coder() -> Coder:
    """``nonaligned.text.events.code_text``, imported only when a run needs it (it loads spaCy)."""
    module = importlib.import_module("nonaligned.text.events")
    coder: Coder = module.code_text
    return coder


CODERS = ("rules", "model", "combined", "encoder")


def other_coders(names: Sequence[str]) -> dict[str, Coder]:
    """Coders to score beside the default one: ``rules`` (the rules alone), ``model`` (the learned
    model alone) and ``combined`` (both, as ``nonaligned.text.events.combine`` decides)."""
    out: dict[str, Coder] = {}
    for name in names:
        if name not in CODERS:
            raise NonalignedError(f"unknown coder {name!r}; known: {', '.join(CODERS)}")
        module = importlib.import_module("nonaligned.text.events.combine")
        out[name] = getattr(module, f"code_text_{name}")
    return out


def igo_codes() -> frozenset[str]:
    """The IGO codes of the actor dictionary: any of them matches the gold's class code ``IGO``."""
    path = Path(str(resources.files("nonaligned.text") / "data" / "igo_actors.csv"))
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            codes = {row["code"].strip() for row in csv.DictReader(fh) if row.get("code")}
    except (OSError, KeyError, csv.Error) as exc:
        raise NonalignedError(f"{path}: cannot read the IGO codes ({exc})") from exc
    return frozenset(codes | {IGO_CLASS})


def evaluate_gold(
    plover: Sequence[PloverSentence] | None,
    conflibert: Sequence[ConflibertSentence] | None,
    coder: Coder | None = None,
    *,
    igo: frozenset[str] | None = None,
    statuses: Sequence[str] = COUNTED_STATUSES,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """``evaluate`` on gold already read (the CLI reads it once to describe it)."""
    if plover is None and conflibert is None:
        raise NonalignedError("nothing to evaluate: give a PLOVER or a ConfliBERT gold path")
    code = coder if coder is not None else default_coder()
    out: dict[str, pd.DataFrame] = {}
    summaries: list[pd.DataFrame] = []
    if plover is not None:
        system = [list(code(s.text)) for s in plover]
        scored = score_plover(
            plover,
            {"system": system, "baseline": plover_baseline(plover)},
            igo=igo_codes() if igo is None else igo,
            statuses=statuses,
            replicates=replicates,
            seed=seed,
        )
        summaries.append(scored.pop("summary"))
        out.update(scored)
    if conflibert is not None:
        system = [list(code(s.text)) for s in conflibert]
        gold = [s.label for s in conflibert]
        classes, fell = predict_classes(system, statuses)
        majority = class_baseline(gold)
        scored = score_classes(
            gold,
            {"system": classes, "baseline": [majority] * len(gold)},
            {"system": fell},
            replicates=replicates,
            seed=seed,
        )
        summaries.append(scored.pop("summary"))
        out.update(scored)
        spans = score_spans(
            conflibert,
            {
                "system": [
                    event_spans(s.text, e, statuses)
                    for s, e in zip(conflibert, system, strict=True)
                ],
                "baseline": [[] for _ in conflibert],
            },
            replicates=replicates,
            seed=seed,
        )
        summaries.append(spans.pop("summary"))
        out.update(spans)
    # from records, not pd.concat: concatenating frames with all-NaN columns warns in pandas 2
    summary = pd.DataFrame(
        [r for df in summaries for r in df.to_dict(orient="records")], columns=SUMMARY_COLUMNS
    )
    # plover before conflibert, the system before its baseline, metrics in SUMMARY_METRICS order
    rank = {
        (g, m): i
        for i, (g, m) in enumerate((g, m) for g, ms in SUMMARY_METRICS.items() for m in ms)
    }
    summary = summary.assign(_g=[list(SUMMARY_METRICS).index(g) for g in summary["gold"]])
    summary = summary.assign(
        _s=[0 if s == "system" else 1 for s in summary["system"]],
        _m=[rank[(g, m)] for g, m in zip(summary["gold"], summary["metric"], strict=True)],
    )
    summary = (
        summary.sort_values(["_g", "_s", "_m"], kind="stable")
        .drop(columns=["_g", "_s", "_m"])
        .reset_index(drop=True)
    )
    return {"summary": summary, **out}


def evaluate(
    plover_path: str | Path | None = DEFAULT_PLOVER,
    conflibert_path: str | Path | None = DEFAULT_CONFLIBERT,
    coder: Coder | None = None,
    *,
    statuses: Sequence[str] = COUNTED_STATUSES,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """Score the coder on both gold sets (either path may be None to skip it).

    Tables: ``summary`` (headline metrics, ``SUMMARY_METRICS``), ``plover_events``,
    ``plover_errors``, ``conflibert_classes``, ``conflibert_confusion``, ``conflibert_spans``.
    ``coder`` defaults to ``nonaligned.text.events.code_text``; gold is read (and checked)
    before the coder is loaded.
    """
    plover = read_plover(plover_path) if plover_path is not None else None
    conflibert = read_conflibert(conflibert_path) if conflibert_path is not None else None
    return evaluate_gold(
        plover, conflibert, coder, statuses=statuses, replicates=replicates, seed=seed
    )


# ---------------------------------------------------------------------------------------------
# command line

TITLES: dict[str, str] = {
    "summary": "Event coding: headline metrics",
    "plover_events": "PLOVER GSR: event type per sentence, P/R/F1",
    "plover_errors": "PLOVER GSR: the system's extra and missed events",
    "conflibert_classes": "ConfliBERT CAMEO: 5-way class, P/R/F1",
    "conflibert_confusion": "ConfliBERT CAMEO: confusion (rows gold, columns predicted)",
    "conflibert_spans": "ConfliBERT CAMEO: actor spans, P/R/F1",
}


def _cell(v: Any, lo: Any, hi: Any) -> str:
    if v is None or pd.isna(v):
        return "—"
    if pd.isna(lo):
        return f"{v:.3f}"
    return f"{v:.3f} ({lo:.2f}–{hi:.2f})"


def display_table(df: pd.DataFrame) -> pd.DataFrame:
    """Each rate and its interval in one cell, narrow enough for a terminal."""
    out = df.copy()
    for name in ("p", "r", "f1", "value"):
        lo, hi = f"{name}_lo", f"{name}_hi"
        if name in out.columns and lo in out.columns:
            out[name] = [
                _cell(v, a, b) for v, a, b in zip(out[name], out[lo], out[hi], strict=True)
            ]
            out = out.drop(columns=[lo, hi])
    return out


def _out_path(out: str, name: str) -> Path:
    """``eval.csv`` -> ``eval.summary.csv``: one file per table."""
    path = Path(out)
    return path.with_name(f"{path.stem}.{name}{path.suffix}")


def cmd_evaluate_events(args: argparse.Namespace) -> int:
    """``nonaligned evaluate events``: the tables, or every column in a machine format.

    Standard output: each table under its title, or, in a machine format, one stream whose
    ``table`` column names the table (so json and csv stay one valid document). With ``--out``,
    one file per table beside the given name.
    """
    from ..output import emit

    plover_path = getattr(args, "plover", None)
    conflibert_path = getattr(args, "conflibert", None)
    plover = read_plover(plover_path) if plover_path else None
    conflibert = read_conflibert(conflibert_path) if conflibert_path else None
    # rules-only, model-only and combined rows side by side in the summary (the other tables are
    # the default coder's); an unknown coder name is refused before any scoring
    others = other_coders(getattr(args, "coders", None) or [])
    tables = evaluate_gold(plover, conflibert)
    extra = []
    for name, coder in others.items():
        rows = evaluate_gold(plover, conflibert, coder=coder)["summary"]
        extra.append(rows[rows.system == "system"].assign(system=name))
    if extra:
        summary = tables["summary"]
        tables["summary"] = pd.concat(
            [summary[summary.system != "baseline"], *extra, summary[summary.system == "baseline"]],
            ignore_index=True,
        )
    fmt = getattr(args, "format", "table") or "table"
    out = getattr(args, "out", None)
    parts = []
    if plover is not None:
        parts.append(
            f"PLOVER GSR {len(plover)} sentences / {sum(len(s.events) for s in plover)} events"
        )
    if conflibert is not None:
        parts.append(f"ConfliBERT CAMEO {len(conflibert)} sentences")
    caption = (
        f"{'; '.join(parts)}; 95% bootstrap intervals over sentences ({REPLICATES} replicates)"
    )
    if out:
        for name, df in tables.items():
            shown = display_table(df) if fmt == "table" else df
            emit(shown, fmt, title=f"{TITLES[name]} — {caption}", out=_out_path(out, name))
        print(f"wrote {len(tables)} tables next to {out}", file=sys.stderr)
        return 0
    if fmt == "table":
        for name, df in tables.items():
            emit(display_table(df), fmt, title=f"{TITLES[name]} — {caption}", max_rows=None)
        return 0
    columns = ["table", *dict.fromkeys(c for df in tables.values() for c in df.columns)]
    stream = pd.DataFrame(
        [
            {"table": name, **row}
            for name, df in tables.items()
            for row in df.to_dict(orient="records")
        ],
        columns=columns,
    )
    emit(stream, fmt)
    return 0
