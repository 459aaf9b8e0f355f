"""Vega-Lite specs (plain dicts, data inline) for the charts of a country report.

Why plain dicts and not Altair: the report stays in the core install, and the dashboard can add
its own interactivity by editing a dict. Each spec carries its data as inline ``values``, so it
renders anywhere with vega-embed alone. Yearly values are placed on 1 July of their year on a
time axis, so that change points, which have exact dates, line up with them.

Chart ids: "similarity", "distance", "balance", "memberships", "events", "network". A chart
whose data are empty is left out of :func:`specs`; the report shows why instead. Colours come
from :mod:`nonaligned.report.palette`.

Why this module is long: one builder per chart, each a literal Vega-Lite dict that reads best
whole; splitting them would scatter the shared axes, thresholds and colour scales.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from .palette import BLACK, STATUS_COLOURS, pole_colours

Spec = dict[str, Any]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier; never fetched
CHART_IDS = ("similarity", "distance", "balance", "memberships", "events", "network")
WIDTH = 760
# Years with fewer roll calls are drawn as hollow points only, not joined into lines and bands:
# the last, partial session would otherwise look like a sudden swing.
MIN_N = 20
# Shaded bands (intervals, change-point confidence sets) stay pale and under the lines; legends
# show the full-strength colour of the line, never the band's.
BAND_OPACITY = 0.12
FULL_SWATCH = {"symbolOpacity": 1, "symbolStrokeWidth": 3, "symbolType": "stroke"}


def _thin(r: dict[str, Any]) -> bool:
    """A year drawn as a hollow point, outside lines and bands: flagged thin by the measures, or
    under the charts' own MIN_N roll calls."""
    return bool(r.get("thin")) or int(r.get("n") or 0) < MIN_N


def _with_runs(values: list[dict[str, Any]], key: str | None) -> list[dict[str, Any]]:
    """Each row with ``run``: a segment id that changes wherever a year is missing or thin.

    Lines and bands are drawn per run (Vega-Lite ``detail``), so a gap in the record — Serbia
    not seated 1992-2000, a year without roll calls, a thin year drawn only as a hollow point —
    shows as a gap instead of a straight line over years that have no data.
    """
    runs: dict[int, str] = {}  # row index -> run, rows kept in their order (legend order)
    last: dict[str, tuple[int, int, bool]] = {}  # series -> (year, run, thin) of its last row
    order = sorted(
        range(len(values)),
        key=lambda i: (str(values[i].get(key)) if key else "", int(values[i]["year"])),
    )
    for i in order:
        r = values[i]
        series = str(r.get(key)) if key else ""
        year, thin = int(r["year"]), bool(r["thin"])
        prev = last.get(series)
        if prev is None:
            run = 0
        elif year == prev[0] + 1 and not thin and not prev[2]:
            run = prev[1]
        else:
            run = prev[1] + 1
        last[series] = (year, run, thin)
        runs[i] = f"{series}#{run}"
    return [{**r, "run": runs[i]} for i, r in enumerate(values)]


def _points(mark: Spec, encoding: Spec) -> list[Spec]:
    """Two point layers: solid for full years, hollow (``filled: False``) for thin ones."""
    return [
        {
            "transform": [{"filter": "!datum.thin"}],
            "mark": {**mark, "type": "point", "filled": True},
            "encoding": encoding,
        },
        {
            "transform": [{"filter": "datum.thin"}],
            "mark": {**mark, "type": "point", "filled": False, "strokeWidth": 1.5},
            "encoding": encoding,
        },
    ]


def _mid_year(year: Any) -> str:
    return f"{int(year)}-07-01"


def _base(title: str, description: str) -> Spec:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start", "fontSize": 14},
        "description": description,
        "width": WIDTH,
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }


def _pole_scale(rows: list[dict[str, Any]]) -> Spec:
    """The colour scale of a per-pole chart: each pole's label in its fixed palette colour."""
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(str(r.get("label")), str(r.get("pole")))
    return {"domain": list(seen), "range": pole_colours(seen.values())}


def _pole_series(
    rows: list[dict[str, Any]], value: str, lo: str, hi: str, y_title: str, title: str, desc: str
) -> Spec:
    """A line per pole with its interval band; legend toggles poles, a brush selects years."""
    values = _with_runs(
        [
            {**r, "date": _mid_year(r["year"]), "thin": _thin(r)}
            for r in rows
            if r.get(value) is not None
        ],
        "label",
    )
    legend_sel = "poles"
    opacity = {
        "condition": {"param": legend_sel, "value": 1},
        "value": 0.08,
    }
    color = {
        "field": "label",
        "type": "nominal",
        "title": "Pole",
        "scale": _pole_scale(values),
        "legend": {"orient": "bottom", "columns": 3, "labelLimit": 320, **FULL_SWATCH},
    }
    x = {"field": "date", "type": "temporal", "title": "Year"}
    tooltip = [
        {"field": "label", "title": "Pole"},
        {"field": "year", "title": "Year"},
        {"field": value, "title": y_title, "format": ".3f"},
        {"field": lo, "title": "low", "format": ".3f"},
        {"field": hi, "title": "high", "format": ".3f"},
        {"field": "n", "title": "roll calls"},
        {"field": "thin", "title": "thin year"},
    ]
    spec = _base(title, desc)
    spec.update(
        {
            "height": 300,
            "data": {"values": values},
            "layer": [
                {
                    "transform": [{"filter": "!datum.thin"}],
                    "mark": {"type": "area"},
                    "encoding": {
                        "x": x,
                        "y": {"field": lo, "type": "quantitative", "title": y_title},
                        "y2": {"field": hi},
                        "color": color,
                        "detail": {"field": "run"},
                        "opacity": {
                            "condition": {"param": legend_sel, "value": BAND_OPACITY},
                            "value": 0.02,
                        },
                    },
                },
                {
                    "transform": [{"filter": "!datum.thin"}],
                    "mark": {"type": "line", "strokeWidth": 2},
                    "params": [
                        {
                            "name": legend_sel,
                            "select": {"type": "point", "fields": ["label"]},
                            "bind": "legend",
                        },
                        {"name": "years", "select": {"type": "interval", "encodings": ["x"]}},
                    ],
                    "encoding": {
                        "x": x,
                        "y": {"field": value, "type": "quantitative"},
                        "color": color,
                        "detail": {"field": "run"},
                        "opacity": opacity,
                    },
                },
                *_points(
                    {"size": 30},
                    {
                        "x": x,
                        "y": {"field": value, "type": "quantitative"},
                        "color": color,
                        "opacity": opacity,
                        "tooltip": tooltip,
                    },
                ),
            ],
        }
    )
    return spec


def similarity_spec(data: dict[str, Any]) -> Spec:
    return _pole_series(
        data["similarity"],
        "s",
        "s_lo",
        "s_hi",
        "S",
        "UN-vote similarity (S) with each pole, per year",
        "Signorino-Ritter S (-1 = always opposite, 1 = identical) with a bootstrap band over the "
        "year's roll calls. Click the legend to isolate a pole; drag to select years.",
    )


def distance_spec(data: dict[str, Any]) -> Spec:
    return _pole_series(
        data["similarity"],
        "ip_distance",
        "ip_lo",
        "ip_hi",
        "ideal-point distance",
        "Ideal-point distance to each pole, per year",
        "Absolute distance between the state's and the pole's ideal points (0 = same position).",
    )


def balance_spec(data: dict[str, Any]) -> Spec:
    values = _with_runs(
        [
            {**r, "date": _mid_year(r["year"]), "thin": _thin(r)}
            for r in data["balance"]
            if r.get("value") is not None
        ],
        None,
    )
    x = {"field": "date", "type": "temporal", "title": "Year"}
    layers: list[Spec] = [
        {
            "transform": [{"filter": "!datum.thin"}],
            "mark": {"type": "area", "opacity": BAND_OPACITY, "color": BLACK},
            "encoding": {
                "x": x,
                "y": {
                    "field": "lo",
                    "type": "quantitative",
                    "title": "balance index",
                    "scale": {"domain": [0, 1]},
                },
                "y2": {"field": "hi"},
                "detail": {"field": "run"},
            },
        },
        {
            "transform": [{"filter": "!datum.thin"}],
            "mark": {"type": "line", "color": BLACK, "strokeWidth": 2},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative"},
                "detail": {"field": "run"},
            },
        },
        *_points(
            {"color": BLACK},
            {
                "x": x,
                "y": {"field": "value", "type": "quantitative"},
                "tooltip": [
                    {"field": "year", "title": "Year"},
                    {"field": "value", "title": "balance", "format": ".3f"},
                    {"field": "lo", "title": "low", "format": ".3f"},
                    {"field": "hi", "title": "high", "format": ".3f"},
                    {"field": "n", "title": "roll calls"},
                    {"field": "thin", "title": "thin year"},
                ],
            },
        ),
    ]
    cps = data.get("change_points") or []
    if cps:
        cp_color = {
            "field": "label",
            "type": "nominal",
            "title": "Change point in",
            "scale": _pole_scale(cps),
            "legend": FULL_SWATCH,
        }
        cp_tip = [
            {"field": "label", "title": "in"},
            {"field": "date", "type": "temporal", "title": "date"},
            {"field": "date_low", "type": "temporal", "title": "earliest"},
            {"field": "date_high", "type": "temporal", "title": "latest"},
            {"field": "before", "title": "before", "format": ".3f"},
            {"field": "after", "title": "after", "format": ".3f"},
            {"field": "p_value", "title": "p", "format": ".3f"},
        ]
        # beneath the balance layers, so the bands never cover the line
        layers[:0] = [
            {
                "data": {"values": cps},
                "mark": {"type": "rect", "opacity": BAND_OPACITY},
                "encoding": {
                    "x": {"field": "date_low", "type": "temporal"},
                    "x2": {"field": "date_high"},
                    "color": cp_color,
                    "tooltip": cp_tip,
                },
            },
            {
                "data": {"values": cps},
                "mark": {"type": "rule", "strokeDash": [4, 3], "strokeWidth": 2},
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "color": cp_color,
                    "tooltip": cp_tip,
                },
            },
        ]
    spec = _base(
        "Balance index per year, with change points",
        "1 = equally close to every balance pole, 0 = inside one camp. Dashed rules: change "
        "points (in S with a pole, or in the balance); shaded: the confidence set of each date.",
    )
    spec.update({"height": 260, "data": {"values": values}, "layer": layers})
    return spec


def memberships_spec(data: dict[str, Any]) -> Spec:
    until = (data.get("period") or {}).get("until") or date.today().isoformat()
    values = [
        {**r, "end_shown": r.get("end") or until, "ongoing": r.get("end") is None}
        for r in data["memberships"]
        if r.get("start")
    ]
    statuses = sorted({str(r["status"]) for r in values})
    spec = _base(
        "Membership timeline of the blocs",
        "One row per bloc; each span is a spell coloured by status (ongoing spells run to the "
        "end of the period).",
    )
    spec.update(
        {
            "height": {"step": 22},
            "data": {"values": values},
            "mark": {"type": "bar", "cornerRadius": 2},
            "encoding": {
                "y": {
                    "field": "bloc",
                    "type": "nominal",
                    "title": None,
                    "sort": {"field": "start"},
                },
                "x": {"field": "start", "type": "temporal", "title": None},
                "x2": {"field": "end_shown"},
                "color": {
                    "field": "status",
                    "type": "nominal",
                    "title": "Status",
                    "scale": {
                        "domain": statuses,
                        "range": [STATUS_COLOURS.get(s, "#999999") for s in statuses],
                    },
                },
                "tooltip": [
                    {"field": "bloc_name", "title": "Bloc"},
                    {"field": "status", "title": "Status"},
                    {"field": "start", "type": "temporal", "title": "from"},
                    {"field": "end", "type": "temporal", "title": "to"},
                    {"field": "pole", "title": "Pole"},
                    {"field": "note", "title": "Note"},
                ],
            },
        }
    )
    return spec


def events_spec(data: dict[str, Any]) -> Spec:
    values = [
        {
            **r,
            "cooperation": r["verbal_coop"] + r["material_coop"],
            "conflict": r["verbal_conflict"] + r["material_conflict"],
        }
        for r in data["events_monthly"]
    ]
    spec = _base(
        "Cooperation and conflict with each partner, by month (news events)",
        "Circle size: events in the month; colour: mean Goldstein intensity (-10 conflict ... "
        "+10 cooperation).",
    )
    spec.update(
        {
            "height": {"step": 26},
            "data": {"values": values},
            "mark": {"type": "circle", "opacity": 0.85, "stroke": "#333", "strokeWidth": 0.5},
            "encoding": {
                "x": {
                    "field": "month",
                    "type": "temporal",
                    "title": "Month",
                    "timeUnit": "yearmonth",
                },
                "y": {
                    "field": "partner_name",
                    "type": "nominal",
                    "title": None,
                    "sort": {"op": "sum", "field": "events", "order": "descending"},
                },
                "size": {"field": "events", "type": "quantitative", "title": "events"},
                "color": {
                    "field": "mean_goldstein",
                    "type": "quantitative",
                    "title": "mean Goldstein",
                    "scale": {"scheme": "redblue", "domain": [-10, 10]},
                },
                "tooltip": [
                    {"field": "partner_name", "title": "Partner"},
                    {
                        "field": "month",
                        "type": "temporal",
                        "timeUnit": "yearmonth",
                        "title": "Month",
                    },
                    {"field": "events", "title": "events"},
                    {"field": "verbal_coop", "title": "verbal cooperation"},
                    {"field": "material_coop", "title": "material cooperation"},
                    {"field": "verbal_conflict", "title": "verbal conflict"},
                    {"field": "material_conflict", "title": "material conflict"},
                    {"field": "mean_goldstein", "title": "mean Goldstein", "format": ".2f"},
                ],
            },
        }
    )
    return spec


def network_layout(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Radial coordinates for the ego network: partners on a circle, most events first (top,
    clockwise); distance from the centre grows with the conflict share, so cooperative partners
    sit close to the state."""
    n = len(rows)
    out = []
    for i, r in enumerate(rows):
        angle = math.pi / 2 - 2 * math.pi * i / max(n, 1)
        events = r.get("events") or 0
        share = (r.get("conflict") or 0) / events if events else 0.0
        radius = 0.45 + 0.55 * share
        out.append(
            {
                **r,
                "x": round(radius * math.cos(angle), 4),
                "y": round(radius * math.sin(angle), 4),
                "x0": 0.0,
                "y0": 0.0,
                "conflict_share": round(share, 4),
                "net": (r.get("cooperation") or 0) - (r.get("conflict") or 0),
            }
        )
    return out


def network_spec(data: dict[str, Any]) -> Spec:
    values = network_layout(data["network"])
    ego = data["state"]["iso3"]
    scale = {"domain": [-1.25, 1.25]}
    ax = {"axis": None, "scale": scale}
    tip = [
        {"field": "partner_name", "title": "Partner"},
        {"field": "events", "title": "events"},
        {"field": "cooperation", "title": "cooperation"},
        {"field": "conflict", "title": "conflict"},
        {"field": "mean_goldstein", "title": "mean Goldstein", "format": ".2f"},
    ]
    color = {
        "field": "mean_goldstein",
        "type": "quantitative",
        "title": "mean Goldstein",
        "scale": {"scheme": "redblue", "domain": [-10, 10]},
    }
    spec = _base(
        f"Ego network of {data['state']['name']} in the news",
        "Each partner the state has events with: link width = events; colour = mean Goldstein "
        "intensity; distance from the centre grows with the share of conflict events.",
    )
    spec.update(
        {
            "width": 520,
            "height": 520,
            "data": {"values": values},
            "layer": [
                {
                    "mark": {"type": "rule", "opacity": 0.7},
                    "encoding": {
                        "x": {"field": "x0", "type": "quantitative", **ax},
                        "y": {"field": "y0", "type": "quantitative", **ax},
                        "x2": {"field": "x"},
                        "y2": {"field": "y"},
                        "strokeWidth": {
                            "field": "events",
                            "type": "quantitative",
                            "scale": {"range": [1, 10]},
                            "legend": None,
                        },
                        "color": color,
                        "tooltip": tip,
                    },
                },
                {
                    "mark": {"type": "circle", "stroke": "#333", "strokeWidth": 0.5, "opacity": 1},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **ax},
                        "y": {"field": "y", "type": "quantitative", **ax},
                        "size": {
                            "field": "events",
                            "type": "quantitative",
                            "scale": {"range": [80, 900]},
                            "title": "events",
                        },
                        "color": color,
                        "tooltip": tip,
                    },
                },
                {
                    "mark": {"type": "text", "dy": -16, "fontSize": 11},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **ax},
                        "y": {"field": "y", "type": "quantitative", **ax},
                        "text": {"field": "partner"},
                    },
                },
                {
                    "data": {"values": [{"x": 0, "y": 0, "label": ego}]},
                    "mark": {"type": "text", "fontSize": 15, "fontWeight": "bold"},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative", **ax},
                        "y": {"field": "y", "type": "quantitative", **ax},
                        "text": {"field": "label"},
                    },
                },
            ],
        }
    )
    return spec


# chart id -> (the data key whose rows the chart draws, builder)
BUILDERS: dict[str, tuple[str, Any]] = {
    "similarity": ("similarity", similarity_spec),
    "distance": ("similarity", distance_spec),
    "balance": ("balance", balance_spec),
    "memberships": ("memberships", memberships_spec),
    "events": ("events_monthly", events_spec),
    "network": ("network", network_spec),
}


def chart_rows(data: dict[str, Any], chart_id: str) -> list[dict[str, Any]]:
    """The rows a chart draws (its CSV), after the chart's own filtering of missing values."""
    spec_data = specs(data, only=[chart_id]).get(chart_id)
    if spec_data is None:
        return []
    rows: list[dict[str, Any]] = spec_data["data"]["values"]
    return rows


def specs(data: dict[str, Any], only: list[str] | None = None) -> dict[str, Spec]:
    """Chart id -> Vega-Lite spec with its data inline, for every chart that has data.

    ``data`` is :func:`nonaligned.report.data.report_data`'s dict. Interactivity built in:
    tooltips everywhere; on "similarity" and "distance" a point selection bound to the legend
    ("poles": click a pole to isolate it) and an interval brush on the time axis ("years").
    """
    out: dict[str, Spec] = {}
    for cid in only or CHART_IDS:
        key, build = BUILDERS[cid]
        spec: Spec = build(data)
        if data.get(key) and spec["data"]["values"]:
            out[cid] = spec
    return out


__all__ = ["CHART_IDS", "chart_rows", "network_layout", "specs"]
