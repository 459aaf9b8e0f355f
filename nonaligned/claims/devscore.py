"""The finder's precision and recall by claim type on the project's development set.

``python -m nonaligned.claims.devscore [PATH] [--misses]`` reads
``nonaligned/claims/data/finder_dev.jsonl`` (written by the project to develop the finder's
patterns; see ``data/SOURCE.md``; never the evaluation set), runs the recogniser and the finder
(no checkers, no store) and prints, per type, true positives, false positives, false negatives,
precision and recall. A found claim matches a labelled one when their sentence spans overlap and
their types are equal (one to one). ``subject`` is the share of matched claims whose first state
is the labelled subject. ``--misses`` lists the sentences missed and the claims found wrongly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .finder import Candidate, Finder

DEV = Path(__file__).resolve().parent / "data" / "finder_dev.jsonl"
TYPES = (
    "membership", "count", "vote", "alliance", "relations", "alignment", "quantity", "opinion",
)  # fmt: skip


@dataclass
class Row:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    subject_ok: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")


@dataclass
class Score:
    rows: dict[str, Row] = field(default_factory=lambda: {t: Row() for t in TYPES})
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)  # matched, with another subject

    @property
    def total(self) -> Row:
        out = Row()
        for r in self.rows.values():
            out.tp, out.fp, out.fn = out.tp + r.tp, out.fp + r.fp, out.fn + r.fn
            out.subject_ok += r.subject_ok
        return out


def read(path: str | Path = DEV) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def find(text: str, on: date) -> list[Candidate]:
    """The finder's candidates for ``text`` as of ``on`` (the recogniser, then the patterns)."""
    from ..records.countries import load_states
    from ..text.actors import default_recognizer

    if not _CACHE:
        _CACHE.append((Finder({str(s.iso3) for s in load_states().all()}), default_recognizer()))
    finder, recognizer = _CACHE[0]
    sentences, mentions = recognizer.annotate(text, on)
    return finder.find(text, sentences, mentions, on)


_CACHE: list[tuple[Finder, Any]] = []  # the finder and the recogniser, built once


def score(docs: Sequence[dict[str, Any]]) -> Score:
    out = Score()
    for d in docs:
        text = str(d["text"])
        found = find(text, date.fromisoformat(str(d["on"])))
        used: set[int] = set()
        for g in d["claims"]:
            row = out.rows[g["type"]]
            hit = next(
                (
                    i
                    for i, c in enumerate(found)
                    if i not in used
                    and c.type == g["type"]
                    and c.start < g["end"]
                    and g["start"] < c.end
                ),
                None,
            )
            if hit is None:
                row.fn += 1
                out.misses.append(f"{g['type']:<10} {text[g['start'] : g['end']]}")
                continue
            used.add(hit)
            row.tp += 1
            gold_states = g.get("states") or []
            if not gold_states or (found[hit].states[:1] == gold_states[:1]):
                row.subject_ok += 1
            else:
                out.subjects.append(
                    f"{g['type']:<10} {found[hit].states} {text[g['start'] : g['end']]}"
                )
        for i, c in enumerate(found):
            if i not in used:
                out.rows[c.type].fp += 1
                out.wrong.append(f"{c.type:<10} {c.states} {c.sentence}")
    return out


def table(s: Score) -> str:
    lines = [f"{'type':<11}{'tp':>4}{'fp':>4}{'fn':>4}{'P':>7}{'R':>7}{'subject':>9}"]
    for name, r in [*s.rows.items(), ("all", s.total)]:
        subj = r.subject_ok / r.tp if r.tp else float("nan")
        lines.append(
            f"{name:<11}{r.tp:>4}{r.fp:>4}{r.fn:>4}{r.precision:>7.2f}{r.recall:>7.2f}{subj:>9.2f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m nonaligned.claims.devscore", description=__doc__)
    ap.add_argument("path", nargs="?", default=str(DEV))
    ap.add_argument("--misses", action="store_true", help="list misses and wrong finds")
    args = ap.parse_args(argv)
    s = score(read(args.path))
    print(table(s))
    if args.misses:
        print("\nmissed:", *s.misses, sep="\n  ")
        print("\nfound wrongly:", *s.wrong, sep="\n  ")
        print("\nanother subject:", *s.subjects, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
