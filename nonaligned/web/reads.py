"""The web layer's one direct read of the store: coded events and ingested documents.

Everything else the web shows is asked of the records and measures layers (through
:mod:`.queries`). Events and documents have no query API below the web that pages and filters them
the way the dashboard needs, so these functions run parametrised SQL (user text never becomes SQL)
on this thread's read-only store (``WebState.records().store``) over the ``events``,
``documents`` and ``sentences`` tables. A new listing of events belongs here, not in a route.
"""

from __future__ import annotations

from typing import Any

from ..engine.coding import mirror_sql, mutual_sql
from ..output import records as to_records
from .models import (
    DocumentOut,
    EventOut,
    EventsOut,
)
from .params import (
    BadParameter,
    NotFound,
    Period,
)
from .state import WebState

_EVENT_COLUMNS = """e.event_id, e.doc_id, e.date, e.actor, e.actor_text, e.recipient,
    e.recipient_text, e.event, e.mode, e.cameo, e.quad_class, e.goldstein, e.status,
    e.confidence, e.sentence, e.sent, e."start", e."end" """


_EVENT_ORDER = 'ORDER BY e.date NULLS LAST, e.doc_id, e.sent, e."start", e.event_id'


def _listed(where: str) -> str:
    """``where`` with the mirror side of each reciprocal pair left out (one row per action)."""
    return f"({where}) AND NOT {mirror_sql('e')}"


def _marks(n: int) -> str:
    return ", ".join("?" * n)  # placeholders only: every value is a parameter


def _select_events(
    store: Any, where: str, params: list[Any], limit: int | None = None, offset: int = 0
) -> list[EventOut]:
    """Events matching ``where`` (over ``events e``; values only as parameters), in order.

    A reciprocal pair (one action coded once per direction) is one row, ``mutual``: ``where``
    should leave out the mirror side (``_listed``), as the count of a paged listing must too.
    """
    return _page_of_events(store, where, params, limit, offset)[0]


def _page_of_events(
    store: Any, where: str, params: list[Any], limit: int | None = None, offset: int = 0
) -> tuple[list[EventOut], int | None]:
    """:func:`_select_events` and the number of rows matching ``where`` (None when the page is
    past the end): one pass over the events for both, as the twin look-up costs a pass."""
    con = store.con
    page, page_params = ("LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
    found = con.execute(
        f"SELECT e.event_id, e.doc_id, count(*) OVER () FROM events e WHERE {where} "
        f"{_EVENT_ORDER} {page}",
        [*params, *page_params],
    ).fetchall()
    if not found:
        return [], None
    ids, total = [r[0] for r in found], int(found[0][2])
    page_docs = sorted({r[1] for r in found})
    cur = con.execute(
        f"SELECT {_EVENT_COLUMNS}, {mutual_sql('e', 'list_contains(?, t.doc_id)')} AS mutual "
        f"FROM events e WHERE e.event_id IN ({_marks(len(ids))})",
        [page_docs, *ids],
    )
    names = [d[0] for d in cur.description]
    by_id = {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
    doc_ids = sorted({r["doc_id"] for r in by_id.values()})
    docs = {
        r[0]: r[1:]
        for r in con.execute(
            f"SELECT doc_id, title, url, text FROM documents WHERE doc_id IN ({_marks(len(doc_ids))})",
            doc_ids,
        ).fetchall()
    }
    sents = {
        (r[0], r[1]): r[2]
        for r in con.execute(
            f'SELECT doc_id, sent, "start" FROM sentences WHERE doc_id IN ({_marks(len(doc_ids))})',
            doc_ids,
        ).fetchall()
    }
    rows = []
    for event_id in ids:
        row = by_id.get(event_id)
        if row is None or row["doc_id"] not in docs:
            continue
        title, url, text = docs[row["doc_id"]]
        row["title"], row["url"] = title, url
        row["sent_start"] = sents.get((row["doc_id"], row["sent"]))
        a, b = int(row["start"]), int(row["end"])
        row["trigger_text"] = text[a:b] if text else None
        rows.append(row)
    return _event_rows(rows), total


def trigger_in_sentence(
    sentence: str, trigger_text: str | None, start: int, sent_start: int | None
) -> list[int] | None:
    """Where the trigger (document offsets ``start``..) lies in the event's sentence.

    Why not just subtract the sentence's offset: the coder's sentence is not always the stored
    sentence span (a headline joined to the first sentence, whitespace normalised), so the
    subtraction can land a few characters off. The trigger's own text, cut from the document,
    is looked up in the sentence instead, taking the occurrence nearest the expected place.
    """
    if not trigger_text:
        return None
    n = len(trigger_text)
    expected = start - sent_start if sent_start is not None else 0
    if expected >= 0 and sentence[expected : expected + n] == trigger_text:
        return [expected, expected + n]
    hits = []
    pos = sentence.find(trigger_text)
    while pos >= 0:
        hits.append(pos)
        pos = sentence.find(trigger_text, pos + 1)
    if not hits:
        return None
    best = min(hits, key=lambda p: abs(p - expected))
    return [best, best + n]


def _event_rows(rows: list[dict[str, Any]]) -> list[EventOut]:
    out = []
    for raw in rows:
        sentence = str(raw["sentence"] or "")
        sent_start = raw.get("sent_start")
        trigger = trigger_in_sentence(
            sentence,
            raw.get("trigger_text"),
            int(raw["start"]),
            int(sent_start) if sent_start is not None else None,
        )
        fields: dict[str, Any] = {k: raw.get(k) for k in EventOut.model_fields}
        fields["trigger"] = trigger
        out.append(EventOut.model_validate(fields))
    return out


def _query_events(
    st: WebState,
    a: str | None,
    p: str | None,
    types: list[str] | None,
    status: str,
    period: Period,
    limit: int,
    offset: int,
) -> EventsOut:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if status != "all":
        clauses.append("e.status = ?")
        params.append(status)
    for code in (a, p):
        if code:
            clauses.append("(e.actor = ? OR e.recipient = ?)")
            params += [code, code]
    if types:
        clauses.append("list_contains(?, e.event)")
        params.append(types)
    if period.since:
        clauses.append("e.date >= ?")
        params.append(period.since)
    if period.until:
        clauses.append("e.date <= ?")
        params.append(period.until)
    # fixed clauses only; every value is a parameter. A merged reciprocal row holds both sides,
    # so the actor/partner clauses find it whichever side the asked-for state is on.
    where = _listed(" AND ".join(clauses))
    store = st.records().store
    events, total = _page_of_events(store, where, params, limit, offset)
    if total is None:  # a page past the end: count apart
        row = store.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        total = int(row[0]) if row else 0
    return EventsOut(total=total, limit=limit, offset=offset, events=events)


def get_document(st: WebState, doc_id: str) -> DocumentOut:
    """A document by id or unique prefix, with the events coded from it."""
    store = st.records().store
    docs = store.query(
        """SELECT doc_id, url, site, title, published_local AS published, original_author,
                  reposter, language, text
           FROM documents WHERE starts_with(doc_id, ?) ORDER BY doc_id LIMIT 2""",
        [doc_id],
    )
    if docs.empty:
        raise NotFound(f"no document {doc_id!r} in this store")
    if len(docs) > 1:
        raise BadParameter(f"document id prefix {doc_id!r} matches several documents")
    row = to_records(docs)[0]
    events = _select_events(store, _listed("e.doc_id = ?"), [row["doc_id"]])
    events.sort(key=lambda e: (e.start, e.event_id))
    return DocumentOut(**row, events=events)


# -- routes --------------------------------------------------------------------------------------
