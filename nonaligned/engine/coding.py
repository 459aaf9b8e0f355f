"""Coding stored documents into events, and keeping the aggregates the measures read.

The coder itself (:mod:`nonaligned.text.events`) is a pure function over a batch of
``DocInput``s. This module does the stateful parts around it: which documents are still to be
coded by the current coder version, loading them with their sentences and mentions, writing each
batch's events in one transaction (a document's old events are replaced, so re-coding after a
coder change never duplicates), and refreshing the dyad-month table from the portable SQL in
``measures/sql/dyad_month.sql``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import pandas as pd

from ..dates import parse_date
from ..store import Store
from .workers import batched, chunked

DYAD_MONTH_SQL = "dyad_month.sql"


@dataclass
class CodeSummary:
    documents: int = 0
    events: int = 0
    asserted: int = 0

    def line(self) -> str:
        return (
            f"coded {self.documents} documents: {self.events} events "
            f"({self.asserted} asserted, {self.events - self.asserted} negated or intended)"
        )


def dyad_month_sql() -> str:
    return (resources.files("nonaligned.measures") / "sql" / DYAD_MONTH_SQL).read_text(
        encoding="utf-8"
    )


def refresh_aggregates(store: Store) -> int:
    """Rebuild ``dyad_month`` from ``events`` (same SQL as on Spark)."""
    with store.transaction() as con:
        con.execute(f"CREATE OR REPLACE TABLE dyad_month AS {dyad_month_sql()}")
    row = store.con.execute("SELECT count(*) FROM dyad_month").fetchone()
    return int(row[0]) if row else 0


PAGE = 1024  # pending ids fetched per query: constant memory, few queries


def _pending_where(coder: str, since: date | None, recode: bool) -> tuple[str, list[Any]]:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if not recode:
        clauses.append("doc_id NOT IN (SELECT doc_id FROM coded_documents WHERE coder = ?)")
        params.append(coder)
    if since:
        clauses.append("(published_date IS NULL OR published_date >= ?)")
        params.append(since)
    return " AND ".join(clauses), params


def count_pending(store: Store, *, since: str | date | None = None, recode: bool = False) -> int:
    """How many documents ``code_store`` with the same arguments would code (the progress
    bar's total)."""
    from ..text import events as coder

    where, params = _pending_where(
        coder.coder_version(), parse_date(since, what="--since date"), recode
    )
    row = store.con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def _pending(
    store: Store, coder: str, since: date | None, recode: bool, page: int = PAGE
) -> Iterator[str]:
    """Pending doc_ids in order, fetched ``page`` at a time by keyset pagination.

    Why not one ``SELECT``: the id list of a large store grows with the corpus (a million ids
    is ~100 MB of Python strings); paging keeps it at one page. Keyset (``doc_id > last``)
    rather than ``OFFSET``: the batches written meanwhile drop out of ``NOT IN coded``, which
    would shift offsets, while ids after ``last`` are unaffected by what was written before it.
    """
    where, params = _pending_where(coder, since, recode)
    last: str | None = None
    while True:
        cond, args = (
            (where, params) if last is None else (f"{where} AND doc_id > ?", [*params, last])
        )
        rows = store.con.execute(
            f"SELECT doc_id FROM documents WHERE {cond} ORDER BY doc_id LIMIT ?", [*args, page]
        ).fetchall()
        if not rows:
            return
        for r in rows:
            yield str(r[0])
        last = str(rows[-1][0])
        if len(rows) < page:
            return


def _load(store: Store, doc_ids: list[str]) -> list[Any]:
    """DocInputs with their sentences and mentions. A date taken from the file's modification
    time says when the file was saved, not when the page was published: the coder gets no
    article date then, so no event date is invented from it."""
    from ..text.actors import Mention
    from ..text.events import DocInput

    if not doc_ids:
        return []
    docs = store.query(
        "SELECT doc_id, text, CASE WHEN date_source = 'file-mtime' THEN NULL "
        "ELSE published_date END AS published_date FROM documents WHERE list_contains(?, doc_id)",
        [doc_ids],
    )
    sents = store.query(
        'SELECT doc_id, sent, "start", "end", text FROM sentences WHERE list_contains(?, doc_id) ORDER BY doc_id, sent',
        [doc_ids],
    )
    ments = store.query(
        'SELECT * FROM mentions WHERE list_contains(?, doc_id) ORDER BY doc_id, "start"', [doc_ids]
    )

    def opt(v: Any) -> str | None:
        return (
            None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(v)
        )

    by_sent: dict[str, list[tuple[int, int, str]]] = {}
    for r in sents.to_dict(orient="records"):
        by_sent.setdefault(str(r["doc_id"]), []).append(
            (int(r["start"]), int(r["end"]), str(r["text"]))
        )
    by_ment: dict[str, list[Mention]] = {}
    for r in ments.to_dict(orient="records"):
        by_ment.setdefault(str(r["doc_id"]), []).append(
            Mention(
                int(r["start"]),
                int(r["end"]),
                str(r["text"]),
                str(r["kind"]),
                opt(r["code"]),
                opt(r["person"]),
                opt(r["role"]),
                str(r["origin"]),
                float(r["confidence"]),
                int(r["sent"]),
            )
        )
    out = []
    for r in docs.to_dict(orient="records"):
        pub = r["published_date"]
        published = None if pub is None or pd.isna(pub) else pd.Timestamp(pub).date()
        key = str(r["doc_id"])
        out.append(
            DocInput(key, str(r["text"]), published, by_sent.get(key, []), by_ment.get(key, []))
        )
    return out


def code_store(
    store: Store,
    *,
    since: str | date | None = None,
    recode: bool = False,
    batch_size: int = 32,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    pool: Executor | None = None,
) -> CodeSummary:
    """Code every document not yet coded by the current coder; refresh the aggregates.

    With ``workers`` > 1 the pure ``code_batch`` runs in a process pool (``pool``, e.g. the one
    ``ingest`` used, or one made here; each worker loads the pipeline once, as it starts), with
    batches sized so every worker gets several (:func:`~nonaligned.engine.workers.batch_sizes`
    over the pending count, at most ``batch_size``); loading and writing stay here, in order,
    one transaction per batch, with at most two batches per worker in flight so memory stays
    bounded. Pending ids are paged from
    the store (:func:`_pending`), never listed whole, so memory does not grow with the corpus.

    Each batch's events and its ``coded_documents`` rows commit together, so a run stopped at
    any point (Ctrl-C, kill -9, power loss) leaves whole batches only, and the next run codes
    exactly the documents without a ``coded_documents`` row for this coder.
    """
    from ..text import events as coder

    version = coder.coder_version()
    day = parse_date(since, what="--since date")
    pending = _pending(store, version, day, recode)
    summary = CodeSummary()

    def record(ids: list[str], found: list[Any]) -> None:
        write_events(store, ids, found, version)
        summary.documents += len(ids)
        summary.events += len(found)
        summary.asserted += sum(1 for e in found if e.status == "asserted")
        if progress:
            progress(len(ids))

    if workers <= 1:
        for ids in chunked(pending, batch_size):
            record(ids, coder.code_batch(_load(store, ids)))
    else:
        from concurrent.futures import Future

        from .workers import batch_sizes, worker_pool

        total = count_pending(store, since=day, recode=recode)
        own = pool is None
        executor = pool if pool is not None else worker_pool(workers, annotate=False, code=True)
        try:
            flight: list[tuple[list[str], Future[list[Any]]]] = []
            for ids in batched(pending, batch_sizes(total, workers, batch_size)):
                flight.append((ids, executor.submit(coder.code_batch, _load(store, ids))))
                if len(flight) >= 2 * workers:
                    done_ids, fut = flight.pop(0)
                    record(done_ids, fut.result())
            for done_ids, fut in flight:
                record(done_ids, fut.result())
        finally:
            if own:
                executor.shutdown(wait=True, cancel_futures=True)
    refresh_aggregates(store)
    return summary


def write_events(store: Store, doc_ids: list[str], events: list[Any], version: str) -> None:
    """Replace the events of ``doc_ids`` with ``events`` in one transaction."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [asdict(e) for e in events]
    counts: dict[str, int] = {}
    for e in events:
        counts[e.doc_id] = counts.get(e.doc_id, 0) + 1
    with store.transaction() as con:
        con.execute("DELETE FROM events WHERE list_contains(?, doc_id)", [doc_ids])
        con.execute("DELETE FROM coded_documents WHERE list_contains(?, doc_id)", [doc_ids])
        if rows:
            frame = pd.DataFrame(rows).drop_duplicates("event_id")
            con.register("_ev", frame)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _ev")
            con.unregister("_ev")
        coded = pd.DataFrame(
            {
                "doc_id": doc_ids,
                "coder": version,
                "n_events": [counts.get(d, 0) for d in doc_ids],
                "coded_at": now,
            }
        )
        con.register("_cd", coded)
        con.execute("INSERT INTO coded_documents SELECT doc_id, coder, n_events, coded_at FROM _cd")
        con.unregister("_cd")


SIDES = ("all", "both", "one")


# Reciprocal actions ("the two presidents met", "A and B signed") are coded once per direction:
# two events with the same document, sentence, trigger offset, CAMEO code and status, actor and
# recipient swapped. The store and the dyadic aggregates keep both (CAMEO practice for symmetric
# events: each side acted), but a *listing* shows the pair once, as the row with actor < recipient
# marked mutual. These fragments say so over an events alias; they compare columns only (no
# values), so every caller's values stay parameters. Why an uncorrelated ``struct IN (SELECT
# struct)`` rather than ``EXISTS``: DuckDB answers it with one hash look-up on a single key built
# from half the table (the twin's actor < recipient is implied by the swap), about 3x faster than
# the decorrelated seven-column EXISTS on an 81,000-event store (and than ``row(...)``, which
# DuckDB compares more slowly); the comparison stays exact.
_TWIN_KEY = (
    'struct_pack(d := {e}.doc_id, s := {e}.sent, o := {e}."start", c := {e}.cameo, '
    "x := {e}.status, a := {a}, r := {b})"
)


def _has_twin(e: str, twin_order: str, within: str) -> str:
    mine = _TWIN_KEY.format(e=e, a=f"{e}.recipient", b=f"{e}.actor")
    theirs = _TWIN_KEY.format(e="t", a="t.actor", b="t.recipient")
    where = f"t.actor {twin_order} t.recipient" + (f" AND ({within})" if within else "")
    return f"{mine} IN (SELECT {theirs} FROM events t WHERE {where})"


def mirror_sql(e: str = "e") -> str:
    """True for the row a listing leaves out: the actor > recipient side of a reciprocal pair."""
    return f"(coalesce({e}.actor > {e}.recipient, FALSE) AND {_has_twin(e, '<', '')})"


def mutual_sql(e: str = "e", within: str = "") -> str:
    """True for the row a listing keeps of a reciprocal pair (actor < recipient): ``mutual``.

    ``within`` narrows where the twin is looked for (over alias ``t``, placeholders only), e.g.
    ``list_contains(?, t.doc_id)`` with the listed rows' documents: a page of rows then reads
    only its own documents' events instead of hashing half the table.
    """
    return f"(coalesce({e}.actor < {e}.recipient, FALSE) AND {_has_twin(e, '>', within)})"


def query_events(
    store: Store,
    *,
    country: str | None = None,
    other: str | None = None,
    types: list[str] | None = None,
    status: str = "asserted",
    since: date | None = None,
    until: date | None = None,
    merged: bool = False,
    sides: str = "all",
    limit: int = 100_000,
    fold_mutual: bool = False,
) -> pd.DataFrame:
    """Events filtered by actor codes (either direction), type, status, date and sides.

    ``sides``: ``all``; ``both`` keeps dyadic events (actor and recipient coded, as the
    dyad-month aggregate counts them); ``one`` keeps the events coded with one side missing,
    which are stored and shown but never enter dyadic aggregates.

    ``merged=True`` folds the same event reported by several articles (same date, actor,
    recipient and CAMEO code) into one row with the number of reports (``mentions``).

    ``fold_mutual=True`` (what a listing shows) makes each reciprocal action coded once per
    direction one row, the side with actor < recipient, and adds a boolean ``mutual`` column;
    the country filters still find it whichever side the state is on. The default returns the
    events as stored, both directions, as the dyadic aggregates and the exports count them.
    """
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if status != "all":
        clauses.append("e.status = ?")
        params.append(status)
    if country:
        clauses.append("(e.actor = ? OR e.recipient = ?)")
        params += [country, country]
    if other:
        clauses.append("(e.actor = ? OR e.recipient = ?)")
        params += [other, other]
    if types:
        clauses.append("list_contains(?, e.event)")
        params.append([t.upper() for t in types])
    if sides not in SIDES:
        raise ValueError(f"sides must be one of {', '.join(SIDES)}, not {sides!r}")
    if sides == "both":
        clauses.append("e.actor IS NOT NULL AND e.recipient IS NOT NULL")
    elif sides == "one":
        clauses.append("(e.actor IS NULL OR e.recipient IS NULL)")
    if since:
        clauses.append("e.date >= ?")
        params.append(since)
    if until:
        clauses.append("e.date <= ?")
        params.append(until)
    mutual = ""
    if fold_mutual:
        clauses.append(f"NOT {mirror_sql('e')}")
        mutual = f", {mutual_sql('e')} AS mutual"
    where = " AND ".join(clauses)
    base = f"""SELECT e.*{mutual}, d.url, d.title FROM events e JOIN documents d USING (doc_id) WHERE {where}"""
    if not merged:
        return store.query(
            f"{base} ORDER BY e.date NULLS LAST, e.doc_id, e.sent LIMIT ?", [*params, limit]
        )
    return store.query(
        f"""SELECT min(event_id) AS event_id, date, actor, recipient, event, mode, cameo,
                   any_value(context) AS context, any_value(goldstein) AS goldstein,
                   any_value(quad_class) AS quad_class, any_value(penta_class) AS penta_class,
                   any_value(date_precision) AS date_precision, status,
                   count(DISTINCT doc_id) AS mentions,
                   arg_max(sentence, confidence) AS sentence, arg_max(doc_id, confidence) AS doc_id,
                   arg_max(url, confidence) AS url, arg_max(actor_text, confidence) AS actor_text,
                   arg_max(recipient_text, confidence) AS recipient_text,
                   any_value(location) AS location, any_value(speaker) AS speaker,
                   max(confidence) AS confidence, any_value(coder) AS coder,
                   any_value(sent) AS sent, any_value("start") AS "start", any_value("end") AS "end",
                   any_value(date_text) AS date_text{", mutual" if fold_mutual else ""}
            FROM ({base}) GROUP BY date, actor, recipient, event, mode, cameo, status{mutual and ", mutual"}
            ORDER BY date NULLS LAST LIMIT ?""",
        [*params, limit],
    )
