"""The JSON API: every route a GET with typed, bounded parameters, described by ``/openapi.json``.

The routes are thin: they check their parameters (:mod:`.params`), then call the same functions
as the CLI (``build_profile``, ``Measures``, the report's ``report_data``) on this thread's
records, and cache what is slow. The page routes (:mod:`.routes_pages`) reuse the ``compute_*`` functions
of :mod:`.queries`, so a page and its JSON always show the same numbers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from .models import (
    ERRORS,
    CompareOut,
    CountryOut,
    DocumentOut,
    EventsOut,
    ProfileOut,
    SimilarityOut,
    VersionsOut,
)
from .params import (
    DEFAULT_LIMIT,
    DEFAULT_REPLICATES,
    MAX_COUNTRIES,
    MAX_LIST,
    ActorQuery,
    CountriesQuery,
    CountryPath,
    CountryQuery,
    DocIdPath,
    LimitQuery,
    ListQuery,
    OffsetQuery,
    ReplicatesQuery,
    SinceQuery,
    StatusQuery,
    TypesQuery,
    UntilQuery,
    YearQuery,
    parse_period,
    split_list,
)
from .queries import (
    cached_json,
    compare_job,
    countries_job,
    events_job,
    neighbours_job,
    profile_job,
    report_job,
    similarity_job,
    versions_job,
)
from .reads import get_document
from .state import State

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


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


@router.get("/neighbours/{country}", summary="The states voting most like a state")
async def neighbours_route(
    st: State,
    country: CountryPath,
    since: SinceQuery = None,
    until: UntilQuery = None,
    measure: Annotated[
        Literal["agreement", "S", "s"],
        Query(description="Rank by the share of identical votes (agreement) or by S"),
    ] = "agreement",
    top: Annotated[int, Query(ge=1, le=250, description="States listed")] = 20,
) -> Response:
    """The ``top`` states whose UN votes are most like ``country``'s over the period, with the
    number of shared roll calls; ``excluded`` counts the states sharing too few roll calls to be
    ranked, ``reading`` is the plain sentence — ``nonaligned neighbours --format json``."""
    job = neighbours_job(st, country, parse_period(since, until), measure, top)
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


@router.get("/versions", response_model=VersionsOut, summary="Versions of code, store and data")
async def versions(st: State) -> Response:
    """What produced the numbers: package, store schema, records fingerprint, datasets, coders."""
    return await cached_json(st, versions_job(st))
