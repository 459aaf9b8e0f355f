"""How well the claims checker finds claims and judges them, on a labelled set kept apart.

Gold (``evaluation/claims/claims_gold.jsonl``, written separately from the finder and never read
to build or tune it): one JSON object per line, ``{"id", "text", "on", "lang", "claims": [{"start",
"end", "type", "states", "refers_to", "verdict", "why"}]}`` with ``start``/``end`` the character
span of the claim's sentence in ``text``.

Scoring, per document:

- *finding*: a predicted claim matches a gold claim when their spans overlap; pairs are one to one
  (maximum bipartite matching, :func:`nonaligned.evaluate.events.max_matching`). Scored twice:
  ``any type`` (overlap alone) and ``same type`` (overlap and equal type). Per-type P/R/F1 use the
  same-type matching (a true positive counts in its type's row, an unmatched prediction in its
  predicted type's row, an unmatched gold claim in its gold type's row).
- *verdicts*: accuracy of the verdict on the claims matched by overlap (any type), and the
  confusion of gold and predicted verdicts.
- A document the checker refuses (not English, a date before the records) gives no prediction.

Baseline: every sentence naming a state (the recogniser's state, demonym, capital and office-holder
mentions) is a claim of the gold's most frequent type with the verdict ``not checkable``.

Intervals: 95 % percentile bootstrap over *documents* (1,000 replicates, fixed seed), one set of
resamples shared by the system and the baseline (the conventions of :mod:`.events`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import NonalignedError
from .events import (
    REPLICATES,
    _interval,
    _prf_frame,
    _prf_rows,
    _ratio,
    display_table,
    max_matching,
    resample_weights,
)

DEFAULT_GOLD = Path("evaluation") / "claims" / "claims_gold.jsonl"
SEED = 20220222  # the date of the seed article on allied interaction; any fixed value would do
VERDICTS = ("supported", "contradicted", "mixed", "not checkable")
TYPES = (
    "membership", "count", "vote", "alliance", "relations", "alignment", "quantity", "opinion",
)  # fmt: skip
TITLES: dict[str, str] = {
    "finding": "Claims: finding P/R/F1 (span overlap; any type / same type)",
    "types": "Claims: finding per type (same-type matching)",
    "verdicts": "Claims: verdict accuracy on matched claims",
    "confusion": "Claims: verdicts (rows gold, columns predicted)",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    verdict: str


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    on: str | None
    lang: str
    claims: tuple[Span, ...]


def read_gold(path: str | Path) -> list[GoldDoc]:
    """The gold documents; a malformed line is refused with its number."""
    p = Path(path)
    if not p.is_file():
        raise NonalignedError(
            f"claims gold file {p} not found (expected JSON Lines, one document a line)"
        )
    docs: list[GoldDoc] = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            claims = tuple(
                Span(int(c["start"]), int(c["end"]), str(c["type"]), str(c["verdict"]))
                for c in obj.get("claims", [])
            )
            docs.append(
                GoldDoc(
                    str(obj.get("id", n)),
                    str(obj["text"]),
                    obj.get("on"),
                    str(obj.get("lang", "en")),
                    claims,
                )
            )
        except (ValueError, KeyError, TypeError) as err:
            raise NonalignedError(f"{p}:{n}: not a valid gold line ({err})") from err
    return docs


Predictor = Callable[[GoldDoc], list[Span]]


def system_predictor(records: Any = None) -> Predictor:
    """The claims checker as a predictor (a refused document predicts nothing)."""
    from ..claims import check

    def predict(doc: GoldDoc) -> list[Span]:
        try:
            found = check(doc.text, doc.on, records=records)
        except NonalignedError:
            return []
        return [Span(c.start, c.end, c.type, c.verdict) for c in found]

    return predict


def baseline_predictor(gold: Sequence[GoldDoc]) -> Predictor:
    """Every sentence naming a state: a claim of the most frequent gold type, not checkable."""
    from ..records.countries import load_states
    from ..text.actors import default_recognizer

    counts = Counter(c.type for d in gold for c in d.claims)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    kind = top[0][0] if top else "membership"
    iso3 = {s.iso3 for s in load_states().all()}
    rec = default_recognizer()

    def predict(doc: GoldDoc) -> list[Span]:
        from ..dates import parse_date

        try:
            on = parse_date(doc.on, what="date")
        except NonalignedError:
            on = None
        sentences, mentions = rec.annotate(doc.text, on)
        named = {m.sent for m in mentions if m.code and str(m.code) in iso3}
        return [
            Span(s, e, kind, "not checkable") for i, (s, e, _) in enumerate(sentences) if i in named
        ]

    return predict


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def doc_counts(gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, Any]:
    """One document's counts: finding (any/same type), per-type, verdicts matched and correct."""
    any_edges = [[j for j, g in enumerate(gold) if _overlap(p, g)] for p in pred]
    typed_edges = [
        [j for j, g in enumerate(gold) if _overlap(p, g) and p.type == g.type] for p in pred
    ]
    any_match = max_matching(any_edges)  # {gold j: pred i}
    typed_match = max_matching(typed_edges)
    finding = np.zeros((2, 3), dtype=np.int64)
    for row, match in enumerate((any_match, typed_match)):
        tp = len(match)
        finding[row] = (tp, len(pred) - tp, len(gold) - tp)
    types = np.zeros((len(TYPES), 3), dtype=np.int64)
    matched_pred = set(typed_match.values())
    for j, g in enumerate(gold):
        k = TYPES.index(g.type) if g.type in TYPES else None
        if k is not None:
            types[k, 0 if j in typed_match else 2] += 1
    for i, p in enumerate(pred):
        if i not in matched_pred and p.type in TYPES:
            types[TYPES.index(p.type), 1] += 1
    confusion = np.zeros((len(VERDICTS), len(VERDICTS)), dtype=np.int64)
    correct = 0
    for j, i in any_match.items():
        gv, pv = gold[j].verdict, pred[i].verdict
        correct += gv == pv
        if gv in VERDICTS and pv in VERDICTS:
            confusion[VERDICTS.index(gv), VERDICTS.index(pv)] += 1
    return {
        "finding": finding,
        "types": types,
        "verdicts": np.array([len(any_match), correct], dtype=np.int64),
        "confusion": confusion,
    }


def score(
    gold: Sequence[GoldDoc], systems: dict[str, Predictor], replicates: int = REPLICATES
) -> dict[str, pd.DataFrame]:
    """The four tables for each named predictor over the same bootstrap resamples."""
    weights = resample_weights(len(gold), replicates, SEED)
    finding_rows: list[dict[str, Any]] = []
    type_rows: list[dict[str, Any]] = []
    verdict_rows: list[dict[str, Any]] = []
    confusions: list[pd.DataFrame] = []
    for name, predict in systems.items():
        per = [doc_counts(d.claims, predict(d)) for d in gold]
        finding = np.stack([c["finding"] for c in per]) if per else np.zeros((0, 2, 3), np.int64)
        finding_rows += _prf_rows(
            name, ["any type", "same type"], finding, weights, micro=None, macro=None
        )
        types = (
            np.stack([c["types"] for c in per]) if per else np.zeros((0, len(TYPES), 3), np.int64)
        )
        type_rows += _prf_rows(name, list(TYPES), types, weights)
        v = np.stack([c["verdicts"] for c in per]) if per else np.zeros((0, 2), np.int64)
        total = v.sum(axis=0) if len(v) else np.zeros(2, np.int64)
        boot = weights @ v if len(v) else np.zeros((replicates, 2))
        acc = _ratio(total[1], total[0])
        lo, hi = _interval(_ratio(boot[:, 1], boot[:, 0]))
        verdict_rows.append(
            {
                "system": name,
                "matched": int(total[0]),
                "correct": int(total[1]),
                "value": float(acc),
                "value_lo": lo,
                "value_hi": hi,
            }
        )
        conf = sum((c["confusion"] for c in per), np.zeros((4, 4), np.int64))
        df = pd.DataFrame(conf, columns=list(VERDICTS))
        df.insert(0, "gold", list(VERDICTS))
        df.insert(0, "system", name)
        confusions.append(df)
    return {
        "finding": _prf_frame(finding_rows),
        "types": _prf_frame(type_rows),
        "verdicts": pd.DataFrame(verdict_rows),
        "confusion": pd.concat(confusions, ignore_index=True) if confusions else pd.DataFrame(),
    }


def evaluate_claims(
    gold_path: str | Path = DEFAULT_GOLD,
    *,
    records: Any = None,
    replicates: int = REPLICATES,
    systems: dict[str, Predictor] | None = None,
) -> dict[str, pd.DataFrame]:
    """Finding precision/recall (any type, same type, per type) and verdict accuracy with 95 %
    bootstrap intervals over documents, for the checker and the baseline."""
    gold = read_gold(gold_path)
    if not gold:
        raise NonalignedError(f"{gold_path}: no gold documents")
    if systems is None:
        systems = {"system": system_predictor(records), "baseline": baseline_predictor(gold)}
    return score(gold, systems, replicates)


def add_claims_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``claims`` to the ``evaluate`` sub-parsers (``esub`` in cli.build_parser)."""
    from ..output import FORMATS, DefaultFormat

    q: argparse.ArgumentParser = subparsers.add_parser(
        "claims",
        help="claims checker vs the project's labelled claims: finding P/R/F1 and verdict "
        "accuracy with bootstrap intervals, with a baseline",
    )
    q.add_argument(
        "--gold",
        metavar="PATH",
        default=str(DEFAULT_GOLD),
        help=f"gold JSON Lines file (default {DEFAULT_GOLD}), e.g. --gold {DEFAULT_GOLD}",
    )
    q.add_argument(
        "--out",
        metavar="FILE",
        help="write one file per table (eval.csv -> eval.finding.csv, ...) instead of standard "
        "output, each in the format the extension names unless --format says otherwise, "
        "e.g. --out eval.csv",
    )
    q.add_argument(
        "--format",
        choices=FORMATS,
        default=DefaultFormat("table"),
        help="output format (default table; with --out and no --format, the file's extension "
        "decides: .csv, .json, .jsonl, .parquet, .txt for a table), e.g. --format json",
    )
    q.set_defaults(func=cmd_evaluate_claims)
    return q


def cmd_evaluate_claims(args: argparse.Namespace) -> int:
    """``nonaligned evaluate claims``: the four tables, or one machine-readable stream."""
    from ..output import emit
    from ..records import Records, open_store

    gold_path = getattr(args, "gold", None) or DEFAULT_GOLD
    rec = Records(open_store(getattr(args, "db", None)))
    try:
        tables = evaluate_claims(gold_path, records=rec)
    finally:
        rec.store.close()
    n_docs = len(read_gold(gold_path))
    caption = (
        f"{n_docs} documents; 95% bootstrap intervals over documents ({REPLICATES} replicates)"
    )
    fmt = getattr(args, "format", "table") or "table"
    out = getattr(args, "out", None)
    if out:
        for name, df in tables.items():
            path = Path(out)
            target = path.with_name(f"{path.stem}.{name}{path.suffix}")
            emit(
                display_table(df) if fmt == "table" else df,
                fmt,
                title=f"{TITLES[name]} — {caption}",
                out=target,
            )
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
