"""What the routes compute: jobs (cached, bounded) over the measures and records.

Every number a page or the JSON API shows comes from here, so a page and its JSON always agree.
The records and measures are asked through ``WebState.records()`` and the measures' own functions
(``build_profile``, ``Measures``, ``report_data``). Events and documents are read by
:mod:`.reads`, the web layer's one direct read of the store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from .. import __version__
from ..errors import NonalignedError
from ..output import _plain
from ..output import records as to_records
from .models import (
    CompareOut,
    CompareRow,
    CountryOut,
    DatasetOut,
    EventsOut,
    LeanRow,
    SimilarityOut,
    SimilarityRow,
    StateRef,
    VersionsOut,
)
from .params import (
    BadParameter,
    NotFound,
    Period,
    resolve_actor,
    resolve_iso3_list,
    resolve_state,
)
from .params import check_poles as check_pole_lists
from .reads import _query_events
from .state import WebState


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
    async with st.read_slots:
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


def neighbours_job(
    st: WebState, country: str, period: Period, measure: str = "agreement", top: int = 20
) -> Job:
    """The states voting most like ``country`` (``nonaligned neighbours --format json``), with
    the plain reading; one query, about 0.05 s, so not a heavy job."""
    from ..measures.neighbours import measure_column, neighbours
    from ..measures.readings import neighbours_reading

    state = resolve_state(st.states, country, on=period.until)
    try:
        col = measure_column(measure)
    except NonalignedError as exc:
        raise BadParameter(str(exc)) from exc
    key = ("neighbours", state.cow, period.key(), col, top)

    def compute() -> dict[str, Any]:
        nb = neighbours(
            st.records(), state.iso3, since=period.since, until=period.until, measure=col, top=top
        )
        out = nb.to_dict()
        out["reading"] = neighbours_reading(nb.table, state.name).to_dict()
        safe: dict[str, Any] = json_safe(out)
        return safe

    return Job(key, compute)


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


async def query_events_page(
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
    """One page of events with the filters of ``nonaligned events``, and the total count.

    Read through the same cache (and read slots) as ``/api/events``, so the page and the API
    agree and a page asked twice reads the store once."""
    job = events_job(
        st,
        actor=actor,
        partner=partner,
        types=types,
        status=status,
        period=period,
        limit=limit,
        offset=offset,
    )
    return EventsOut.model_validate_json(await job_body(st, job))
