"""Ingest: files -> clean, dated, de-duplicated documents with sentences and actor mentions.

The work is split so that the expensive part is a pure function over a batch:

    process_batch(raws, annotate=True) -> list[Processed]    # extract + sentences + actors

which the local process pool (and, later, Spark) can run anywhere. Everything stateful stays in the
calling process: deciding what is new (inputs already seen are skipped by ``source_key``), near-
duplicate detection against everything stored, and writing. Each batch is written in one
transaction, so an interrupted ingest keeps every batch committed before the interruption and a
re-run continues after it; ingesting the same inputs twice adds nothing.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from .store import Store
from .text.dedup import NearDuplicateIndex
from .text.extract import Document, extract
from .text.readers import RawDoc, Skip, iter_inputs


@dataclass
class Processed:
    """One input after the pure stage: a document with its annotations, or a skip."""

    raw_key: str
    path: str
    member: str | None
    doc: Document | None = None
    skip_reason: str | None = None
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    mentions: list[Any] = field(default_factory=list)
    annotator: str = ""


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_ingested: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    mentions: int = 0

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, stored {self.stored} new documents "
            f"({self.sentences} sentences, {self.mentions} actor mentions), "
            f"duplicates {self.exact_duplicates} exact + {self.near_duplicates} near, "
            f"already ingested {self.already_ingested}, skipped {sum(self.skipped.values())}"
        ]
        for reason, n in self.skipped.most_common():
            out.append(f"  skipped {n:>5}  {reason}")
        return out


def _utc(moment: datetime | None) -> datetime | None:
    """An instant for the TIMESTAMPTZ column: only when the page gave a UTC offset.

    A time without a zone is not an instant (assuming Baku or UTC would invent one); it is kept
    in ``published_local`` and ``published_date`` instead.
    """
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(UTC)


def _published_date(doc: Document) -> Any:
    return doc.published.date() if doc.published is not None else None


def process_batch(raws: Sequence[RawDoc | Skip], annotate: bool = True) -> list[Processed]:
    """The pure stage: extract each input and, if asked, find its sentences and actors."""
    out: list[Processed] = []
    recognizer = None
    if annotate:
        from .text.actors import default_recognizer

        recognizer = default_recognizer()
    for raw in raws:
        if isinstance(raw, Skip):
            out.append(Processed(_skip_key(raw), raw.path, raw.member, skip_reason=raw.reason))
            continue
        try:
            result = extract(raw)
        except RecursionError:
            result = Skip(raw.path, raw.member, "markup nested too deeply to parse")
        if isinstance(result, Skip):
            out.append(Processed(raw.source_key, raw.path, raw.member, skip_reason=result.reason))
            continue
        p = Processed(raw.source_key, raw.path, raw.member, doc=result)
        if recognizer is not None:
            p.sentences, p.mentions = recognizer.annotate(result.text, _published_date(result))
            p.annotator = recognizer.version()
        out.append(p)
    return out


def _skip_key(skip: Skip) -> str:
    import hashlib

    return "skip:" + hashlib.sha256(f"{skip.path}|{skip.member}|{skip.reason}".encode()).hexdigest()


def _batches(items: Iterable[RawDoc | Skip], size: int) -> Iterator[list[RawDoc | Skip]]:
    batch: list[RawDoc | Skip] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Ingester:
    """Writes processed batches into the store, deciding duplicates and what is already there."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: set[str] = set()
        for (key,) in store.con.execute(
            "SELECT source_key FROM document_sources UNION ALL SELECT source_key FROM skipped"
        ).fetchall():
            self.seen.add(str(key))
        self.doc_ids: set[str] = {
            str(r[0]) for r in store.con.execute("SELECT doc_id FROM documents").fetchall()
        }
        # The index itself grows with the store (~10 KB per document: near-duplicates must be
        # sought among everything stored); the signatures are read in chunks so loading it
        # adds no second, transient copy of all of them as Python lists.
        self.index = NearDuplicateIndex()
        cursor = store.con.cursor()
        cursor.execute("SELECT doc_id, signature FROM documents WHERE signature IS NOT NULL")
        while rows := cursor.fetchmany(4096):
            for doc_id, sig in rows:
                self.index.add(str(doc_id), tuple(int(x) for x in sig))
        cursor.close()

    def is_new(self, raw: RawDoc | Skip) -> bool:
        key = _skip_key(raw) if isinstance(raw, Skip) else raw.source_key
        return key not in self.seen

    def write(self, batch: list[Processed], summary: Summary) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        docs, sources, skips, sents, ments = [], [], [], [], []
        from .text.actors import mention_rows, sentence_rows

        for p in batch:
            if p.raw_key in self.seen:
                summary.already_ingested += 1
                continue
            self.seen.add(p.raw_key)
            if p.doc is None:
                skips.append(
                    {
                        "source_key": p.raw_key,
                        "path": p.path,
                        "member": p.member,
                        "reason": p.skip_reason or "unknown",
                        "skipped_at": now,
                    }
                )
                summary.skipped[p.skip_reason or "unknown"] += 1
                continue
            d = p.doc
            relation = "primary"
            target = d.doc_id
            if d.doc_id in self.doc_ids:
                relation = "exact-duplicate"
                summary.exact_duplicates += 1
            else:
                near = self.index.match(d.signature)
                if near is not None:
                    relation, target = "near-duplicate", near
                    summary.near_duplicates += 1
            sources.append(
                {
                    "source_key": p.raw_key,
                    "doc_id": target,
                    "path": p.path,
                    "member": p.member,
                    "url": d.url,
                    "relation": relation,
                    "ingested_at": now,
                }
            )
            if relation != "primary":
                continue
            self.doc_ids.add(d.doc_id)
            self.index.add(d.doc_id, d.signature)
            summary.stored += 1
            docs.append(
                {
                    "doc_id": d.doc_id,
                    "url": d.url,
                    "site": d.site,
                    "title": d.title,
                    "published": _utc(d.published),
                    "published_date": d.published.date() if d.published else None,
                    "published_local": d.published.isoformat() if d.published else None,
                    "date_source": d.date_source,
                    "authors": list(d.authors),
                    "original_author": d.original_author,
                    "reposter": d.reposter,
                    "agency": d.agency,
                    "language": d.language,
                    "text": d.text,
                    "signature": [int(x) for x in d.signature],
                    "annotator": p.annotator,
                    "ingested_at": now,
                }
            )
            sents.extend(sentence_rows(d.doc_id, p.sentences))
            ments.extend(mention_rows(d.doc_id, p.mentions))
        summary.sentences += len(sents)
        summary.mentions += len(ments)
        with self.store.transaction() as con:
            for table, rows in (
                ("documents", docs),
                ("document_sources", sources),
                ("skipped", skips),
                ("sentences", sents),
                ("mentions", ments),
            ):
                if rows:
                    frame = pd.DataFrame(rows)
                    con.register("_rows", frame)
                    cols = ", ".join(f'"{c}"' for c in frame.columns)
                    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _rows")
                    con.unregister("_rows")


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    batch_size: int = 64,
    workers: int = 1,
    annotate: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest ``paths`` into ``store``; returns counts of what happened."""
    summary = Summary()
    ing = Ingester(store)

    def fresh() -> Iterator[RawDoc | Skip]:
        for raw in iter_inputs(paths):
            summary.read += 1
            if ing.is_new(raw):
                yield raw
            else:
                summary.already_ingested += 1
                if progress:  # a resumed run's bar starts where the last one stopped
                    progress(1)

    batches = _batches(fresh(), batch_size)
    if workers <= 1:
        for b in batches:
            ing.write(process_batch(b, annotate), summary)
            if progress:
                progress(len(b))
        return summary
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = []
        for b in batches:
            pending.append((len(b), pool.submit(process_batch, b, annotate)))
            if (
                len(pending) >= 2 * workers
            ):  # bounded memory: at most 2 batches per worker in flight
                n, fut = pending.pop(0)
                ing.write(fut.result(), summary)
                if progress:
                    progress(n)
        for n, fut in pending:
            ing.write(fut.result(), summary)
            if progress:
                progress(n)
    return summary


_CONTAINERS = (".gz", ".warc", ".arc", ".jsonl", ".ndjson", ".json")


def estimate_inputs(paths: Sequence[str], *, limit: int = 1_000_000) -> int | None:
    """The number of inputs under ``paths`` if it is cheap to know, else None.

    What it counts: files, which is the number of inputs for folders of HTML and text pages
    (the common case, and the one where a run takes hours). Files that hold many records
    (JSON Lines, WARC, gzip) would need reading to count, which is the work itself, so with
    any of them the answer is None and the bar shows count and rate without an ETA. The walk
    stops after ``limit`` files (None): listing a huge tree should not delay the first batch.
    """
    from .text.readers import _expand

    n = 0
    seen: set[str] = set()
    for given in paths:
        for path, _root in _expand(given):
            if isinstance(path, Skip):
                n += 1
                continue
            if path.lower().endswith(_CONTAINERS):
                return None
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                n += 1
                if n > limit:
                    return None
    return n


def is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI", "") == ""
