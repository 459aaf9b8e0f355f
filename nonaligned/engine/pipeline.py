"""The pure page → documents + events pipeline, shared by the local engine and Spark.

Why a module of its own: the local engine goes raw page → ``process_batch`` → store → ``_load``
→ ``code_batch``; Spark cannot use the store in the middle, so it needs the *same* conversion of
a processed page into the coder's ``DocInput`` that the store round-trip performs. Keeping that
conversion here, next to the rows the store would hold, is what makes both engines give identical
events (tests/test_spark.py checks it). Nothing here touches a store, a file or a SparkSession.

The conversion mirrors :func:`nonaligned.engine.coding._load` exactly:

* the coder's article date is the page's calendar date (``published.date()``, the store's
  ``published_date``), except when the date came from the file's modification time, which says
  when a file was saved, not when the page was published: then the coder gets no date;
* sentences are ``(start, end, text)`` in sentence order;
* mentions are ordered by ``start`` (the store's ``ORDER BY doc_id, "start"``), with ``code``,
  ``person`` and ``role`` as ``str`` or ``None``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ..text.readers import RawDoc, Skip
from .ingest import Processed, document_row, process_batch

__all__ = [
    "CodedPages",
    "code_pages",
    "doc_input",
    "document_row",
    "record_to_raw",
]


@dataclass
class CodedPages:
    """What one batch of pages yields: store-shaped rows plus the coded events."""

    documents: list[dict[str, Any]] = field(default_factory=list)  # also exact duplicates
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # nonaligned.text.events.Event
    skipped: list[tuple[str, str | None, str]] = field(default_factory=list)  # path, member, why
    index: list[int] = field(default_factory=list)  # per document: its position in ``raws``


def doc_input(p: Processed) -> Any:
    """The ``DocInput`` the local engine's store round-trip (``coding._load``) builds for ``p``."""
    from ..text.actors import Mention
    from ..text.events import DocInput

    d = p.doc
    assert d is not None, "doc_input needs a processed document, not a skip"
    published: date | None = None
    if d.published is not None and d.date_source != "file-mtime":
        published = d.published.date()

    def opt(v: Any) -> str | None:
        return None if v is None else str(v)

    mentions = [
        Mention(
            int(m.start),
            int(m.end),
            str(m.text),
            str(m.kind),
            opt(m.code),
            opt(m.person),
            opt(m.role),
            str(m.origin),
            float(m.confidence),
            int(m.sent),
        )
        for m in sorted(p.mentions, key=lambda m: (m.start, m.end))
    ]
    sentences = [(int(s), int(e), str(t)) for s, e, t in p.sentences]
    return DocInput(d.doc_id, d.text, published, sentences, mentions)


def code_pages(raws: Sequence[RawDoc | Skip]) -> CodedPages:
    """Extract, annotate and code a batch of pages: the whole pure pipeline in one call.

    Every document gets a ``documents`` row (``index`` says which page it came from), but a
    ``doc_id`` repeated within the batch gets sentences, mentions and events only at its first
    page: the rest are exact duplicates. De-duplication across batches (exact and near) needs
    everything seen so far and is the caller's job (the Spark driver's pass in input order).
    """
    from ..text.actors import mention_rows, sentence_rows
    from ..text.events import code_batch

    out = CodedPages()
    inputs = []
    seen: set[str] = set()
    for i, p in enumerate(process_batch(raws, annotate=True)):
        if p.doc is None:
            out.skipped.append((p.path, p.member, p.skip_reason or "unknown"))
            continue
        out.documents.append(document_row(p))
        out.index.append(i)
        if p.doc.doc_id in seen:  # an exact duplicate earlier in the batch: code it once
            continue
        seen.add(p.doc.doc_id)
        out.sentences.extend(sentence_rows(p.doc.doc_id, p.sentences))
        out.mentions.extend(mention_rows(p.doc.doc_id, p.mentions))
        inputs.append(doc_input(p))
    out.events = code_batch(inputs) if inputs else []
    return out


def record_to_raw(record: str | bytes, path: str, member: str) -> RawDoc | Skip:
    """One JSON Lines record (a JSON object as text) → ``RawDoc``, by the local reader's rules.

    Reuses :mod:`nonaligned.text.readers`' JSON Lines mapping (``html`` or ``text``, optional
    ``id``, ``url``, ``date``, ``title``) so a page gets the same ``doc_id`` and metadata whether
    the local ``ingest`` or Spark reads it. Never raises: a bad record is a :class:`Skip`.
    """
    from ..text import readers

    data = record.encode("utf-8") if isinstance(record, str) else record
    ctx = readers._Ctx(path=path, rel=path, mtime=0.0, max_bytes=readers.DEFAULT_MAX_BYTES)
    found = list(readers._jsonl_lines(ctx, iter([data]), "utf-8"))
    if not found:
        return Skip(path, member, f"{member} is blank")
    item = found[0]
    if isinstance(item, Skip):
        # the reader numbers lines from its own count (always 1 here): say which record it was
        return Skip(path, member, item.reason.replace("line 1", member, 1))
    # a record has no file modification time of its own: no date is invented from one
    return replace(item, member=member, file_mtime=None)


def event_rows(events: Iterable[Any]) -> list[dict[str, Any]]:
    """Events as plain dicts (``date`` stays a ``date``)."""
    return [asdict(e) for e in events]


def to_json(row: dict[str, Any]) -> str:
    """A row as JSON: dates and instants in ISO 8601, which Spark casts back losslessly."""

    def default(v: Any) -> str:
        if isinstance(v, datetime | date):
            return v.isoformat()
        raise TypeError(f"not JSON serialisable: {type(v).__name__}")

    return json.dumps(row, default=default, ensure_ascii=False)
