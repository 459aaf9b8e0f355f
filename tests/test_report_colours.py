"""Chart colours: one colour-blind-safe palette, each pole its own colour on every chart, and a
map on which a small S cannot be mistaken for "no votes"."""

from __future__ import annotations

from typing import Any

from nonaligned.report.charts import specs
from nonaligned.report.palette import NO_DATA, OKABE_ITO, POLE_COLOURS, pole_colours
from nonaligned.web.routes_pages import compare_specs, map_spec


def _rows() -> list[dict[str, Any]]:
    poles = [
        ("USA", "United States"),
        ("RUS", "Russia (USSR before 1992)"),
        ("CHN", "China"),
        ("TUR", "Turkey"),
        ("EU", "European Union (members' median)"),
        ("NAM", "Non-Aligned Movement (members' median)"),
    ]
    return [
        {
            "year": y,
            "pole": c,
            "label": lab,
            "n": n,
            "thin": n < 10,
            "s": 0.5,
            "s_lo": 0.4,
            "s_hi": 0.6,
            "ip_distance": 0.1,
            "ip_lo": 0.0,
            "ip_hi": 0.2,
        }
        for y, n in ((2019, 80), (2020, 75), (2021, 3))
        for c, lab in poles
    ]


def _data() -> dict[str, Any]:
    return {
        "similarity": _rows(),
        "balance": [
            {"year": y, "value": 0.5, "lo": 0.4, "hi": 0.6, "n": n, "thin": n < 10}
            for y, n in ((2019, 80), (2020, 75), (2021, 3))
        ],
        "change_points": [
            {
                "pole": "RUS",
                "label": "Russia (USSR before 1992)",
                "date": "2020-03-01",
                "date_low": "2020-01-01",
                "date_high": "2020-06-01",
                "before": 0.3,
                "after": 0.6,
                "shift": 0.3,
                "p_value": 0.001,
            },
        ],
        "memberships": [],
        "events_monthly": [],
        "network": [],
        "state": {"iso3": "AZE", "name": "Azerbaijan"},
    }


def test_pole_colours_are_okabe_ito_and_distinct() -> None:
    default = ["USA", "RUS", "CHN", "TUR", "EU", "NAM"]
    colours = pole_colours(default)
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO)
    assert colours[:4] == ["#0072B2", "#D55E00", "#CC79A7", "#E69F00"]
    # NATO shares the US blue, but not on the same chart
    both = pole_colours(["USA", "NATO", "CSTO", "RUS", "XYZ"])
    assert len(set(both)) == 5 and both[0] == POLE_COLOURS["USA"]


def test_similarity_chart_uses_the_pole_table() -> None:
    sim = specs(_data())["similarity"]
    colour = sim["layer"][-1]["encoding"]["color"]
    scale = colour["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["China"] == "#CC79A7"
    assert scale["range"] == pole_colours(["USA", "RUS", "CHN", "TUR", "EU", "NAM"])
    bal = specs(_data())["balance"]
    cp = next(layer for layer in bal["layer"] if layer["mark"]["type"] == "rule")
    assert cp["encoding"]["color"]["scale"]["range"] == [POLE_COLOURS["RUS"]]


def test_map_no_votes_is_grey_with_a_legend_and_s_is_sequential() -> None:
    rows = [{"id": "031", "s": 0.07, "name": "France", "iso3": "FRA", "n": 80}]
    spec = map_spec(rows, "031", "S with Azerbaijan")
    base, data_layer = spec["layer"][0], spec["layer"][1]
    nodata = base["encoding"]["color"]
    assert nodata["datum"] == "no votes" and nodata["scale"]["range"] == [NO_DATA]
    assert nodata.get("legend") is not None
    scale = data_layer["encoding"]["color"]["scale"]
    # a sequential scheme: no near-white midpoint for S around 0 to blend with the grey
    assert scale["scheme"] == "viridis"
    assert spec["resolve"]["scale"]["color"] == "independent"


def test_compare_chart_states_in_okabe_ito() -> None:
    rows = [
        {
            "state": {"name": "Azerbaijan"},
            "balance": 0.4,
            "balance_lo": 0.3,
            "balance_hi": 0.5,
            "lean": [
                {"label": "China", "pole": "CHN", "s": 0.5, "s_lo": 0.4, "s_hi": 0.6, "n": 50}
            ],
        }
    ]
    lean = compare_specs(rows)["compare-lean"]
    assert set(lean["encoding"]["color"]["scale"]["range"]) <= set(OKABE_ITO)


def test_legend_swatches_full_strength_and_bands_beneath_the_line() -> None:
    charts = specs(_data())
    for cid in ("similarity", "distance"):
        layers = charts[cid]["layer"]
        # Vega-Lite merges the layers' legends: each must ask for the full-strength line swatch,
        # or the pale band colour shows through
        for lay in layers:
            legend = lay["encoding"]["color"]["legend"]
            assert legend["symbolOpacity"] == 1 and legend["symbolType"] == "stroke"
        area = next(lay for lay in layers if lay["mark"]["type"] == "area")
        assert area["encoding"]["opacity"]["condition"]["value"] <= 0.15
    bal = charts["balance"]["layer"]
    kinds = [lay["mark"]["type"] for lay in bal]
    rect = bal[kinds.index("rect")]
    assert rect["mark"]["opacity"] <= 0.15
    assert rect["encoding"]["color"]["legend"]["symbolOpacity"] == 1
    # the change-point band is drawn before (beneath) the balance line
    assert kinds.index("rect") < kinds.index("line")


def test_thin_years_are_hollow_points_outside_the_lines() -> None:
    charts = specs(_data())
    for cid in ("similarity", "distance", "balance"):
        layers = charts[cid]["layer"]
        rows = charts[cid]["data"]["values"]
        assert {r["year"] for r in rows if r["thin"]} == {2021}  # 3 roll calls
        points = [lay for lay in layers if lay["mark"]["type"] == "point"]
        hollow = [lay for lay in points if lay["mark"]["filled"] is False]
        solid = [lay for lay in points if lay["mark"]["filled"] is True]
        assert len(hollow) == 1 and len(solid) == 1
        assert hollow[0]["transform"] == [{"filter": "datum.thin"}]
        assert solid[0]["transform"] == [{"filter": "!datum.thin"}]
        for lay in layers:
            if lay["mark"]["type"] in ("line", "area"):
                assert lay["transform"] == [{"filter": "!datum.thin"}]


def test_biggest_change_states_what_and_which_way() -> None:
    from nonaligned.measures.readings import shift_reading

    away = {
        "pole": "USA",
        "label": "United States",
        "date": "2014-03-01",
        "before": 0.45,
        "after": 0.21,
        "shift": -0.24,
    }
    heading, text = shift_reading(away)
    assert heading == "Biggest change in alignment with the US"
    assert text.startswith("votes moved away from the US") and "fell from 0.45 to 0.21" in text
    toward = {**away, "pole": "RUS", "label": "Russia", "before": 0.2, "after": 0.5, "shift": 0.3}
    assert "moved toward Russia" in shift_reading(toward)[1]
    heading, text = shift_reading({**away, "pole": "balance", "label": "Balance index"})
    assert heading == "Biggest change in the balance index" and text.startswith("less balanced")


def test_lines_break_at_missing_and_thin_years() -> None:
    """A gap in the record (Serbia not seated 1992-2000) is a gap, not a straight line."""
    data = _data()
    data["balance"] = [
        {"year": y, "value": 0.5, "lo": 0.4, "hi": 0.6, "n": n, "thin": n < 10}
        for y, n in ((1992, 40), (1993, 45), (2001, 60), (2002, 3), (2003, 70), (2004, 70))
    ]
    rows = {r["year"]: r["run"] for r in specs(data)["balance"]["data"]["values"]}
    assert rows[1992] == rows[1993]  # consecutive full years: one line
    assert rows[2001] != rows[1993]  # eight missing years: the line stops
    assert rows[2003] == rows[2004] != rows[2001]  # a thin year between breaks it too
    for lay in specs(data)["balance"]["layer"]:
        if lay["mark"]["type"] in ("line", "area"):
            assert lay["encoding"]["detail"] == {"field": "run"}
    sim = specs(_data())["similarity"]
    runs = {(r["label"], r["year"]): r["run"] for r in sim["data"]["values"]}
    assert runs[("China", 2019)] == runs[("China", 2020)] != runs[("Turkey", 2019)]
