"""Server-rendered pages: a country's report, a comparison, a world map, an event browser.

Why server-rendered: each page is one GET whose address says everything shown (country, period,
poles, peers), so a view can be bookmarked, shared and reloaded; the form on each page only builds
such an address. The charts are Vega-Lite specs embedded in the page as JSON and drawn by the
vendored Vega scripts served from this server; the numbers come from the same ``compute_*``
functions as the JSON API, so a page and ``/api/...`` never disagree.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ..measures.poles import DEFAULT_BALANCE, DEFAULT_POLES, LABELS
from ..measures.series import MIN_ROLLCALLS
from ..report.palette import BLUE, GREY, NO_DATA, SEQUENTIAL, category_colours
from .params import (
    DEFAULT_LIMIT,
    DEFAULT_REPLICATES,
    FIRST_YEAR,
    MAX_COUNTRIES,
    ActorQuery,
    CountryPath,
    DocIdPath,
    LimitQuery,
    ListQuery,
    OffsetQuery,
    SinceQuery,
    StatusQuery,
    TypesQuery,
    UntilQuery,
    parse_period,
    resolve_state,
    safe_url,
    split_list,
)
from .queries import (
    compute_compare,
    compute_report,
    compute_similarity,
    countries,
    query_events_page,
)
from .reads import get_document
from .state import State

TEMPLATES = Jinja2Templates(directory=Path(str(resources.files("nonaligned.web") / "templates")))
# Every address from the data goes through this filter before it becomes an href: only http(s).
TEMPLATES.env.filters["safe_url"] = safe_url
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

# Vendored scripts, in load order (Vega, then Vega-Lite, then Vega-Embed).
VENDOR_JS = ("vega-6.4.0.min.js", "vega-lite-6.5.0.min.js", "vega-embed-7.3.0.min.js")
VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched
GEOMETRY_URL = "/static/data/countries-110m.json"


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    """A template rendered with the context every page needs."""
    context.setdefault("vendor_js", VENDOR_JS)
    context.setdefault("charts", {})
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def _last_vote_year(st: Any) -> int:
    """The latest year with enough roll calls to support a map (a year of a handful is thin)."""

    def compute() -> int:
        row = (
            st.records()
            .store.con.execute(
                "SELECT max(year) FROM (SELECT year FROM rollcalls GROUP BY year "
                "HAVING count(*) >= ?)",
                [MIN_ROLLCALLS],
            )
            .fetchone()
        )
        return int(row[0]) if row and row[0] is not None else FIRST_YEAR

    value: int = st.cache.get_or_compute(("last_vote_year",), compute)
    return value


# -- chart specs built here (the country page takes its specs from the report module) -------------
def compare_specs(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Balance with its interval per state, and S with each pole per state."""
    balance = [
        {
            "state": r["state"]["name"],
            "balance": r["balance"],
            "lo": r["balance_lo"],
            "hi": r["balance_hi"],
        }
        for r in rows
    ]
    lean = [
        {
            "state": r["state"]["name"],
            "pole": x["label"] or x["pole"],
            "s": x["s"],
            "lo": x["s_lo"],
            "hi": x["s_hi"],
            "n": x["n"],
        }
        for r in rows
        for x in r["lean"]
        if x["s"] is not None
    ]
    return {
        "compare-balance": {
            "$schema": VL_SCHEMA,
            "title": "Balance index (1 = equidistant from the poles), 95% interval",
            "width": "container",
            "data": {"values": balance},
            "encoding": {
                "y": {"field": "state", "type": "nominal", "title": None, "sort": "-x"},
            },
            "layer": [
                {
                    "mark": {"type": "rule", "strokeWidth": 2, "color": GREY},
                    "encoding": {
                        "x": {
                            "field": "lo",
                            "type": "quantitative",
                            "scale": {"domain": [0, 1]},
                            "title": "balance",
                        },
                        "x2": {"field": "hi"},
                    },
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 90, "color": BLUE},
                    "encoding": {
                        "x": {"field": "balance", "type": "quantitative"},
                        "tooltip": [
                            {"field": "state"},
                            {"field": "balance", "format": ".2f"},
                            {"field": "lo", "format": ".2f", "title": "95% low"},
                            {"field": "hi", "format": ".2f", "title": "95% high"},
                        ],
                    },
                },
            ],
        },
        "compare-lean": {
            "$schema": VL_SCHEMA,
            "title": "Similarity of UN votes (S) with each pole, 95% interval",
            "width": "container",
            "data": {"values": lean},
            "encoding": {
                "y": {"field": "pole", "type": "nominal", "title": None},
                "yOffset": {"field": "state"},
                "color": {
                    "field": "state",
                    "type": "nominal",
                    "title": "State",
                    "scale": {"range": category_colours(8)},
                },
                "opacity": {"condition": {"param": "pick", "value": 1}, "value": 0.15},
            },
            "layer": [
                {
                    "mark": {"type": "rule"},
                    "encoding": {
                        "x": {
                            "field": "lo",
                            "type": "quantitative",
                            "scale": {"domain": [-1, 1]},
                            "title": "S",
                        },
                        "x2": {"field": "hi"},
                    },
                },
                {
                    "params": [
                        {
                            "name": "pick",
                            "select": {"type": "point", "fields": ["state"]},
                            "bind": "legend",
                        }
                    ],
                    "mark": {"type": "point", "filled": True, "size": 60},
                    "encoding": {
                        "x": {"field": "s", "type": "quantitative"},
                        "tooltip": [
                            {"field": "state"},
                            {"field": "pole"},
                            {"field": "s", "format": ".2f", "title": "S"},
                            {"field": "lo", "format": ".2f", "title": "95% low"},
                            {"field": "hi", "format": ".2f", "title": "95% high"},
                            {"field": "n", "title": "roll calls"},
                        ],
                    },
                },
            ],
        },
    }


def map_spec(rows: list[dict[str, Any]], chosen_id: str | None, title: str) -> dict[str, Any]:
    """World map coloured by S with the chosen state; its own shape in black, no data in grey."""
    geo = {"url": GEOMETRY_URL, "format": {"type": "topojson", "feature": "countries"}}
    values = [
        {"id": r["id"], "s": r["s"], "name": r["name"], "iso3": r["iso3"], "n": r["n"]}
        for r in rows
        if r["id"] is not None and r["s"] is not None
    ]
    return {
        "$schema": VL_SCHEMA,
        "title": title,
        "width": 980,
        "height": 520,
        "projection": {"type": "equalEarth"},
        "layer": [
            {
                "data": geo,
                "mark": {"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.4},
                "encoding": {
                    "color": {
                        "datum": "no votes",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": ["no votes"], "range": [NO_DATA]},
                        "legend": {"orient": "right", "symbolOpacity": 1},
                    },
                    "tooltip": {"field": "properties.name", "title": "no votes"},
                },
            },
            {
                "data": geo,
                "transform": [
                    {
                        "lookup": "id",
                        "from": {
                            "data": {"values": values},
                            "key": "id",
                            "fields": ["s", "name", "iso3", "n"],
                        },
                    },
                    {"filter": "isValid(datum.s)"},
                ],
                "mark": {"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.4},
                "encoding": {
                    "color": {
                        "field": "s",
                        "type": "quantitative",
                        "title": "S",
                        "scale": {"domain": [-1, 1], "scheme": SEQUENTIAL},
                    },
                    "tooltip": [
                        {"field": "name", "title": "State"},
                        {"field": "s", "type": "quantitative", "format": ".2f", "title": "S"},
                        {"field": "n", "type": "quantitative", "title": "Roll calls"},
                    ],
                },
            },
            {
                "data": geo,
                "transform": [{"filter": {"field": "id", "equal": chosen_id or "none"}}],
                "mark": {"type": "geoshape", "fill": "#222", "stroke": "#fff"},
                "encoding": {"tooltip": {"value": "the chosen state"}},
            },
        ],
        # "no votes" (nominal) and S (quantitative) each keep their own colour scale and legend
        "resolve": {"scale": {"color": "independent"}, "legend": {"color": "independent"}},
    }


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` as HTML with each non-overlapping span in a <mark>; everything escaped."""
    out: list[str] = []
    pos = 0
    for a, b, title in sorted(spans):
        if a < pos or not 0 <= a < b <= len(text):
            continue
        out.append(html.escape(text[pos:a]))
        out.append(
            f'<mark class="trigger" title="{html.escape(title, quote=True)}">'
            f"{html.escape(text[a:b])}</mark>"
        )
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


# -- pages ---------------------------------------------------------------------------------------
@router.get("/")
async def index(request: Request, st: State) -> Response:
    """Start page: pick a state, or go to the map, the comparison or the events."""
    states = [c for c in await countries(st) if c["end"] is None and c["kind"] == "cow"]
    return page(request, "index.html", states=states, nav="home")


@router.get("/country")
def country_pick(
    st: State, country: Annotated[str, Query(min_length=1, max_length=64)]
) -> Response:
    """The state picker's target: on to the state's page under its ISO3 code."""
    from urllib.parse import quote

    from fastapi.responses import RedirectResponse

    iso3 = resolve_state(st.states, country).iso3
    return RedirectResponse(f"/country/{quote(iso3)}", status_code=303)


@router.get("/country/{country}")
async def country_page(
    request: Request,
    st: State,
    country: CountryPath,
    since: SinceQuery = None,
    until: UntilQuery = None,
    poles: ListQuery = None,
    balance_poles: ListQuery = None,
    peers: ListQuery = None,
    replicates: Annotated[int, Query(ge=20, le=1000)] = DEFAULT_REPLICATES,
) -> Response:
    """The report of one state, with a form for period, poles and peers."""
    from ..report.charts import specs

    period = parse_period(since, until)
    pole_list = split_list(poles, "poles")
    peer_list = split_list(peers, "peers")
    bal_list = split_list(balance_poles, "balance_poles")
    data = await compute_report(st, country, period, pole_list, bal_list, peer_list, replicates)
    charts = await run_in_threadpool(specs, data)
    state = resolve_state(st.states, country, on=period.until)
    return page(
        request,
        "country.html",
        nav="country",
        state=state,
        data=data,
        charts=charts,
        since=since or "",
        until=until or "",
        # A state is never its own pole: the United States' page offers no USA box.
        poles=pole_list or [c for c in DEFAULT_POLES if c != state.iso3],
        pole_choices=[
            (code, LABELS.get(code, code)) for code in DEFAULT_POLES if code != state.iso3
        ]
        + [(p, p) for p in pole_list if p not in DEFAULT_POLES],
        balance_poles=bal_list or list(DEFAULT_BALANCE),
        peers=", ".join(peer_list),
        replicates=replicates,
    )


@router.get("/compare")
async def compare_page(
    request: Request,
    st: State,
    countries: Annotated[list[str] | None, Query(max_length=MAX_COUNTRIES)] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    poles: ListQuery = None,
) -> Response:
    """Two or more states side by side: balance and lean toward each pole over one period."""
    names = split_list(countries, "countries", MAX_COUNTRIES)
    period = parse_period(since, until)
    pole_list = split_list(poles, "poles")
    result = None
    charts: dict[str, Any] = {}
    if names:
        result = await compute_compare(st, names, period, pole_list, [], DEFAULT_REPLICATES)
        charts = compare_specs(result["rows"])
    return page(
        request,
        "compare.html",
        nav="compare",
        result=result,
        charts=charts,
        countries=", ".join(names),
        since=since or "",
        until=until or "",
        poles=", ".join(pole_list),
        max_countries=MAX_COUNTRIES,
        last_vote_year=await run_in_threadpool(_last_vote_year, st) if result else None,
    )


@router.get("/map")
async def map_page(
    request: Request,
    st: State,
    country: Annotated[str, Query(min_length=1, max_length=64)] = "AZE",
    year: Annotated[int | None, Query(ge=FIRST_YEAR, le=2100)] = None,
) -> Response:
    """The world coloured by UN-vote similarity (S) with one state in one year."""
    last = await run_in_threadpool(_last_vote_year, st)
    yr = year if year is not None else last
    sim = await compute_similarity(st, country, yr)
    state = st.states.by_cow(sim["state"]["cow"])
    chosen_id = f"{state.isonum:03d}" if state.isonum is not None else None
    title = f"UN-vote similarity (S) with {sim['state']['name']} in {yr}"
    charts = {"map": map_spec(sim["rows"], chosen_id, title)}
    return page(
        request,
        "map.html",
        nav="map",
        sim=sim,
        charts=charts,
        country=state.iso3,
        year=yr,
        first_year=FIRST_YEAR,
        last_year=last,
        states=[c for c in await countries(st) if c["kind"] == "cow"],
    )


@router.get("/events")
async def events_page(
    request: Request,
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
    """Coded events with their source sentence, the trigger highlighted, linked to the document."""
    from ..text.plover import PLOVER_EVENTS

    types = [str(t) for t in type] if type else None
    result = await query_events_page(
        st,
        actor=actor,
        partner=partner,
        types=types,
        status=status,
        period=parse_period(since, until),
        limit=limit,
        offset=offset,
    )
    rows = [
        {
            "e": e,
            "sentence_html": _marked(
                e.sentence, [(e.trigger[0], e.trigger[1], e.event or e.cameo)] if e.trigger else []
            ),
        }
        for e in result.events
    ]
    query = {
        k: v
        for k, v in {
            "actor": actor,
            "partner": partner,
            "status": status,
            "since": since,
            "until": until,
            "limit": limit,
        }.items()
        if v
    }
    return page(
        request,
        "events.html",
        nav="events",
        result=result,
        rows=rows,
        actor=actor or "",
        partner=partner or "",
        types=types or [],
        type_choices=PLOVER_EVENTS,
        status=status,
        since=since or "",
        until=until or "",
        limit=limit,
        offset=offset,
        query=query,
    )


@router.get("/documents/{doc_id}")
def document_page(request: Request, st: State, doc_id: DocIdPath) -> Response:
    """A document's text with every coded trigger marked, and its events."""
    doc = get_document(st, doc_id)
    spans = [(e.start, e.end, f"{e.event or e.cameo} ({e.status})") for e in doc.events]
    return page(
        request,
        "document.html",
        nav="events",
        doc=doc,
        text_html=_marked(doc.text, spans),
    )
