"""Events that code one actor while their sentence names another: the both-actors check.

    .venv/bin/python rebuild/both_actors.py [--list] [--rules] [PATH ...]

Codes the project's sample corpus (``nonaligned/text/sample``) and the seed pages
(``../shared/corpus/seeds``) — or the given files and folders — the way the ingest does, and
counts the counted events (status asserted, intended or hypothetical; not a bare statement 010)
that have a source or a target but not both, while their sentence names another resolved actor
(a mention with a code other than the coded one). That is an upper bound on missed actors: the
other actor may be a bystander ("talks in Baku" names a place). ``--list`` prints each one;
``--rules`` codes with the rules alone (no learned model). The figure is the one issue 12's
"every event with a named source and target has both coded" is measured by.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nonaligned.text.events import DocInput, Event

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "nonaligned" / "text" / "sample"
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def doc_inputs(paths: list[Path]) -> Iterator[tuple[str, DocInput]]:
    """DocInputs as the ingest builds them (a file's mtime is not a publication date)."""
    from nonaligned.text.actors import default_recognizer
    from nonaligned.text.events import DocInput
    from nonaligned.text.extract import Document, extract
    from nonaligned.text.readers import RawDoc, iter_inputs

    rec = default_recognizer()
    for raw in iter_inputs([str(p) for p in paths]):
        if not isinstance(raw, RawDoc):
            continue
        doc = extract(raw)
        if not isinstance(doc, Document):
            continue
        page_date = doc.published is not None and doc.date_source != "file-mtime"
        published = doc.published.date() if page_date and doc.published else None
        sents, mentions = rec.annotate(doc.text, published)
        yield Path(doc.path).name, DocInput(doc.doc_id, doc.text, published, sents, mentions)


def one_sided(
    paths: list[Path], rules_only: bool
) -> tuple[list[tuple[str, Event, list[str]]], int, int]:
    """(file, event, other codes named in its sentence) for each one-sided counted event, the
    number of counted events and of those with both actors coded."""
    from nonaligned.text import events
    from nonaligned.text.events.candidates import _coreference

    dictionary = events.default_dictionary() if rules_only else None
    out: list[tuple[str, Event, list[str]]] = []
    counted = both = 0
    for name, doc in doc_inputs(paths):
        coded = _coreference(doc)
        for e in events.code_batch([doc], dictionary=dictionary):
            if e.status == "negated" or e.cameo == "010":
                continue
            counted += 1
            both += e.actor is not None and e.recipient is not None
            if (e.actor is None) == (e.recipient is None):
                continue
            s, end, _ = doc.sentences[e.sent]
            own = e.actor or e.recipient
            others = sorted(
                {c for m, c in coded if c is not None and s <= m.start < end and c != own}
            )
            if others:
                out.append((name, e, others))
    return out, counted, both


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--list", action="store_true", help="print each one-sided event")
    ap.add_argument("--rules", action="store_true", help="the rules alone, without the model")
    args = ap.parse_args(argv)
    paths = args.paths or [p for p in (SAMPLE, SEEDS) if p.exists()]
    found, counted, both = one_sided(paths, args.rules)
    if args.list:
        for name, e, others in found:
            print(
                f"{name}\t{e.cameo}\t{e.actor}->{e.recipient}\t{e.status}\tothers={','.join(others)}"
                f"\t{e.sentence.strip()[:200]}"
            )
    print(f"counted events: {counted}; with both actors coded: {both}")
    print(f"one-sided events whose sentence names another actor: {len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
