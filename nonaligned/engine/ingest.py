"""Ingest: files -> clean, dated, de-duplicated documents with sentences and actor mentions.

Why this module is long: it is the one stateful driver of the batch engine (batches, time limits,
the pool, skip records, near-duplicate bands, the transaction per batch); the pure per-document
work is already elsewhere (text/), and what remains shares the Ingester's state.

The work is split so that the expensive part is a pure function over a batch:

    process_batch(raws, annotate=True) -> list[Processed]    # extract + sentences + actors

which the local process pool (and, later, Spark) can run anywhere. Everything stateful stays in the
calling process: deciding what is new (inputs already seen are skipped by ``source_key``), near-
duplicate detection against everything stored, and writing. Each batch is written in one
transaction, so an interrupted ingest keeps every batch committed before the interruption and a
re-run continues after it; ingesting the same inputs twice adds nothing.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from ..errors import NonalignedError
from ..store import Store
from ..text.dedup import BANDS, THRESHOLD, NearDuplicateIndex, band_keys
from ..text.extract import Document, extract
from ..text.readers import MISSING_REASONS, RawDoc, Skip, iter_inputs
from .memory import return_large_blocks
from .workers import batch_sizes, batched, chunked, worker_pool


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


MAX_SECONDS_PER_INPUT = 120
"""Longest time one input may take to extract and annotate; a slower one is skipped with that
reason (and, like every skip, not retried by a re-run). Enforced with a timer signal where one
is available: in the ingest's main thread and in its worker processes, on POSIX."""

READ_AHEAD = 64
"""Inputs read before the store is asked which of them it already holds. Each is a decoded page
(real pages average about 190 KB of HTML, up to four bytes a character in Python), so this, with
the batches in flight, is most of what the command's process holds: 256 kept up to 200 MB of
pages alive besides the batches, and the command's peak memory followed it (issue 17)."""

NAMED_SKIPS = 20
"""How many skipped inputs the summary names one by one (``list_skipped`` gives them all)."""


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
    # command-line entries naming nothing (no such file, a pattern matching none): the CLI
    # should exit non-zero when there are any; they are not inputs, so never stored as skips
    missing: list[str] = field(default_factory=list)
    # the first NAMED_SKIPS skips of this run: (path, member or None, reason)
    named: list[tuple[str, str | None, str]] = field(default_factory=list)

    def skip(self, path: str, member: str | None, reason: str) -> None:
        self.skipped[reason] += 1
        if len(self.named) < NAMED_SKIPS:
            self.named.append((path, member, reason))

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, stored {self.stored} new documents "
            f"({self.sentences} sentences, {self.mentions} actor mentions), "
            f"duplicates {self.exact_duplicates} exact + {self.near_duplicates} near, "
            f"already ingested {self.already_ingested}, skipped {sum(self.skipped.values())}"
        ]
        for reason, n in self.skipped.most_common():
            out.append(f"  skipped {n:>5}  {reason}")
        for path, member, reason in self.named:
            where = f"{path} [{member}]" if member else path
            out.append(f"  skipped: {where}: {reason}")
        total = sum(self.skipped.values())
        if total > len(self.named):
            out.append(
                f"  ... and {total - len(self.named):,} more skipped inputs "
                "(all of them: `nonaligned skipped`)"
            )
        for path in self.missing:
            out.append(f"  missing: {path}: no such file or folder, or no file matches")
        return out


def _utc(moment: datetime | None) -> datetime | None:
    """An instant for the TIMESTAMPTZ column: only when the page gave a UTC offset.

    A time without a zone is not an instant (assuming Baku or UTC would invent one); it is kept
    in ``published_local`` and ``published_date`` instead.
    """
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(UTC)


def document_row(p: Processed) -> dict[str, Any]:
    """The ``documents`` row for ``p`` with its provenance (the Spark path keeps all of it; the
    local ingest drops the provenance, kept in ``document_sources``, and adds ``ingested_at``)."""
    d = p.doc
    assert d is not None, "document_row needs a processed document, not a skip"
    return {
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
        "source_key": p.raw_key,
        "path": p.path,
        "member": p.member,
    }


def _published_date(doc: Document) -> Any:
    return doc.published.date() if doc.published is not None else None


def process_batch(raws: Sequence[RawDoc | Skip], annotate: bool = True) -> list[Processed]:
    """The pure stage: extract each input and, if asked, find its sentences and actors.

    Each input is processed in isolation: whatever one raises (a bug, a limit of a library,
    :data:`MAX_SECONDS_PER_INPUT` exceeded) makes it a skip naming the error, and the others
    go on."""
    out: list[Processed] = []
    recognizer = None
    if annotate:
        from ..text.actors import default_recognizer

        recognizer = default_recognizer()
    for raw in raws:
        if isinstance(raw, Skip):
            out.append(Processed(_skip_key(raw), raw.path, raw.member, skip_reason=raw.reason))
            continue
        reason = None
        try:
            with _time_limit(MAX_SECONDS_PER_INPUT):
                p = _process_one(raw, recognizer)
        except InputTimeout:
            reason = f"took longer than the limit of {MAX_SECONDS_PER_INPUT} s per input"
        except RecursionError:
            reason = "markup nested too deeply to parse"
        except OSError as err:
            if err.errno in _DISK_FULL:  # not this input's fault: stop, nothing is marked
                raise NonalignedError(
                    f"the disk is full ({err.strerror or err}) while processing {raw.path}; "
                    "every batch committed before is kept: free some space and run the same "
                    "ingest again to resume"
                ) from err
            reason = f"failed to process: {type(err).__name__}: {err}"[:300]
        except Exception as err:  # one input's failure must not cost the batch
            reason = f"failed to process: {type(err).__name__}: {err}"[:300]
        if reason is not None:
            p = Processed(raw.source_key, raw.path, raw.member, skip_reason=reason)
        out.append(p)
    return out


_DISK_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def _process_one(raw: RawDoc, recognizer: Any) -> Processed:
    result = extract(raw)
    if isinstance(result, Skip):
        return Processed(raw.source_key, raw.path, raw.member, skip_reason=result.reason)
    p = Processed(raw.source_key, raw.path, raw.member, doc=result)
    if recognizer is not None:
        p.sentences, p.mentions = recognizer.annotate(result.text, _published_date(result))
        p.annotator = recognizer.version()
    return p


class InputTimeout(BaseException):
    """One input took longer than :data:`MAX_SECONDS_PER_INPUT` (a BaseException, so that a
    library's ``except Exception`` cannot swallow it)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`InputTimeout` in this thread after ``seconds`` (a no-op where no timer
    signal can be installed: outside the main thread, or on Windows)."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(_sig: int, _frame: Any) -> None:
        raise InputTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _skip_key(skip: Skip) -> str:
    import hashlib

    return "skip:" + hashlib.sha256(f"{skip.path}|{skip.member}|{skip.reason}".encode()).hexdigest()


class Ingester:
    """Writes processed batches into the store, deciding duplicates and what is already there.

    It holds no per-document state: what is already stored (inputs, documents, the
    near-duplicate index) is asked of the store once per batch, so an ingest's memory does not
    grow with the store.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        # Near-duplicates are sought among everything stored through the store's own LSH index
        # (document_bands), one query per batch: memory does not grow with the corpus.
        self.next_seq = self._index_unbanded()

    def _index_unbanded(self, chunk: int = 4096) -> int:
        """Band every stored document that has a signature and no bands yet (a store from
        before schema 5, documents loaded from a Spark run), in store order and in chunks, each
        chunk one transaction; returns the next ``seq``."""
        con = self.store.con
        row = con.execute(
            "SELECT (SELECT coalesce(max(seq) + 1, 0) FROM document_bands), "
            "(SELECT count(*) FROM document_bands), "
            "(SELECT count(*) FROM documents WHERE signature IS NOT NULL)"
        ).fetchall()[0]
        seq, n_bands, n_signed = (int(x) for x in row)
        if n_bands == BANDS * n_signed:
            return seq  # every signed document is banded (the usual case): no store-wide scan
        todo = [
            str(r[0])
            for r in con.execute(
                "SELECT d.doc_id FROM documents d WHERE d.signature IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM document_bands b WHERE b.doc_id = d.doc_id) ORDER BY d.rowid"
            ).fetchall()
        ]
        for start in range(0, len(todo), chunk):
            ids = todo[start : start + chunk]
            found = dict(
                con.execute(
                    "SELECT doc_id, signature FROM documents WHERE list_contains(?, doc_id)",
                    [ids],
                ).fetchall()
            )
            ordered = [(i, found[i]) for i in ids if i in found]
            frame = _band_frame([i for i, _ in ordered], [s for _, s in ordered], seq)
            with self.store.transaction() as tx:
                _insert(tx, "document_bands", frame)
            seq += len(ordered)
        return seq

    def _stored_matches(self, sigs: list[tuple[int, ...]]) -> list[str | None]:
        """For each signature, the earliest stored document whose estimated Jaccard reaches the
        threshold, or None: candidates by an equal band key in ``document_bands``, each checked
        on the whole signature."""
        if not sigs:
            return []
        arr = np.asarray(sigs, dtype=np.uint64)
        n = len(sigs)
        probe = pd.DataFrame(
            {
                "i": np.repeat(np.arange(n, dtype=np.int64), BANDS),
                "band": np.tile(np.arange(BANDS, dtype=np.uint8), n),
                "key": band_keys(arr).reshape(-1),
            }
        )
        with self.store.con.cursor() as con:  # see _stored
            con.register("_probe", probe)
            rows = con.execute(
                "WITH c AS (SELECT DISTINCT p.i, b.seq, b.doc_id FROM _probe p "
                "JOIN document_bands b ON b.band = p.band AND b.key = p.key) "
                "SELECT c.i, c.doc_id, d.signature FROM c JOIN documents d USING (doc_id) "
                "ORDER BY c.i, c.seq"
            ).fetchall()
        out: list[str | None] = [None] * n
        for i, doc_id, sig in rows:
            if out[i] is None and len(sig) == arr.shape[1]:
                same = np.asarray(sig, dtype=np.uint64) == arr[i]
                if float(same.mean()) >= THRESHOLD:
                    out[i] = str(doc_id)
        return out

    def _stored(self, values: Sequence[str], sql: str) -> set[str]:
        """Those of ``values`` that ``sql`` (selecting one column ``v`` from ``_ask``) finds.

        Written as joins, not ``v IN (SELECT ...)``: DuckDB builds the hash table of an IN
        subquery from the whole stored column, a transient the size of the store on every batch;
        a join builds it from the smaller side, the batch."""
        if not values:
            return set()
        # a cursor is a connection of its own: a half-read result on the store's connection (a
        # caller's fetchone) would make register() fail there
        with self.store.con.cursor() as con:
            con.register("_ask", pd.DataFrame({"v": pd.Series(list(values), dtype=object)}))
            return {str(r[0]) for r in con.execute(sql).fetchall()}

    def known_inputs(self, keys: Sequence[str]) -> set[str]:
        """The input keys already ingested (stored or skipped)."""
        return self._stored(
            keys,
            "SELECT a.v FROM _ask a JOIN document_sources s ON s.source_key = a.v "
            "UNION SELECT a.v FROM _ask a JOIN skipped k ON k.source_key = a.v",
        )

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """The document ids already stored."""
        return self._stored(doc_ids, "SELECT a.v FROM _ask a JOIN documents d ON d.doc_id = a.v")

    def write(self, batch: list[Processed], summary: Summary) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        docs, sources, skips, sents, ments = [], [], [], [], []
        from ..text.actors import mention_rows, sentence_rows

        seen = self.known_inputs([p.raw_key for p in batch])
        doc_ids = self.known_documents([p.doc.doc_id for p in batch if p.doc is not None])
        # near-duplicates of stored documents, for the whole batch at once; of each other,
        # within the batch, by a small in-memory index (stored ones are older, so they win)
        maybe = {
            k: p.doc.signature
            for k, p in enumerate(batch)
            if p.doc is not None and p.raw_key not in seen and p.doc.doc_id not in doc_ids
        }
        stored = dict(zip(maybe, self._stored_matches(list(maybe.values())), strict=True))
        in_batch = NearDuplicateIndex()
        primary: list[Document] = []  # stored by this batch, in order (their bands' seq)
        for k, p in enumerate(batch):
            if p.raw_key in seen:
                summary.already_ingested += 1
                continue
            seen.add(p.raw_key)
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
                summary.skip(p.path, p.member, p.skip_reason or "unknown")
                continue
            d = p.doc
            relation = "primary"
            target = d.doc_id
            if d.doc_id in doc_ids:
                relation = "exact-duplicate"
                summary.exact_duplicates += 1
            else:
                near = stored.get(k) or in_batch.match(d.signature)
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
            doc_ids.add(d.doc_id)
            in_batch.add(d.doc_id, d.signature)
            primary.append(d)
            summary.stored += 1
            # the same row the Spark path writes, less its provenance columns (kept in
            # document_sources here), plus the time of this ingest
            row = document_row(p)
            for key in ("source_key", "path", "member"):
                del row[key]
            docs.append({**row, "ingested_at": now})
            sents.extend(sentence_rows(d.doc_id, p.sentences))
            ments.extend(mention_rows(d.doc_id, p.mentions))
        summary.sentences += len(sents)
        summary.mentions += len(ments)
        bands = _band_frame(
            [d.doc_id for d in primary], [d.signature for d in primary], self.next_seq
        )
        with self.store.transaction() as con:
            for table, rows in (
                ("documents", docs),
                ("document_sources", sources),
                ("skipped", skips),
                ("sentences", sents),
                ("mentions", ments),
            ):
                if rows:
                    _insert(con, table, pd.DataFrame(rows))
            _insert(con, "document_bands", bands)
        self.next_seq += len(primary)


def _band_frame(doc_ids: list[str], sigs: Sequence[Sequence[int]], seq: int) -> pd.DataFrame:
    """``document_bands`` rows of documents stored in this order from ``seq`` on."""
    n = len(doc_ids)
    keys = band_keys(np.asarray(sigs, dtype=np.uint64))  # (0, BANDS) when there are none
    return pd.DataFrame(
        {
            "band": np.tile(np.arange(BANDS, dtype=np.uint8), n),
            "key": keys.reshape(-1),
            "seq": np.repeat(np.arange(seq, seq + n, dtype=np.int64), BANDS),
            "doc_id": np.repeat(np.asarray(doc_ids, dtype=object), BANDS),
        }
    )


def _insert(con: Any, table: str, frame: pd.DataFrame) -> None:
    """Append ``frame``'s rows to ``table`` by column name (nothing when it is empty)."""
    if frame.empty:
        return
    con.register("_rows", frame)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _rows")
    finally:
        con.unregister("_rows")


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    batch_size: int = 64,
    workers: int = 1,
    annotate: bool = True,
    progress: Callable[[int], None] | None = None,
    expected: int | None = None,
    pool: Executor | None = None,
) -> Summary:
    """Ingest ``paths`` into ``store``; returns counts of what happened.

    With ``workers`` > 1, batches run in a process pool (``pool``, or one made here) and are
    sized to keep every worker busy: ``expected`` inputs (an estimate) spread over the workers,
    at most ``batch_size`` each (:func:`~nonaligned.engine.workers.batch_sizes`)."""
    return_large_blocks()  # pages freed here go back to the system (engine/memory.py)
    summary = Summary()
    ing = Ingester(store)

    def fresh() -> Iterator[RawDoc | Skip]:
        # the store is asked about READ_AHEAD inputs at a time, never all at once
        for found in chunked(iter_inputs(paths), READ_AHEAD):
            chunk: list[RawDoc | Skip] = []
            for r in found:
                if isinstance(r, Skip) and r.member is None and r.reason in MISSING_REASONS:
                    summary.missing.append(r.path)  # not an input: reported, never stored
                else:
                    chunk.append(r)
            summary.read += len(chunk)
            keys = [_skip_key(r) if isinstance(r, Skip) else r.source_key for r in chunk]
            known = ing.known_inputs(keys)
            for raw, key in zip(chunk, keys, strict=True):
                if key not in known:
                    yield raw
                    continue
                summary.already_ingested += 1
                if progress:  # a resumed run's bar starts where the last one stopped
                    progress(1)

    if workers <= 1:
        for b in chunked(fresh(), batch_size):
            ing.write(process_batch(b, annotate), summary)
            if progress:
                progress(len(b))
        return summary
    batches = batched(fresh(), batch_sizes(expected, workers, batch_size))
    own = pool is None
    executor = pool if pool is not None else worker_pool(workers, annotate=annotate)
    try:
        pending = []
        for b in batches:
            pending.append((len(b), executor.submit(process_batch, b, annotate)))
            # bounded memory: at most 2 batches per worker in flight, and the writer (here)
            # stores one batch while the workers process the next ones
            if len(pending) >= 2 * workers:
                n, fut = pending.pop(0)
                ing.write(fut.result(), summary)
                if progress:
                    progress(n)
        for n, fut in pending:
            ing.write(fut.result(), summary)
            if progress:
                progress(n)
    finally:
        if own:
            executor.shutdown(wait=True, cancel_futures=True)
    return summary


def list_skipped(
    store: Store,
    *,
    reason: str | None = None,
    path: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The inputs ingest skipped, newest first: ``path``, ``member`` (JSON Lines line or WARC
    record, else empty), ``reason`` and ``skipped_at``. ``reason`` and ``path`` keep the rows
    whose reason or path contains that text (case-insensitive); ``limit`` caps the rows (None:
    all; must be >= 0)."""
    if limit is not None and limit < 0:
        raise NonalignedError(f"limit must be 0 or more, not {limit}")
    sql = "SELECT path, member, reason, skipped_at FROM skipped WHERE TRUE"
    params: list[Any] = []
    if reason:
        sql += " AND contains(lower(reason), lower(?))"
        params.append(reason)
    if path:
        sql += " AND contains(lower(path), lower(?))"
        params.append(path)
    sql += " ORDER BY skipped_at DESC, path, member"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


_CONTAINERS = (".gz", ".warc", ".arc", ".jsonl", ".ndjson", ".json")


def estimate_inputs(paths: Sequence[str], *, limit: int = 1_000_000) -> int | None:
    """The number of inputs under ``paths`` if it is cheap to know, else None.

    What it counts: files, which is the number of inputs for folders of HTML and text pages
    (the common case, and the one where a run takes hours). Files that hold many records
    (JSON Lines, WARC, gzip) would need reading to count, which is the work itself, so with
    any of them the answer is None and the bar shows count and rate without an ETA. The walk
    stops after ``limit`` files (None): listing a huge tree should not delay the first batch.
    """
    from ..text.readers import _expand

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
