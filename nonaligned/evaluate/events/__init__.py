"""How well the event coder codes events, scored against two public gold sets, with baselines.

The package: :mod:`.common` (constants, columns, record types), :mod:`.gold_plover` and
:mod:`.gold_conflibert` (the two gold formats), :mod:`.bootstrap` (intervals and P/R/F1 rows),
:mod:`.scoring_plover` and :mod:`.scoring_conflibert` (the scores and their baselines); this
module runs them (:func:`evaluate`), renders the tables and holds the command. Every name the
single module offered is still importable from here.

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
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import NonalignedError
from ...text.plover import PLOVER_EVENTS as PLOVER_EVENTS

# re-exported: the names this package offered as one module
from .bootstrap import _interval as _interval
from .bootstrap import _prf_frame as _prf_frame
from .bootstrap import _prf_rows as _prf_rows
from .bootstrap import _ratio as _ratio
from .bootstrap import resample_weights as resample_weights
from .common import (
    COUNTED_STATUSES,
    DEFAULT_CONFLIBERT,
    DEFAULT_PLOVER,
    IGO_CLASS,
    REPLICATES,
    SEED,
    SUMMARY_COLUMNS,
    SUMMARY_METRICS,
    Coder,
    ConflibertSentence,
    PloverSentence,
)
from .common import GOLD_CODE_FIXES as GOLD_CODE_FIXES
from .common import PLOVER_MAPPING as PLOVER_MAPPING
from .common import PRF_COLUMNS as PRF_COLUMNS
from .common import ActorSpan as ActorSpan
from .common import EventLike as EventLike
from .common import GoldEvent as GoldEvent
from .common import PredictedEvent as PredictedEvent
from .gold_conflibert import read_conflibert
from .gold_plover import read_plover
from .scoring_conflibert import bio_spans as bio_spans
from .scoring_conflibert import (
    class_baseline,
    event_spans,
    predict_classes,
    score_classes,
    score_spans,
)
from .scoring_conflibert import sentence_class as sentence_class
from .scoring_conflibert import span_counts as span_counts
from .scoring_plover import compatible as compatible
from .scoring_plover import max_matching as max_matching
from .scoring_plover import plover_baseline, score_plover
from .scoring_plover import plover_counts as plover_counts

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
    from ...output import emit

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


__all__ = [
    "CODERS",
    "COUNTED_STATUSES",
    "DEFAULT_CONFLIBERT",
    "DEFAULT_PLOVER",
    "GOLD_CODE_FIXES",
    "IGO_CLASS",
    "PLOVER_EVENTS",
    "PLOVER_MAPPING",
    "PRF_COLUMNS",
    "REPLICATES",
    "SEED",
    "SUMMARY_COLUMNS",
    "SUMMARY_METRICS",
    "TITLES",
    "ActorSpan",
    "Coder",
    "ConflibertSentence",
    "EventLike",
    "GoldEvent",
    "PloverSentence",
    "PredictedEvent",
    "_interval",
    "_prf_frame",
    "_prf_rows",
    "_ratio",
    "bio_spans",
    "class_baseline",
    "cmd_evaluate_events",
    "compatible",
    "default_coder",
    "display_table",
    "evaluate",
    "evaluate_gold",
    "event_spans",
    "igo_codes",
    "max_matching",
    "other_coders",
    "plover_baseline",
    "plover_counts",
    "predict_classes",
    "read_conflibert",
    "read_plover",
    "resample_weights",
    "score_classes",
    "score_plover",
    "score_spans",
    "sentence_class",
    "span_counts",
]
