"""The country report: its data (shapes, sane values), its charts, the self-contained HTML, the CLI
and clear messages for bad input."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from nonaligned.cli import main, parse_args
from nonaligned.errors import NonalignedError
from nonaligned.records import Records
from nonaligned.report.charts import CHART_IDS, network_layout, specs
from nonaligned.report.data import report_data
from nonaligned.report.html import VENDOR, csv_href, render, write_report
from nonaligned.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "nonaligned" / "text" / "sample"
KEYS = {
    "state",
    "period",
    "headline",
    "similarity",
    "balance",
    "change_points",
    "memberships",
    "events_monthly",
    "network",
    "top_events",
    "peers",
    "versions",
    "citations",
    "notes",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)
    else:
        yield value


@pytest.fixture(scope="module")
def data(rec: Records) -> dict[str, Any]:
    """Azerbaijan's report over the records only (no news events in this store)."""
    return report_data(rec, "Azerbaijan", replicates=100, peers=["Georgia"])


@pytest.fixture(scope="module")
def coded_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built store plus the sample news corpus, ingested and coded (needs spaCy)."""
    pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")
    from nonaligned.engine.coding import code_store
    from nonaligned.engine.ingest import ingest

    db = tmp_path_factory.mktemp("report") / "coded.duckdb"
    shutil.copyfile(built_db, db)
    with Store.open(db) as store:
        ingest(store, [str(SAMPLE)], batch_size=8)
        summary = code_store(store)
    assert summary.asserted > 0
    return db


@pytest.fixture(scope="module")
def coded(coded_db: Path) -> Iterator[dict[str, Any]]:
    copy = coded_db.with_name("coded-readonly.duckdb")
    shutil.copyfile(coded_db, copy)
    store = Store.open(copy, read_only=True)
    yield report_data(Records(store), "AZE", replicates=50, top_events=10)
    store.close()


# -- data ---------------------------------------------------------------------------------------
def test_data_keys_and_strict_json(data: dict[str, Any]) -> None:
    assert set(data) >= KEYS
    assert data["state"] == {"name": "Azerbaijan", "iso3": "AZE", "cow": 373}
    assert data["period"]["since"] is None and data["period"]["first_vote_year"] == 1992
    json.dumps(data, allow_nan=False)  # raises on NaN or infinity
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in _walk(data))


def test_similarity_rows_sane(data: dict[str, Any]) -> None:
    rows = data["similarity"]
    assert set(rows[0]) >= {"year", "pole", "label", "s", "s_lo", "s_hi", "ip_distance"}
    assert {r["pole"] for r in rows} == {"USA", "RUS", "CHN", "TUR", "EU", "NAM"}
    by = {(r["year"], r["pole"]): r for r in rows}
    for year in range(2010, 2020):  # Azerbaijan votes with Russia far more than with the US
        assert by[(year, "RUS")]["s"] > by[(year, "USA")]["s"] + 0.3
    for r in rows:
        if r["s"] is not None:
            assert -1 <= r["s_lo"] <= r["s"] <= r["s_hi"] <= 1
        if r["ip_distance"] is not None:
            assert r["ip_distance"] >= 0 and 0 <= r["ip_lo"] <= r["ip_hi"]
    wide = [r for r in rows if r["s"] is not None and r["s_hi"] - r["s_lo"] > 0]
    assert len(wide) > 0.9 * len(rows)  # real intervals, not points


def test_yearly_point_matches_alignment_yearly(rec: Records, data: dict[str, Any]) -> None:
    from nonaligned.measures.api import Measures

    al = Measures(rec).alignment("Azerbaijan", replicates=20)
    yearly = al.yearly.set_index("year")
    for r in data["similarity"]:
        if r["s"] is not None:
            assert r["s"] == pytest.approx(yearly.at[r["year"], f"s_{r['pole']}"])


def test_balance_rows_and_headline(data: dict[str, Any]) -> None:
    assert data["balance"]
    for r in data["balance"]:
        assert 0 <= r["lo"] <= r["hi"] <= 1 and 0 <= r["value"] <= 1
    h = data["headline"]
    assert h["balance"]["n_votes"] >= 20  # the partial last session is not "current"
    assert 0 <= h["balance"]["lo"] <= h["balance"]["value"] <= h["balance"]["hi"] <= 1
    lean = h["strongest_lean"]
    assert lean["s_lo"] <= lean["s"] <= lean["s_hi"]
    assert lean["pole"] in {p["code"] for p in data["poles"]}
    shift = h["biggest_shift"]
    pole_cps = [c for c in data["change_points"] if c["pole"] != "balance"]
    assert shift is not None and pole_cps
    assert abs(shift["shift"]) == max(abs(c["shift"]) for c in pole_cps)
    assert shift["date_low"] <= shift["date"] <= shift["date_high"]
    # says what changed and which way, not "Biggest shift USA"
    assert shift["heading"].startswith("Biggest change in alignment with ")
    assert ("moved toward" in shift["text"]) == (shift["shift"] > 0)


def test_change_points_include_balance_and_dates(data: dict[str, Any]) -> None:
    cps = data["change_points"]
    assert {"pole", "date", "date_low", "date_high", "shift", "p_value"} <= set(cps[0])
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["date"]) for c in cps)
    assert all(c["p_value"] < 0.01 for c in cps)
    assert any(c["pole"] == "balance" for c in cps)


def test_memberships_peers_versions_citations(data: dict[str, Any]) -> None:
    blocs = {r["bloc"]: r for r in data["memberships"]}
    assert blocs["NAM"]["status"] == "member" and blocs["NAM"]["start"].startswith("2011")
    assert blocs["SCO"]["status"] == "partner"
    assert [p["iso3"] for p in data["peers"]] == ["AZE", "GEO"]
    assert {"name", "version"} <= set(data["versions"][0])
    assert data["citations"][0]["name"] == "nonaligned"
    assert any("@" in c["bibtex"] for c in data["citations"][1:])


def test_no_events_means_empty_event_rows(data: dict[str, Any]) -> None:
    assert data["events_coded"] is False
    assert data["events_monthly"] == [] and data["network"] == [] and data["top_events"] == []
    assert any("No news events are coded" in n for n in data["notes"])


def test_period_and_poles_respected(rec: Records) -> None:
    d = report_data(
        rec, "AZE", since="2015", until="2020", poles=["USA", "RUS", "CHN"], replicates=20
    )
    assert {r["year"] for r in d["similarity"]} == set(range(2015, 2021))
    assert {r["pole"] for r in d["similarity"]} == {"USA", "RUS", "CHN"}
    assert d["period"] == {
        "since": "2015-01-01",
        "until": "2020-12-31",
        "first_vote_year": 2015,
        "last_vote_year": 2020,
        "first_vote": "2015-06-03",  # issue 16: real dates for the header
        "last_vote": "2020-12-31",
    }


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"country": "Narnia"}, "unknown country"),
        ({"country": "AZE", "since": "2019-13"}, "malformed --since"),
        ({"country": "AZE", "since": "2020", "until": "2010"}, "is after"),
        ({"country": "AZE", "poles": ["ATLANTIS"]}, "unknown pole"),
        ({"country": "AZE", "replicates": 2}, "replicates"),
    ],
)
def test_bad_input_is_a_clear_error(rec: Records, kw: dict[str, Any], message: str) -> None:
    with pytest.raises(NonalignedError, match=message):
        report_data(rec, **kw)


# -- events (sample corpus) ---------------------------------------------------------------------
def test_event_sections_from_sample_corpus(coded: dict[str, Any]) -> None:
    monthly, network, top = coded["events_monthly"], coded["network"], coded["top_events"]
    assert coded["events_coded"] is True and monthly and network and top
    assert {"partner", "month", "verbal_coop", "material_coop", "verbal_conflict"} <= set(
        monthly[0]
    )
    partners = {r["partner"] for r in network}
    assert {"RUS", "TUR"} <= partners and "AZE" not in partners
    for r in monthly:
        parts = r["verbal_coop"] + r["material_coop"] + r["verbal_conflict"]
        assert parts + r["material_conflict"] == r["events"]
        assert r["month"].endswith("-01")
    totals = {r["partner"]: r["events"] for r in network}
    for p, n in totals.items():
        assert n == sum(r["events"] for r in monthly if r["partner"] == p)
    assert len(top) <= 10
    assert all(r["sentence"] and "AZE" in (r["actor"], r["recipient"]) for r in top)
    marked = [r for r in top if r["start"] is not None]
    assert marked, "no trigger span located in its sentence"
    for r in marked:
        assert 0 <= r["start"] < r["end"] <= len(r["sentence"])
    assert [r["mentions"] for r in top] == sorted((r["mentions"] for r in top), reverse=True)


def test_report_with_events_has_every_chart(coded: dict[str, Any]) -> None:
    charts = specs(coded)
    assert set(charts) == set(CHART_IDS)
    html = render(coded, charts)
    for cid in CHART_IDS:
        assert f'data-chart="{cid}"' in html
    assert '<table id="top-events">' in html and "<mark>" in html
    first = coded["top_events"][0]["sentence"]
    assert first[:40].replace("'", "&#x27;").replace('"', "&quot;") in html


def test_a_statement_is_named_in_the_top_events(coded: dict[str, Any]) -> None:
    """PLOVER codes no statements (CAMEO 01x has no PLOVER event): the row still says what it is."""
    row = {**coded["top_events"][0], "event": None, "cameo": "010"}
    html = render({**coded, "top_events": [row]}, specs(coded))
    cell = html.split('<table id="top-events">')[1].split("</tr>")[1]
    assert "<td>statement<br><code>010</code>" in cell


# -- charts -------------------------------------------------------------------------------------
def test_specs_are_vega_lite_with_inline_data(data: dict[str, Any]) -> None:
    charts = specs(data)
    # no events in this store: the event charts are left out, the others present
    assert set(charts) == {"similarity", "distance", "balance", "memberships"}
    for spec in charts.values():
        assert spec["$schema"].endswith("vega-lite/v6.json")
        assert spec["data"]["values"]
        json.dumps(spec, allow_nan=False)
    sim = charts["similarity"]
    params = [p for layer in sim["layer"] for p in layer.get("params", [])]
    assert {"poles", "years"} <= {p["name"] for p in params}
    assert any(p.get("bind") == "legend" for p in params)
    assert any(p["select"]["type"] == "interval" for p in params)
    assert any("tooltip" in layer["encoding"] for layer in sim["layer"])
    rules = [layer for layer in charts["balance"]["layer"] if layer["mark"]["type"] == "rule"]
    assert rules and rules[0]["data"]["values"] == data["change_points"]


def test_network_layout_cooperative_partners_closer() -> None:
    rows = [
        {"partner": "A", "cooperation": 10, "conflict": 0, "events": 10},
        {"partner": "B", "cooperation": 0, "conflict": 10, "events": 10},
    ]
    a, b = network_layout(rows)
    assert math.hypot(a["x"], a["y"]) < math.hypot(b["x"], b["y"])


# -- HTML ---------------------------------------------------------------------------------------
def test_html_is_self_contained(data: dict[str, Any]) -> None:
    html = render(data)
    assert not re.search(r"""src\s*=\s*["']?https?:""", html, re.IGNORECASE)
    assert not re.search(r"""<link[^>]+href\s*=\s*["']?https?:""", html, re.IGNORECASE)
    assert "<script src" not in html
    for name in VENDOR:
        assert f'data-vendor="{name}"' in html
    for marker in ('version="6.4.0"', 'n="6.5.0"', 'hn="7.3.0"'):  # builds' own versions
        assert marker in html
    # nothing can close a script element early: exactly one </script> per <script
    assert html.lower().count("</script>") == html.lower().count("<script")
    payload = re.search(r'id="report-data">(.*?)</script>', html, re.DOTALL)
    assert payload is not None
    assert json.loads(payload.group(1))["state"]["iso3"] == "AZE"
    assert "document.body.dataset.chartsRendered" in html and "data-rendered" in html


def test_html_sections_and_empty_messages(data: dict[str, Any]) -> None:
    html = render(data)
    for cid in ("similarity", "distance", "balance", "memberships"):
        assert f'data-chart="{cid}"' in html
    for cid in ("events", "network"):
        assert f'data-chart="{cid}"' not in html
    assert html.count("No data because no news events are coded in this store") == 3
    assert "Georgia" in html and "Data versions" in html and "@software{nonaligned" in html


def test_html_escapes_data() -> None:
    evil = {
        "state": {"name": "</script><script>alert(1)</script>", "iso3": "EVL", "cow": 1},
        "headline": {},
        "similarity": [],
        "balance": [],
        "change_points": [],
        "memberships": [],
        "events_monthly": [],
        "network": [],
        "top_events": [],
        "notes": ["<b>x</b>"],
    }
    html = render(evil, {})
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html
    assert html.lower().count("</script>") == html.lower().count("<script")


def test_csv_link_roundtrips() -> None:
    rows = [{"a": 1, "b": "x,y"}, {"a": None, "b": 'q"uote'}]
    href = csv_href(rows)
    assert href.startswith("data:text/csv")
    back = list(csv.DictReader(io.StringIO(unquote(href.split(",", 1)[1]))))
    assert back == [{"a": "1", "b": "x,y"}, {"a": "", "b": 'q"uote'}]


def test_write_report_atomic_and_errors(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    assert write_report(target, "<p>new</p>") == target.resolve()
    assert target.read_text(encoding="utf-8") == "<p>new</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary left behind
    with pytest.raises(NonalignedError, match="is a folder"):
        write_report(tmp_path, "x")
    with pytest.raises(NonalignedError, match="does not exist"):
        write_report(tmp_path / "missing" / "r.html", "x")


# -- CLI ----------------------------------------------------------------------------------------
def test_cli_parses_report_options() -> None:
    args = parse_args(
        [
            *("report", "AZE", "-o", "x.html", "--since", "2000", "--peers", "GEO", "ARM"),
            *("--poles", "USA", "RUS", "--replicates", "50", "--top-events", "5"),
        ]
    )
    assert (args.command, args.country, args.out, args.since) == ("report", "AZE", "x.html", "2000")
    assert args.peers == ["GEO", "ARM"] and args.poles == ["USA", "RUS"]
    assert (args.replicates, args.top_events) == (50, 5)


def test_cli_writes_report_and_prints_path(
    built_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys,
        "--db",
        str(built_db),
        "report",
        "Azerbaijan",
        "--since",
        "2005",
        "--replicates",
        "30",
    )
    assert code == 0, err
    written = Path(out.strip())
    assert written == (tmp_path / "aze-report.html").resolve() and written.is_file()
    html = written.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'data-chart="balance"' in html
    code, out, _ = run(
        capsys,
        "--db",
        str(built_db),
        "report",
        "AZE",
        "-o",
        str(tmp_path / "x.html"),
        "--replicates",
        "30",
    )
    assert code == 0 and Path(out.strip()) == (tmp_path / "x.html").resolve()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "Narnia"], "unknown country 'Narnia'"),
        (["report", "AZE", "--since", "2019-13"], "malformed --since date"),
        (["report", "AZE", "--until", "yesterday"], "malformed --until date"),
        (["report", "AZE", "-o", "{tmp}/missing/r.html"], "does not exist"),
        (["report", "AZE", "-o", "{tmp}"], "is a folder"),
    ],
)
def test_cli_bad_input_exit_2(
    built_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, "--db", str(built_db), *argv, "--replicates", "20")
    assert code == 2
    assert message in err and "Traceback" not in err
    assert out == ""
    assert not list(tmp_path.glob("**/*.html"))
