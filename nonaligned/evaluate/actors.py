"""How well the actor recogniser finds names, scored against re3d, with a model-only baseline.

Why this module is long: one evaluation end to end (reading re3d, mapping its types, matching
spans, scoring with intervals, the model-only baseline, the error listing and its command); each
part is small and used only here, and splitting would scatter one scoring definition over several
files.

Gold: re3d (Dstl 2017), English government and military press releases on the conflict in Syria
and Iraq, annotated with character-offset entities. It is an *evaluation* set: nothing in the
recogniser or its dictionary may be chosen by looking at these scores. The documents carry no
reliable date, so every document is annotated with ``on=None`` (office holders resolve to their
current or latest office, which does not matter here: only spans and types are scored).

Type mapping (``TYPE_MAPPING``), and why it is coarse:

=============  ==============  ============================================
scored type    re3d type       our mention kinds
=============  ==============  ============================================
places         Location        ``state``, ``capital``, ``unknown_place``
organisations  Organisation    ``igo``, ``unknown_org``
persons        Person          ``person``, ``unknown_person``
nationalities  Nationality     ``nationality``, ``unknown_group``
=============  ==============  ============================================

- re3d *Organisation* is broader than our ``igo``: it includes armed groups (ISIL, the SDF),
  ministries, armed forces, companies, and "the United States" used as an actor. Only some are
  IGOs, so the dictionary's ``igo`` and the model's ``unknown_org`` are scored together.
- re3d *Location* includes cities, regions, camps and airfields, not only states and capitals.
- A state named as an actor is sometimes an Organisation in re3d ("The United States") and a
  Location elsewhere; we score the type the gold gives, so such mentions count against us.
- Every other re3d type (Temporal, Quantity, Weapon, Vehicle, MilitaryPlatform, Money, ...) is
  not scored; mentions of kinds outside the table are ignored.

Scoring, per type and over all four types together (micro-average):

- *strict*: a prediction is a true positive when a gold entity has exactly its span and type;
- *lenient*: when their spans overlap and the types agree. Pairs are one-to-one (a maximum
  bipartite matching, not a greedy one, so that the order of spans cannot change the count).
  re3d nests mentions ("The Members of the Security Council" contains "Security Council", both
  Organisation); a flat recogniser can match only one of such a pair, so recall cannot reach 1.
- gold entities are kept whatever their ``confidence``: about a third of them have confidence 0,
  yet they include plain names (ISIL, Iraq, Julie Bishop), so the field does not mark rejection.
  Exact duplicates (same span and type) are counted once.
- re3d also annotates nominal and pronominal mentions ("the civilian workforce", "they"). A name
  recogniser is not meant to find those; they lower recall for both systems alike.
- precision, recall and F1 with 95% percentile bootstrap intervals from resampling *documents*
  (errors within a document are not independent), 1,000 replicates, fixed seed; the same
  resamples are used for every system, type and matching, so their intervals are comparable.
  An undefined rate (no predictions, or no gold) is NaN, and replicates where it is undefined
  are left out of its interval.

Baseline: the same ``Recognizer`` code with an *empty* dictionary, i.e. the spaCy model's own
PERSON/ORG/GPE/LOC/NORP entities through the same paragraphing and capitalisation filter, mapped
as above. The difference between the two rows is what the dictionary adds.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import NonalignedError
from ..text.actors import Mention, Recognizer
from .events.bootstrap import _interval

# scored type -> (re3d type, our mention kinds)
TYPE_MAPPING: dict[str, tuple[str, tuple[str, ...]]] = {
    "places": ("Location", ("state", "capital", "unknown_place")),
    "organisations": ("Organisation", ("igo", "unknown_org")),
    "persons": ("Person", ("person", "unknown_person")),
    "nationalities": ("Nationality", ("nationality", "unknown_group")),
}
SCORED_TYPES: tuple[str, ...] = tuple(TYPE_MAPPING)
ALL = "all"  # the micro-average over SCORED_TYPES
GOLD_TYPES: dict[str, str] = {gold: scored for scored, (gold, _) in TYPE_MAPPING.items()}
KIND_TYPES: dict[str, str] = {
    kind: scored for scored, (_, kinds) in TYPE_MAPPING.items() for kind in kinds
}
MATCHINGS = ("strict", "lenient")
REPLICATES = 1000
SEED = 20170910  # the date of the re3d snapshot; any fixed value would do
DEFAULT_GOLD = Path("..") / "shared" / "data" / "external" / "re3d"
COLUMNS = [
    "system",
    "type",
    "matching",
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
]


@dataclass(frozen=True)
class GoldEntity:
    begin: int
    end: int
    type: str  # the re3d type, e.g. "Organisation"
    value: str
    confidence: float


@dataclass(frozen=True)
class GoldDoc:
    corpus: str  # the sub-corpus folder name
    doc_id: str
    title: str
    text: str
    entities: tuple[GoldEntity, ...]


class Span(NamedTuple):
    """A span scored under one of SCORED_TYPES; ``label`` keeps the original type or kind."""

    start: int
    end: int
    type: str
    label: str


class Annotator(Protocol):
    """Anything with the recogniser's ``annotate``: tests pass stand-ins without spaCy."""

    def annotate(
        self, text: str, on: date | None = None
    ) -> tuple[list[tuple[int, int, str]], list[Mention]]: ...


# ---------------------------------------------------------------------------------------------
# reading re3d


def _corpus_dirs(path: Path) -> list[Path]:
    """``path`` itself when it is one corpus, else its sub-folders that are corpora."""
    if not path.exists():
        raise NonalignedError(f"gold folder not found: {path}")
    if not path.is_dir():
        raise NonalignedError(f"{path}: the gold path must be a folder in re3d's format")

    def is_corpus(folder: Path) -> bool:
        has = [(folder / n).is_file() for n in ("documents.json", "entities.json")]
        if any(has) and not all(has):
            missing = "entities.json" if has[0] else "documents.json"
            raise NonalignedError(f"{folder / missing}: missing (re3d needs both JSON files)")
        return all(has)

    if is_corpus(path):
        return [path]
    found = [d for d in sorted(path.iterdir()) if d.is_dir() and is_corpus(d)]
    if not found:
        raise NonalignedError(
            f"{path}: no re3d corpus (a folder with documents.json and entities.json) in it"
        )
    return found


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line.

    A BOM is dropped wherever a line starts with one, not only at the top of the file: some
    re3d files carry one, and files concatenated with ``cat`` carry one in the middle.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NonalignedError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff").strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NonalignedError(f"{path} line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise NonalignedError(f"{path} line {number}: expected a JSON object")
        yield number, obj


def _field(obj: Mapping[str, Any], key: str, kind: type, path: Path, number: int) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        what = {int: "an integer", str: "a string"}.get(kind, kind.__name__)
        raise NonalignedError(f"{path} line {number}: {key!r} must be {what}, found {value!r}")
    return value


def _read_corpus(folder: Path) -> list[GoldDoc]:
    docs: dict[str, tuple[str, str]] = {}
    doc_path = folder / "documents.json"
    for number, obj in _json_lines(doc_path):
        doc_id = _field(obj, "_id", str, doc_path, number)
        if doc_id in docs:
            raise NonalignedError(f"{doc_path} line {number}: document {doc_id} appears twice")
        title = obj.get("title")
        docs[doc_id] = (
            title if isinstance(title, str) else "",
            _field(obj, "text", str, doc_path, number),
        )
    ents: dict[str, list[GoldEntity]] = {d: [] for d in docs}
    ent_path = folder / "entities.json"
    for number, obj in _json_lines(ent_path):
        doc_id = _field(obj, "documentId", str, ent_path, number)
        if doc_id not in docs:
            raise NonalignedError(
                f"{ent_path} line {number}: document {doc_id} is not in {doc_path.name}"
            )
        begin = _field(obj, "begin", int, ent_path, number)
        end = _field(obj, "end", int, ent_path, number)
        if not 0 <= begin < end <= len(docs[doc_id][1]):
            raise NonalignedError(
                f"{ent_path} line {number}: span {begin}-{end} is outside the document's text"
            )
        confidence = obj.get("confidence", 1.0)
        value = obj.get("value")
        ents[doc_id].append(
            GoldEntity(
                begin,
                end,
                _field(obj, "type", str, ent_path, number),
                value if isinstance(value, str) else docs[doc_id][1][begin:end],
                float(confidence) if isinstance(confidence, int | float) else 1.0,
            )
        )
    return [
        GoldDoc(folder.name, doc_id, title, text, tuple(sorted(ents[doc_id], key=_gold_order)))
        for doc_id, (title, text) in docs.items()
    ]


def _gold_order(e: GoldEntity) -> tuple[int, int, str]:
    return (e.begin, e.end, e.type)


def read_re3d(path: str | Path) -> list[GoldDoc]:
    """Every document of the re3d corpus (or folder of corpora) at ``path``, in file order.

    A missing or malformed file is a NonalignedError naming the file (and line), because the
    gold path is given by the user and a traceback would not say which file to fix.
    """
    return [doc for folder in _corpus_dirs(Path(path)) for doc in _read_corpus(folder)]


# ---------------------------------------------------------------------------------------------
# spans and matching


def gold_spans(doc: GoldDoc) -> list[Span]:
    """The doc's scored gold spans, one per (span, type)."""
    seen: dict[tuple[int, int, str], Span] = {}
    for e in doc.entities:
        scored = GOLD_TYPES.get(e.type)
        if scored is not None:
            seen.setdefault((e.begin, e.end, scored), Span(e.begin, e.end, scored, e.type))
    return sorted(seen.values())


def predicted_spans(mentions: Iterable[Mention]) -> list[Span]:
    """The mentions of a scored kind as spans, one per (span, type)."""
    seen: dict[tuple[int, int, str], Span] = {}
    for m in mentions:
        scored = KIND_TYPES.get(m.kind)
        if scored is not None:
            seen.setdefault((m.start, m.end, scored), Span(m.start, m.end, scored, m.kind))
    return sorted(seen.values())


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def match(gold: Sequence[Span], pred: Sequence[Span], matching: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of the same type.

    strict: identical spans; lenient: overlapping spans, as many pairs as possible (Kuhn's
    augmenting paths: a greedy pass can pair a prediction with the wrong one of two nested gold
    spans and so under-count).
    """
    if matching not in MATCHINGS:
        raise ValueError(f"matching must be one of {MATCHINGS}, not {matching!r}")
    if matching == "strict":
        where = {(g.start, g.end, g.type): i for i, g in enumerate(gold)}
        return sorted(
            (where[(p.start, p.end, p.type)], j)
            for j, p in enumerate(pred)
            if (p.start, p.end, p.type) in where
        )
    edges = [[j for j, p in enumerate(pred) if p.type == g.type and _overlap(g, p)] for g in gold]
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(i: int, visited: set[int]) -> bool:
        for j in edges[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def counts(gold: Sequence[Span], pred: Sequence[Span], matching: str) -> dict[str, list[int]]:
    """[tp, fp, fn] per scored type (and ``all``) for one document."""
    out = {t: [0, 0, 0] for t in (*SCORED_TYPES, ALL)}
    pairs = match(gold, pred, matching)
    for i, _ in pairs:
        out[gold[i].type][0] += 1
    for p in pred:
        out[p.type][1] += 1
    for g in gold:
        out[g.type][2] += 1
    for t in SCORED_TYPES:
        out[t][1] -= out[t][0]
        out[t][2] -= out[t][0]
        for k in range(3):
            out[ALL][k] += out[t][k]
    return out


# ---------------------------------------------------------------------------------------------
# rates and bootstrap

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def rates(tp: IntArray, fp: IntArray, fn: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Precision, recall, F1 (= 2tp / (2tp + fp + fn)); NaN where a denominator is 0."""

    def ratio(num: IntArray, den: IntArray) -> FloatArray:
        out = np.full(np.shape(num), np.nan)
        np.divide(num, den, out=out, where=den > 0)
        return out

    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


DocCounts = Mapping[str, Mapping[str, Sequence[int]]]  # matching -> type -> [tp, fp, fn]


def score(
    per_doc: Mapping[str, Sequence[DocCounts]],
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> pd.DataFrame:
    """The result table from per-document counts.

    ``per_doc[system][d][matching][type]`` is [tp, fp, fn] for document d (from ``counts``).
    Every system must cover the same documents: the bootstrap draws one set of document
    resamples and applies it to all, so that systems are compared on the same replicates.
    """
    sizes = {len(v) for v in per_doc.values()}
    if len(sizes) > 1:
        raise ValueError("every system must be scored on the same documents")
    n_docs = sizes.pop() if sizes else 0
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_docs, size=(replicates, n_docs)) if n_docs else None
    rows: list[dict[str, Any]] = []
    for system, docs in per_doc.items():
        for kind in (*SCORED_TYPES, ALL):
            for matching in MATCHINGS:
                arr: IntArray = np.array([d[matching][kind] for d in docs], dtype=np.int64)
                arr = arr.reshape(n_docs, 3)
                total = arr.sum(axis=0, keepdims=True)  # (1, 3)
                tp, fp, fn = total[:, 0], total[:, 1], total[:, 2]
                p, r, f1 = (float(v[0]) for v in rates(tp, fp, fn))
                row: dict[str, Any] = {
                    "system": system,
                    "type": kind,
                    "matching": matching,
                    "p": p,
                    "r": r,
                    "f1": f1,
                    "tp": int(tp[0]),
                    "fp": int(fp[0]),
                    "fn": int(fn[0]),
                }
                if draws is not None and replicates > 0:
                    boot = arr[draws].sum(axis=1)  # (replicates, 3)
                    samples = rates(boot[:, 0], boot[:, 1], boot[:, 2])
                    for name, s in zip(("p", "r", "f1"), samples, strict=True):
                        row[f"{name}_lo"], row[f"{name}_hi"] = _interval(s)
                else:
                    for name in ("p", "r", "f1"):
                        row[f"{name}_lo"] = row[f"{name}_hi"] = float("nan")
                rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


# ---------------------------------------------------------------------------------------------
# running the systems


def baseline_recognizer(nlp: Any | None = None) -> Recognizer:
    """The recogniser with an empty dictionary: only the spaCy model's entities survive, through
    exactly the code path the full system uses, so the difference is the dictionary alone."""
    from ..text import nlp as nlp_module
    from ..text.actors import ActorDictionary

    return Recognizer(ActorDictionary(entries=[]), nlp if nlp is not None else nlp_module.load())


def predict(docs: Sequence[GoldDoc], annotator: Annotator) -> list[list[Span]]:
    """Scored predicted spans per document; re3d has no reliable dates, hence ``on=None``."""
    return [predicted_spans(annotator.annotate(doc.text, None)[1]) for doc in docs]


def _systems(recognizer: Annotator | None, baseline: bool) -> dict[str, Annotator]:
    if recognizer is None:
        from ..text.actors import default_recognizer

        recognizer = default_recognizer()
    systems: dict[str, Annotator] = {"system": recognizer}
    if baseline:
        systems["baseline"] = baseline_recognizer(getattr(recognizer, "nlp", None))
    return systems


def evaluate_docs(
    docs: Sequence[GoldDoc],
    recognizer: Annotator | None = None,
    baseline: bool = True,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> pd.DataFrame:
    """``evaluate`` on documents already read (the CLI reads them once to describe them)."""
    golds = [gold_spans(d) for d in docs]
    per_doc: dict[str, list[dict[str, dict[str, list[int]]]]] = {}
    for name, annotator in _systems(recognizer, baseline).items():
        preds = predict(docs, annotator)
        per_doc[name] = [
            {m: counts(g, p, m) for m in MATCHINGS} for g, p in zip(golds, preds, strict=True)
        ]
    return score(per_doc, replicates, seed)


def evaluate(
    gold_path: str | Path,
    recognizer: Annotator | None = None,
    baseline: bool = True,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per system x type x matching: p, r, f1 with 95% bootstrap intervals, tp/fp/fn.

    ``recognizer`` defaults to the bundled one; ``baseline`` adds the model-only rows.
    """
    return evaluate_docs(read_re3d(gold_path), recognizer, baseline, replicates, seed)


# ---------------------------------------------------------------------------------------------
# inspecting errors

ERROR_COLUMNS = ["corpus", "doc_id", "type", "error", "start", "end", "text", "label", "near"]


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def error_listing(
    docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Span]], matching: str = "strict"
) -> pd.DataFrame:
    """Every false positive and false negative, one row each, for reading rather than scoring.

    ``label`` is our kind (fp) or the re3d type (fn); ``near`` lists the spans on the other
    side that overlap it ("[Security Council] organisations/Organisation"), which tells a
    boundary error or a type confusion from a plain miss or invention.
    """
    rows: list[dict[str, Any]] = []
    for doc, pred in zip(docs, predictions, strict=True):
        gold = gold_spans(doc)
        pairs = match(gold, pred, matching)
        hit_gold = {i for i, _ in pairs}
        hit_pred = {j for _, j in pairs}

        def near(span: Span, others: Sequence[Span], d: GoldDoc = doc) -> str:
            return "; ".join(
                f"[{d.text[o.start : o.end]}] {o.type}/{o.label}"
                for o in others
                if _overlap(span, o)
            )

        for error, spans, hit, others in (
            ("fp", pred, hit_pred, gold),
            ("fn", gold, hit_gold, pred),
        ):
            for k, s in enumerate(spans):
                if k in hit:
                    continue
                rows.append(
                    {
                        "corpus": doc.corpus,
                        "doc_id": doc.doc_id,
                        "type": s.type,
                        "error": error,
                        "start": s.start,
                        "end": s.end,
                        "text": _context(doc.text, s.start, s.end),
                        "label": s.label,
                        "near": near(s, others),
                    }
                )
    df = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    return df.sort_values(["corpus", "doc_id", "start", "error"], kind="stable").reset_index(
        drop=True
    )


def errors(
    gold_path: str | Path,
    recognizer: Annotator | None = None,
    *,
    system: str = "system",
    matching: str = "strict",
) -> pd.DataFrame:
    """``error_listing`` for ``system`` ("system" or "baseline") on the gold at ``gold_path``."""
    if system not in ("system", "baseline"):
        raise ValueError(f"system must be 'system' or 'baseline', not {system!r}")
    docs = read_re3d(gold_path)
    annotator = _systems(recognizer, system == "baseline")[system]
    return error_listing(docs, predict(docs, annotator), matching)


# ---------------------------------------------------------------------------------------------
# command line


def _with_interval(df: pd.DataFrame, name: str) -> list[str]:
    def cell(v: float, lo: float, hi: float) -> str:
        if np.isnan(v):
            return "—"
        if np.isnan(lo):
            return f"{v:.3f}"
        return f"{v:.3f} ({lo:.2f}–{hi:.2f})"

    return [
        cell(v, lo, hi)
        for v, lo, hi in zip(df[name], df[f"{name}_lo"], df[f"{name}_hi"], strict=True)
    ]


def display_table(df: pd.DataFrame) -> pd.DataFrame:
    """The result with each rate and its interval in one cell, narrow enough for a terminal."""
    return pd.DataFrame(
        {
            "system": df["system"],
            "type": df["type"],
            "matching": df["matching"],
            "precision": _with_interval(df, "p"),
            "recall": _with_interval(df, "r"),
            "F1": _with_interval(df, "f1"),
            "tp": df["tp"],
            "fp": df["fp"],
            "fn": df["fn"],
        }
    )


def cmd_evaluate_actors(args: argparse.Namespace) -> int:
    """``nonaligned evaluate actors``: the table, or every column in a machine format."""
    from ..output import emit

    docs = read_re3d(args.gold)
    df = evaluate_docs(docs)
    corpora = sorted({d.corpus for d in docs})
    fmt = getattr(args, "format", "table") or "table"
    title = (
        f"Actor recognition: {len(docs)} documents ({', '.join(corpora)}) from {args.gold}; "
        f"95% bootstrap intervals over documents ({REPLICATES} replicates)"
    )
    emit(display_table(df) if fmt == "table" else df, fmt, title=title, out=args.out)
    return 0
