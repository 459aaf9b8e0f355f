"""Scoring against ConfliBERT CAMEO: the 5-way class and the actor spans, with baselines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .bootstrap import _macro, _prf, _prf_frame, _prf_rows, _ratio, _summary_row, resample_weights
from .common import (
    COUNTED_STATUSES,
    DEFAULT_CLASS,
    PENTA_CLASSES,
    REPLICATES,
    ROLES,
    SEED,
    SPAN_LEVELS,
    SUMMARY_COLUMNS,
    ActorSpan,
    ConflibertSentence,
    EventLike,
    IntArray,
)
from .scoring_plover import _counted, max_matching


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
