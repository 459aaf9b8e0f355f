"""The JSON API: every route a GET with typed, bounded parameters, described by ``/openapi.json``.

The routes are thin: they check their parameters (:mod:`.params`), then call the same functions
as the CLI (``build_profile``, ``Measures``, the report's ``report_data``) on this thread's
records, and cache what is slow. The page routes (:mod:`.pages`) reuse the ``compute_*`` functions
below, so a page and its JSON always show the same numbers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import NonalignedError
from ..output import _plain
from ..output import records as to_records
from .app import WebState, web_state
from .params import (
    DEFAULT_LIMIT,
    DEFAULT_REPLICATES,
    MAX_COUNTRIES,
    MAX_LIST,
    ActorQuery,
    BadParameter,
    CountriesQuery,
    CountryPath,
    CountryQuery,
    DocIdPath,
    LimitQuery,
    ListQuery,
    NotFound,
    OffsetQuery,
    Period,
    ReplicatesQuery,
    SinceQuery,
    StatusQuery,
    TypesQuery,
    UntilQuery,
    YearQuery,
    parse_period,
    resolve_actor,
    resolve_iso3_list,
    resolve_state,
    split_list,
)
from .params import check_poles as check_pole_lists


# -- response models -----------------------------------------------------------------------------
class ErrorOut(BaseModel):
    """Every error: a message naming the parameter or value and what is wrong."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A request the measures cannot answer"},
    404: {"model": ErrorOut, "description": "Unknown country, year without votes, or document"},
    422: {"model": ErrorOut, "description": "A malformed or out-of-range parameter"},
    503: {
        "model": ErrorOut,
        "description": "Busy (too many computations queued, or none finished in time; see the "
        "Retry-After header) or the store is unavailable",
    },
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
State = Annotated[WebState, Depends(web_state)]


class CountryOut(BaseModel):
    iso3: str
    iso2: str | None
    isonum: int | None
    name: str
    cow: int
    cow_abb: str | None
    start: date | None = Field(description="Entry into the state system (COW or GW)")
    end: date | None = Field(description="Exit from the state system; null while it exists")
    kind: str


class StateRef(BaseModel):
    name: str
    iso3: str
    cow: int


class ProfileOut(BaseModel):
    """The profile as ``nonaligned profile --format json`` prints it (tables as lists of rows)."""

    model_config = ConfigDict(extra="allow")
    state: dict[str, Any]
    on: str
    lean: list[dict[str, Any]] = []
    balance: dict[str, Any] = {}
    event_lean: list[dict[str, Any]] = []
    event_balance: dict[str, Any] = {}


class SimilarityRow(BaseModel):
    iso3: str
    id: str | None = Field(description="ISO 3166 numeric code, zero-padded (the map's join key)")
    name: str
    cow: int
    n: int = Field(description="Roll calls both states voted yes/abstain/no on")
    agree: float | None
    s: float | None = Field(description="Signorino-Ritter S, -1..1")
    kappa: float | None


class SimilarityOut(BaseModel):
    state: StateRef
    year: int
    rollcalls: int
    rows: list[SimilarityRow]


class LeanRow(BaseModel):
    pole: str
    label: str | None = None
    n: int | None = None
    agree: float | None = None
    s: float | None = None
    s_lo: float | None = None
    s_hi: float | None = None


class CompareRow(BaseModel):
    state: StateRef
    balance: float | None
    balance_lo: float | None
    balance_hi: float | None
    lean: list[LeanRow]


class CompareOut(BaseModel):
    since: date | None
    until: date | None
    balance_poles: list[str]
    rows: list[CompareRow]


class EventOut(BaseModel):
    event_id: str
    doc_id: str
    date: date | None
    actor: str | None
    actor_text: str | None
    recipient: str | None
    recipient_text: str | None
    event: str | None
    mode: str | None
    cameo: str
    quad_class: int | None
    goldstein: float | None
    status: str
    confidence: float | None
    sentence: str
    trigger: list[int] | None = Field(
        description="[start, end) of the trigger inside `sentence`, or null if it cannot be placed"
    )
    start: int = Field(description="Trigger start, a character offset in the document text")
    end: int
    title: str | None
    url: str | None


class EventsOut(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventOut]


class DocumentOut(BaseModel):
    doc_id: str
    url: str | None
    site: str | None
    title: str | None
    published: str | None
    original_author: str | None
    reposter: str | None
    language: str | None
    text: str
    events: list[EventOut]


class DatasetOut(BaseModel):
    name: str
    title: str | None
    version: str | None
    rows: int | None
    licence: str | None
    origin: str | None


class VersionsOut(BaseModel):
    nonaligned: str
    schema_version: int
    records_fingerprint: str | None
    records_loaded_at: str | None
    coders: dict[str, int]
    datasets: list[DatasetOut]


# -- helpers -------------------------------------------------------------------------------------
def json_safe(value: Any) -> Any:
    """Nested data with NaN and infinities as null (JSON has neither; Starlette refuses them)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    plain = _plain(value)
    if isinstance(plain, float) and not math.isfinite(plain):
        return None
    return plain


def _opt_float(v: Any) -> float | None:
    p = _plain(v)
    return float(p) if p is not None and math.isfinite(float(p)) else None


# -- computations shared with the pages ------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """A cacheable computation: its key (the canonical request) and how to compute it.

    Building a job only checks and resolves parameters in memory (no store access), so a bad
    parameter fails before any work is queued, and the API can answer a cache hit from the event
    loop without a trip through a thread pool. ``heavy`` jobs (profiles, reports, comparisons:
    seconds of CPU and hundreds of megabytes each) run in the :class:`~.app.HeavyLimiter`'s pool;
    the others in the shared thread pool.

    What is cached is the JSON body only (its size is known exactly, which keeps the cache's byte
    bound honest); the pages read their data back from it, so a page and its JSON agree.
    """

    key: tuple[Any, ...]
    compute: Callable[[], Any]
    heavy: bool = False

    def body(self, st: WebState) -> bytes:
        """The JSON body, computed in this thread (once per key) or taken from the cache."""
        out: bytes = st.cache.get_or_compute(("json", *self.key), lambda: _dumps(self.compute()))
        return out


def _dumps(value: Any) -> bytes:
    if isinstance(value, BaseModel):
        return value.model_dump_json().encode()
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return b"[" + b",".join(v.model_dump_json().encode() for v in value) + b"]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False).encode()


async def job_body(st: WebState, job: Job) -> bytes:
    """The job's JSON body: from the cache, else computed in the heavy pool or the thread pool.

    Why: on a cache hit the answer is a dictionary lookup, with no validation, serialisation or
    thread hop per request — that is what keeps p95 low at 50 concurrent clients. A miss reads
    the store, in a thread; a heavy miss waits for a slot of its own pool (or is refused, 503).
    """
    found, body = st.cache.lookup(("json", *job.key))
    if found:
        return body  # type: ignore[no-any-return]
    if job.heavy:
        return await st.limiter.run(job.key, lambda: job.body(st))
    return await run_in_threadpool(job.body, st)


async def job_data(st: WebState, job: Job) -> Any:
    """The job's result as plain JSON data (for the pages)."""
    return json.loads(await job_body(st, job))


async def cached_json(st: WebState, job: Job) -> Response:
    """The job's result as a JSON answer (see :func:`job_body`)."""
    return Response(await job_body(st, job), media_type="application/json")


def profile_job(
    st: WebState,
    country: str,
    period: Period,
    poles: list[str],
    balance_poles: list[str],
    peers: list[str],
    replicates: int,
) -> Job:
    """The profile as JSON data, cached by (state, period, poles, peers, replicates)."""
    from ..measures.poles import DEFAULT_POLES
    from ..measures.profile import build_profile

    state = resolve_state(st.states, country, on=period.until)
    pl = check_pole_lists(st.states, st.blocs, poles, balance_poles, state, DEFAULT_POLES)
    peer_iso = resolve_iso3_list(st.states, peers, "peers")
    key = ("profile", state.cow, period.key(), pl.key(), tuple(peer_iso), replicates)

    def compute() -> dict[str, Any]:
        prof = build_profile(
            st.records(),
            state.iso3,
            since=period.since,
            until=period.until,
            poles=list(pl.names) or None,
            balance_poles=list(pl.balance) or None,
            peers=peer_iso or None,
            replicates=replicates,
        )
        out: dict[str, Any] = json_safe(prof.to_dict())
        return out

    return Job(key, compute, heavy=True)


def report_job(
    st: WebState,
    country: str,
    period: Period,
    poles: list[str],
    balance_poles: list[str],
    peers: list[str],
    replicates: int,
    top_events: int = 25,
) -> Job:
    """The report's data (the same as ``nonaligned report`` renders), cached like the profile."""
    try:
        from ..report.data import report_data
    except ImportError as exc:  # the report layer is optional in a partial install
        raise NonalignedError(f"the report module is not available: {exc}") from exc

    from ..measures.poles import DEFAULT_POLES

    state = resolve_state(st.states, country, on=period.until)
    pl = check_pole_lists(st.states, st.blocs, poles, balance_poles, state, DEFAULT_POLES)
    peer_iso = resolve_iso3_list(st.states, peers, "peers")
    key = ("report", state.cow, period.key(), pl.key(), tuple(peer_iso), replicates, top_events)

    def compute() -> dict[str, Any]:
        data = report_data(
            st.records(),
            state.iso3,
            since=period.since,
            until=period.until,
            peers=peer_iso or None,
            poles=list(pl.names) or None,
            balance_poles=list(pl.balance) or None,
            replicates=replicates,
            top_events=top_events,
        )
        out: dict[str, Any] = json_safe(data)
        return out

    return Job(key, compute, heavy=True)


async def compute_report(st: WebState, *args: Any, **kw: Any) -> dict[str, Any]:
    """The report's data (for the country page)."""
    data: dict[str, Any] = await job_data(st, report_job(st, *args, **kw))
    return data


def similarity_job(st: WebState, country: str, year: int) -> Job:
    """S of every state with ``country`` over the year's roll calls (the map's colours)."""
    from ..measures.similarity import all_dyads

    state = resolve_state(st.states, country, on=date(year, 7, 1))

    def compute() -> SimilarityOut:
        rec = st.records()
        votes = rec.store.query(
            """SELECT v.rcid, v.cow, v.vote, r.year FROM votes v JOIN rollcalls r USING (rcid)
               WHERE r.year = ? AND v.vote IN (1, 2, 3, 8)""",
            [year],
        )
        if votes.empty:
            raise NotFound(f"no UN General Assembly roll calls recorded in {year}")
        if not (votes["cow"] == state.cow).any():
            raise NotFound(f"{state.name} has no recorded UN vote in {year}")
        dy = all_dyads(votes, "year")
        mine = dy[(dy["cow_a"] == state.cow) | (dy["cow_b"] == state.cow)]
        rows = []
        for r in to_records(mine):
            other = int(r["cow_b"] if r["cow_a"] == state.cow else r["cow_a"])
            try:
                o = st.states.by_cow(other)
            except NonalignedError:
                continue
            rows.append(
                SimilarityRow(
                    iso3=o.iso3,
                    id=f"{o.isonum:03d}" if o.isonum is not None else None,
                    name=o.name,
                    cow=other,
                    n=int(r["n"]),
                    agree=_opt_float(r["agree"]),
                    s=_opt_float(r["s"]),
                    kappa=_opt_float(r["kappa"]),
                )
            )
        rows.sort(key=lambda x: -(x.s if x.s is not None else -2.0))
        return SimilarityOut(
            state=StateRef(name=state.name, iso3=state.iso3, cow=state.cow),
            year=year,
            rollcalls=int(votes["rcid"].nunique()),
            rows=rows,
        )

    return Job(("similarity", state.cow, year), compute)


async def compute_similarity(st: WebState, country: str, year: int) -> dict[str, Any]:
    """The map's data (for the map page), as JSON data."""
    out: dict[str, Any] = await job_data(st, similarity_job(st, country, year))
    return out


def compare_job(
    st: WebState,
    countries: list[str],
    period: Period,
    poles: list[str],
    balance_poles: list[str],
    replicates: int,
) -> Job:
    """Lean and balance of several states over one period (the period's votes loaded once)."""
    from ..measures.api import Measures
    from ..measures.poles import DEFAULT_POLES

    iso = resolve_iso3_list(st.states, countries, "countries")
    if len(iso) < 2:
        raise BadParameter("countries: name at least two different states to compare")
    pl = check_pole_lists(st.states, st.blocs, poles, balance_poles, None, DEFAULT_POLES)
    key = ("compare", tuple(iso), period.key(), pl.key(), replicates)

    def compute() -> CompareOut:
        m = Measures(st.records())
        rows = []
        bal_poles: list[str] = []
        for code in iso:
            al = m.alignment(
                code,
                since=period.since,
                until=period.until,
                poles=list(pl.names) or None,
                balance_poles=list(pl.balance) or None,
                replicates=replicates,
                shifts=False,
            )
            bal_poles = list(al.balance_poles)
            lean = [
                LeanRow(**{k: json_safe(v) for k, v in row.items() if k in LeanRow.model_fields})
                for row in to_records(al.lean)
            ]
            rows.append(
                CompareRow(
                    state=StateRef(name=al.state.name, iso3=al.state.iso3, cow=al.state.cow),
                    balance=_opt_float(al.balance.get("value")),
                    balance_lo=_opt_float(al.balance.get("lo")),
                    balance_hi=_opt_float(al.balance.get("hi")),
                    lean=lean,
                )
            )
        return CompareOut(
            since=period.since, until=period.until, balance_poles=bal_poles, rows=rows
        )

    return Job(key, compute, heavy=True)


async def compute_compare(st: WebState, *args: Any, **kw: Any) -> dict[str, Any]:
    """The comparison (for the compare page), as JSON data."""
    out: dict[str, Any] = await job_data(st, compare_job(st, *args, **kw))
    return out


# Events are read in steps, each over one table with only the columns it needs: the ids of the
# page's events (filters and order on events alone, no payload carried through the sort), then
# those events by id, then only the documents and sentence offsets they point into. One query
# joining events to documents made every request carry each matching document's full text through
# the sort before the LIMIT (the text is needed only to cut the trigger out of it), which is what
# made /api/events?actor=AZE slow. Documents are never deleted (events are, per document), so no
# join is needed to count. The store should carry indexes on events(actor), events(recipient) and
# events(date) for large corpora; documents(doc_id) and sentences(doc_id, sent) are primary keys.
_EVENT_COLUMNS = """e.event_id, e.doc_id, e.date, e.actor, e.actor_text, e.recipient,
    e.recipient_text, e.event, e.mode, e.cameo, e.quad_class, e.goldstein, e.status,
    e.confidence, e.sentence, e.sent, e."start", e."end" """
_EVENT_ORDER = 'ORDER BY e.date NULLS LAST, e.doc_id, e.sent, e."start", e.event_id'


def _marks(n: int) -> str:
    return ", ".join("?" * n)  # placeholders only: every value is a parameter


def _select_events(
    store: Any, where: str, params: list[Any], limit: int | None = None, offset: int = 0
) -> list[EventOut]:
    """Events matching ``where`` (over ``events e``; values only as parameters), in order."""
    con = store.con
    page, page_params = ("LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT e.event_id FROM events e WHERE {where} {_EVENT_ORDER} {page}",
            [*params, *page_params],
        ).fetchall()
    ]
    if not ids:
        return []
    cur = con.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id IN ({_marks(len(ids))})", ids
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
    return _event_rows(rows)


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


def query_events_page(
    st: WebState,
    *,
    actor: str | None,
    partner: str | None,
    types: list[str] | None,
    status: str,
    period: Period,
    limit: int,
    offset: int,
) -> EventsOut:
    """One page of events with the filters of ``nonaligned events``, and the total count."""
    out: EventsOut = events_job(
        st,
        actor=actor,
        partner=partner,
        types=types,
        status=status,
        period=period,
        limit=limit,
        offset=offset,
    ).compute()
    return out


def events_job(
    st: WebState,
    *,
    actor: str | None,
    partner: str | None,
    types: list[str] | None,
    status: str,
    period: Period,
    limit: int,
    offset: int,
) -> Job:
    """A page of events as a (cheap, cached) job: the store is read-only, so a page is fixed."""
    a = resolve_actor(st.states, actor)
    p = resolve_actor(st.states, partner)
    kinds = sorted({t.upper() for t in types}) if types else None
    key = ("events", a, p, tuple(kinds or ()), status, period.key(), limit, offset)
    return Job(key, lambda: _query_events(st, a, p, kinds, status, period, limit, offset))


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
    where = " AND ".join(clauses)  # fixed clauses only; every value is a parameter
    store = st.records().store
    total_row = store.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    events = _select_events(store, where, params, limit, offset) if offset < total else []
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
    events = _select_events(store, "e.doc_id = ?", [row["doc_id"]])
    events.sort(key=lambda e: (e.start, e.event_id))
    return DocumentOut(**row, events=events)


# -- routes --------------------------------------------------------------------------------------
def countries_job(st: WebState) -> Job:
    """Every state in the store (cached: the store does not change while served)."""

    def compute() -> list[CountryOut]:
        df = st.records().countries()
        return [
            CountryOut(
                iso3=r["iso3"],
                iso2=r["iso2"],
                isonum=r["isonum"],
                name=r["name"],
                cow=r["cow"],
                cow_abb=r["cow_abb"],
                start=r["start"],
                end=r["end"],
                kind=r["kind"],
            )
            for r in to_records(df)
        ]

    return Job(("countries",), compute)


async def countries(st: WebState) -> list[dict[str, Any]]:
    """The states (for the pages), as JSON data."""
    out: list[dict[str, Any]] = await job_data(st, countries_job(st))
    return out


@router.get("/countries", response_model=list[CountryOut], summary="States and their codes")
async def countries_route(st: State) -> Response:
    """Every state in the store, with ISO and COW codes and its system-membership dates."""
    return await cached_json(st, countries_job(st))


@router.get("/profile/{country}", response_model=ProfileOut, summary="A state's profile")
async def profile(
    st: State,
    country: CountryPath,
    since: SinceQuery = None,
    until: UntilQuery = None,
    poles: ListQuery = None,
    balance_poles: ListQuery = None,
    peers: ListQuery = None,
    replicates: ReplicatesQuery = DEFAULT_REPLICATES,
) -> Response:
    """Lean toward each pole, the balance index with its interval, yearly series, shifts, blocs,
    alliances and the lean of coded news events — ``nonaligned profile --format json``."""
    job = profile_job(
        st,
        country,
        parse_period(since, until),
        split_list(poles, "poles"),
        split_list(balance_poles, "balance_poles"),
        split_list(peers, "peers"),
        replicates,
    )
    return await cached_json(st, job)


@router.get("/report/{country}", summary="The report's data for a state")
async def report(
    st: State,
    country: CountryPath,
    since: SinceQuery = None,
    until: UntilQuery = None,
    poles: ListQuery = None,
    balance_poles: ListQuery = None,
    peers: ListQuery = None,
    replicates: ReplicatesQuery = DEFAULT_REPLICATES,
    top_events: Annotated[int, Query(ge=0, le=200, description="Events listed")] = 25,
) -> Response:
    """The data behind the HTML report (the country page draws its charts from it)."""
    job = report_job(
        st,
        country,
        parse_period(since, until),
        split_list(poles, "poles"),
        split_list(balance_poles, "balance_poles"),
        split_list(peers, "peers"),
        replicates,
        top_events,
    )
    return await cached_json(st, job)


@router.get("/similarity", response_model=SimilarityOut, summary="S of every state with one")
async def similarity(st: State, country: CountryQuery, year: YearQuery) -> Response:
    """UN-vote similarity (S, agreement, kappa) of every state with ``country`` in ``year``."""
    return await cached_json(st, similarity_job(st, country, year))


@router.get("/compare", response_model=CompareOut, summary="Lean and balance of several states")
async def compare(
    st: State,
    countries: CountriesQuery,
    since: SinceQuery = None,
    until: UntilQuery = None,
    poles: ListQuery = None,
    balance_poles: ListQuery = None,
    replicates: ReplicatesQuery = DEFAULT_REPLICATES,
) -> Response:
    """Lean toward each pole and balance of 2 to 8 states (``MAX_COUNTRIES``) over one period."""
    job = compare_job(
        st,
        split_list(countries, "countries", MAX_COUNTRIES),
        parse_period(since, until),
        split_list(poles, "poles"),
        split_list(balance_poles, "balance_poles", MAX_LIST),
        replicates,
    )
    return await cached_json(st, job)


@router.get("/events", response_model=EventsOut, summary="Coded news events")
async def events(
    st: State,
    actor: ActorQuery = None,
    partner: ActorQuery = None,
    type: TypesQuery = None,
    status: StatusQuery = "asserted",
    since: SinceQuery = None,
    until: UntilQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
) -> Response:
    """Events with ``actor`` (and ``partner``) on either side, by type, status and date, with the
    source sentence and the trigger's place in it."""
    job = events_job(
        st,
        actor=actor,
        partner=partner,
        types=[str(t) for t in type] if type else None,
        status=status,
        period=parse_period(since, until),
        limit=limit,
        offset=offset,
    )
    return await cached_json(st, job)


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="An ingested document")
def document(st: State, doc_id: DocIdPath) -> DocumentOut:
    """The document's text and metadata, with the events coded from it (offsets into the text)."""
    return get_document(st, doc_id)


def versions_job(st: WebState) -> Job:
    """What produced the numbers: package, store schema, records fingerprint, datasets, coders."""
    from ..config import text_data_dir
    from ..records.catalog import datasets as text_datasets

    def compute() -> VersionsOut:
        rec = st.records()
        store = rec.store
        df = rec.versions()
        rows = [
            DatasetOut.model_validate({k: r.get(k) for k in DatasetOut.model_fields})
            for r in to_records(df)
        ]
        if text_data_dir().is_dir():
            rows += [
                DatasetOut(
                    name=d.name,
                    title=d.title,
                    version=d.version,
                    rows=sum(d.rows.values()),
                    licence=d.licence,
                    origin=d.origin,
                )
                for d in text_datasets(text_data_dir())
            ]
        coders = store.query(
            "SELECT coder, count(*) AS n FROM events GROUP BY coder ORDER BY coder"
        )
        return VersionsOut(
            nonaligned=__version__,
            schema_version=store.schema_version(),
            records_fingerprint=store.meta("records_fingerprint"),
            records_loaded_at=store.meta("records_loaded_at"),
            coders={str(r["coder"]): int(r["n"]) for r in to_records(coders)},
            datasets=rows,
        )

    return Job(("versions",), compute)


@router.get("/versions", response_model=VersionsOut, summary="Versions of code, store and data")
async def versions(st: State) -> Response:
    """What produced the numbers: package, store schema, records fingerprint, datasets, coders."""
    return await cached_json(st, versions_job(st))
