"""Scoring against PLOVER GSR: event types, sources, targets and triples, with a majority baseline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...text.plover import PLOVER_EVENTS
from .bootstrap import _macro, _prf, _prf_frame, _prf_rows, _ratio, _summary_row, resample_weights
from .common import (
    COUNTED_STATUSES,
    ERROR_COLUMNS,
    IGO_CLASS,
    REPLICATES,
    SEED,
    SUMMARY_COLUMNS,
    EventLike,
    GoldEvent,
    IntArray,
    PloverSentence,
    PredictedEvent,
)


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
