"""The dashboard's JSON API and pages, through FastAPI's TestClient over a built, coded store.

Each endpoint is checked for what it answers (the same numbers as the measures it wraps) and for
how it refuses bad input: an unknown country is a 404 naming it, a malformed date or an
out-of-range value a 422 with a message, never a 500.
"""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
pytest.importorskip("jinja2", reason="the web extra (jinja2) is not installed")

from web_fixtures import (
    client_fixture,  # noqa: F401
    import_testclient,
    web_app_fixture,  # noqa: F401
    web_db_fixture,  # noqa: F401
)

ROOT = Path(__file__).resolve().parent.parent
GEOMETRY = ROOT / "nonaligned" / "web" / "data" / "countries-110m.json"


def detail(resp: Any) -> str:
    body = resp.json()
    assert set(body) == {"detail"}, body
    assert isinstance(body["detail"], str)
    return str(body["detail"])


# -- countries and versions ----------------------------------------------------------------------
def test_countries_lists_states_with_codes_and_dates(client: Any) -> None:
    resp = client.get("/api/countries")
    assert resp.status_code == 200
    rows = resp.json()
    by_iso = {r["iso3"]: r for r in rows}
    aze = by_iso["AZE"]
    assert aze["cow"] == 373 and aze["isonum"] == 31 and aze["name"] == "Azerbaijan"
    assert aze["start"] == "1991-12-25" or aze["start"].startswith("1991")
    assert aze["end"] is None
    assert len(rows) > 190


def test_versions_name_code_store_data_and_coder(client: Any, web_app: Any) -> None:
    from nonaligned import __version__
    from nonaligned.store.schema import SCHEMA_VERSION

    body = client.get("/api/versions").json()
    assert body["nonaligned"] == __version__
    assert body["schema_version"] == SCHEMA_VERSION
    assert body["records_fingerprint"] == web_app.state.web.store.meta("records_fingerprint")
    assert sum(body["coders"].values()) > 0  # the sample news were coded
    assert {"votes", "states"} & {d["name"] for d in body["datasets"]}


# -- profile -------------------------------------------------------------------------------------
def test_profile_is_the_cli_profile(client: Any, web_app: Any) -> None:
    from nonaligned.measures.profile import build_profile

    resp = client.get("/api/profile/AZE", params={"replicates": 50})
    assert resp.status_code == 200
    body = resp.json()
    assert body["state"]["iso3"] == "AZE"
    bal = body["balance"]
    assert 0 <= bal["lo"] <= bal["value"] <= bal["hi"] <= 1
    assert [r["pole"] for r in body["lean"]] == ["USA", "RUS", "CHN", "TUR", "EU", "NAM"]
    assert body["event_lean"], "the sample news give Azerbaijan events with the poles"
    direct = build_profile(web_app.state.web.records(), "AZE", replicates=50).to_dict()
    assert bal["value"] == pytest.approx(direct["balance"]["value"])
    assert bal["lo"] == pytest.approx(direct["balance"]["lo"])


def test_profile_names_of_one_state_share_one_answer(client: Any) -> None:
    a = client.get("/api/profile/AZE", params={"replicates": 50, "since": "2015"})
    t0 = time.perf_counter()
    b = client.get("/api/profile/Azerbaijan", params={"replicates": 50, "since": "2015"})
    assert time.perf_counter() - t0 < 0.3, "a second request for the same profile is cached"
    assert a.status_code == b.status_code == 200
    assert a.json() == b.json()
    assert a.json()["period"]["since"] == "2015-01-01"


def test_profile_poles_and_peers(client: Any) -> None:
    resp = client.get(
        "/api/profile/AZE",
        params=[("replicates", 50), ("poles", "USA,RUS"), ("poles", "CHN"), ("peers", "ARM")],
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert [r["pole"] for r in body["lean"]] == ["USA", "RUS", "CHN"]
    # issue 16: the peers table starts with the state itself (it was left out)
    assert [p["iso3"] for p in body["peers"]] == ["AZE", "ARM"]


def test_profile_unknown_country_is_404_naming_it(client: Any) -> None:
    resp = client.get("/api/profile/Narnia")
    assert resp.status_code == 404
    assert "Narnia" in detail(resp)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "2020-13"}, ["since", "2020-13", "month"]),
        ({"since": "20x0"}, ["since"]),
        ({"until": "2019-02-30"}, ["until", "day 30"]),
        ({"since": "2021", "until": "2010"}, ["after"]),
        ({"replicates": 5}, ["replicates"]),
        ({"replicates": 100000}, ["replicates"]),
        ({"poles": "A,B,C,D,E,F,G,H,I"}, ["poles", "at most 8"]),
        ({"poles": "USA,United States"}, ["named twice"]),
    ],
)
def test_profile_bad_parameters_are_422_with_a_message(
    client: Any, params: dict[str, Any], words: list[str]
) -> None:
    resp = client.get("/api/profile/AZE", params=params)
    assert resp.status_code == 422, resp.text
    text = detail(resp)
    for w in words:
        assert w in text


def test_profile_unknown_pole_is_422_naming_it(client: Any) -> None:
    resp = client.get("/api/profile/AZE", params={"poles": "Atlantis"})
    assert resp.status_code == 422
    assert "Atlantis" in detail(resp)


# -- report --------------------------------------------------------------------------------------
def test_report_data_for_a_period(client: Any) -> None:
    pytest.importorskip("nonaligned.report.data", reason="the report module is not there yet")
    resp = client.get("/api/report/AZE", params={"since": "2010", "until": "2020"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["state"]["iso3"] == "AZE"
    years = {r["year"] for r in body["similarity"]}
    assert years and min(years) >= 2010 and max(years) <= 2020
    assert client.get("/api/report/Narnia").status_code == 404


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "2020-13"}, ["since", "month 13"]),
        ({"until": "20x0"}, ["until"]),
        ({"since": "2021", "until": "2010"}, ["after"]),
        ({"replicates": "abc"}, ["replicates"]),
        ({"poles": "Atlantis"}, ["Atlantis"]),
        ({"peers": "Narnia"}, ["Narnia"]),
    ],
)
def test_report_data_bad_parameters_are_4xx_with_a_message(
    client: Any, params: dict[str, Any], words: list[str]
) -> None:
    pytest.importorskip("nonaligned.report.data", reason="the report module is not there yet")
    resp = client.get("/api/report/AZE", params=params)
    assert resp.status_code in (404, 422), resp.text
    for w in words:
        assert w in detail(resp)


# -- similarity (the map) ------------------------------------------------------------------------
def test_similarity_joins_the_map_and_matches_the_pair_measure(client: Any, web_app: Any) -> None:
    from nonaligned.measures.api import Measures

    resp = client.get("/api/similarity", params={"country": "AZE", "year": 2020})
    assert resp.status_code == 200
    body = resp.json()
    assert body["state"]["iso3"] == "AZE" and body["year"] == 2020
    rows = body["rows"]
    assert len(rows) > 150
    assert "AZE" not in {r["iso3"] for r in rows}
    assert all(-1 <= r["s"] <= 1 for r in rows if r["s"] is not None)
    geo = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    ids = {g.get("id") for g in geo["objects"]["countries"]["geometries"]}
    joined = [r for r in rows if r["id"] in ids]
    assert len(joined) > 140, "the map's join key is the zero-padded ISO numeric code"
    tur = next(r for r in rows if r["iso3"] == "TUR")
    pair = Measures(web_app.state.web.records()).similarity("AZE", "TUR")
    want = pair[pair["year"] == 2020].iloc[0]
    assert tur["s"] == pytest.approx(want["s"]) and tur["n"] == want["n"]


@pytest.mark.parametrize(
    ("params", "status", "word"),
    [
        ({"country": "AZE", "year": 1900}, 422, "year"),
        ({"country": "AZE", "year": 99999}, 422, "year"),
        ({"country": "AZE", "year": "twenty"}, 422, "year"),
        ({"country": "AZE", "year": 2099}, 404, "2099"),
        ({"country": "Narnia", "year": 2020}, 404, "Narnia"),
        ({"year": 2020}, 422, "country"),
    ],
)
def test_similarity_bad_parameters(
    client: Any, params: dict[str, Any], status: int, word: str
) -> None:
    resp = client.get("/api/similarity", params=params)
    assert resp.status_code == status, resp.text
    assert word in detail(resp)


# -- compare -------------------------------------------------------------------------------------
def test_compare_gives_each_state_the_profile_balance(client: Any) -> None:
    resp = client.get("/api/compare", params={"countries": "AZE,ARM,GEO", "replicates": 50})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert [r["state"]["iso3"] for r in body["rows"]] == ["AZE", "ARM", "GEO"]
    prof = client.get("/api/profile/AZE", params={"replicates": 50}).json()
    aze = body["rows"][0]
    assert aze["balance"] == pytest.approx(prof["balance"]["value"])
    assert [x["pole"] for x in aze["lean"]] == [x["pole"] for x in prof["lean"]]


@pytest.mark.parametrize(
    ("countries", "status", "word"),
    [
        ("AZE", 422, "at least two"),
        ("AZE,Azerbaijan", 422, "at least two"),
        ("AZE,ARM,GEO,RUS,TUR,IRN,KAZ,UZB,TKM", 422, "at most 8"),
        ("AZE,Narnia", 404, "Narnia"),
    ],
)
def test_compare_bad_lists(client: Any, countries: str, status: int, word: str) -> None:
    resp = client.get("/api/compare", params={"countries": countries})
    assert resp.status_code == status, resp.text
    assert word in detail(resp)


# -- events and documents ------------------------------------------------------------------------
def test_events_filters_and_trigger_span(client: Any) -> None:
    resp = client.get(
        "/api/events", params={"actor": "AZE", "partner": "Russia", "type": "CONSULT"}
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["total"] >= 1 and len(body["events"]) == body["total"]
    for e in body["events"]:
        assert {e["actor"], e["recipient"]} == {"AZE", "RUS"}
        assert e["event"] == "CONSULT" and e["status"] == "asserted"
        a, b = e["trigger"]
        assert 0 <= a < b <= len(e["sentence"])
    first = body["events"][0]
    assert first["sentence"][first["trigger"][0] : first["trigger"][1]] == "flew"


def test_events_every_trigger_is_placed_and_dates_filter(client: Any) -> None:
    every = client.get("/api/events", params={"status": "all", "limit": 1000}).json()
    assert every["total"] == len(every["events"]) > 50
    assert all(e["trigger"] is not None for e in every["events"])
    dated = client.get("/api/events", params={"since": "2024", "until": "2024-12"}).json()
    assert dated["total"] >= 1
    assert all("2024-01-01" <= e["date"] <= "2024-12-31" for e in dated["events"])


def test_events_paging(client: Any) -> None:
    four = client.get("/api/events", params={"limit": 4}).json()["events"]
    page1 = client.get("/api/events", params={"limit": 2}).json()["events"]
    page2 = client.get("/api/events", params={"limit": 2, "offset": 2}).json()["events"]
    assert [e["event_id"] for e in page1 + page2] == [e["event_id"] for e in four]


def test_events_organisation_code_and_injection_attempt(client: Any) -> None:
    assert client.get("/api/events", params={"actor": "EU"}).status_code == 200
    total = client.get("/api/events").json()["total"]
    resp = client.get("/api/events", params={"actor": "AZE' OR 1=1 --"})
    assert resp.status_code == 404
    assert client.get("/api/events").json()["total"] == total


@pytest.mark.parametrize(
    ("params", "status", "word"),
    [
        ({"limit": 1001}, 422, "limit"),
        ({"limit": 0}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
        ({"type": "BOGUS"}, 422, "type"),
        ({"status": "maybe"}, 422, "status"),
        ({"since": "yesterday"}, 422, "since"),
        ({"actor": "Narnia"}, 404, "Narnia"),
    ],
)
def test_events_bad_parameters(client: Any, params: dict[str, Any], status: int, word: str) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == status, resp.text
    assert word in detail(resp)


def test_document_by_id_and_prefix_with_its_events(client: Any) -> None:
    ev = client.get("/api/events", params={"actor": "AZE", "limit": 1}).json()["events"][0]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["doc_id"] == ev["doc_id"]
    assert ev["sentence"][:40] in doc["text"] or ev["sentence"][-40:] in doc["text"]
    assert doc["events"]
    for e in doc["events"]:
        trig = e["sentence"][e["trigger"][0] : e["trigger"][1]]
        assert doc["text"][e["start"] : e["end"]] == trig
    same = client.get(f"/api/documents/{ev['doc_id'][:12]}").json()
    assert same == doc


@pytest.mark.parametrize(
    ("doc_id", "status"), [("deadbeefdeadbeef", 404), ("xyz", 422), ("NOT-HEX-AT-ALL", 422)]
)
def test_document_bad_ids(client: Any, doc_id: str, status: int) -> None:
    resp = client.get(f"/api/documents/{doc_id}")
    assert resp.status_code == status
    detail(resp)


# -- safety --------------------------------------------------------------------------------------
def test_store_is_read_only(web_app: Any) -> None:
    import duckdb

    store = web_app.state.web.records().store
    assert store.read_only
    with pytest.raises(duckdb.Error):
        store.con.execute("CREATE TABLE hacked (x INTEGER)")


def test_missing_or_unbuilt_store_says_to_build(tmp_path: Path) -> None:
    from nonaligned.errors import StoreError
    from nonaligned.store import Store
    from nonaligned.web.app import create_app

    with pytest.raises(StoreError, match="nonaligned build"):
        create_app(tmp_path / "missing.duckdb")
    Store.open(tmp_path / "empty.duckdb").close()  # schema only, no records
    with pytest.raises(StoreError, match="nonaligned build"):
        create_app(tmp_path / "empty.duckdb")


def test_openapi_describes_every_endpoint_and_docs_need_no_cdn(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/countries",
        "/api/profile/{country}",
        "/api/report/{country}",
        "/api/similarity",
        "/api/compare",
        "/api/events",
        "/api/documents/{doc_id}",
        "/api/versions",
    } <= paths
    limit = next(
        p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 1000
    assert not any(p.startswith(("/country", "/map")) for p in paths)  # pages are not the API
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_security_headers(client: Any) -> None:
    resp = client.get("/api/countries")
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"


# -- pages ---------------------------------------------------------------------------------------
def _scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_country_page_embeds_the_report_charts_from_this_server(client: Any) -> None:
    pytest.importorskip("nonaligned.report.charts", reason="the report module is not there yet")
    resp = client.get("/country/AZE", params={"since": "2010", "until": "2020"})
    assert resp.status_code == 200
    html = resp.text
    if 'id="headline-shift"' in html:  # the biggest change: what changed and which way
        assert "Biggest change in " in html
        assert "votes moved " in html or "balanced" in html
    charts = re.findall(r'data-chart="([\w-]+)"', html)
    assert {"similarity", "balance"} <= set(charts)
    for cid in charts:
        spec = re.search(rf'<script type="application/json" id="spec-{cid}">(.*?)</script>', html)
        assert spec, cid
        assert json.loads(spec.group(1))["data"]["values"]
    scripts = _scripts(html)
    assert scripts == [
        "/static/vendor/vega-6.4.0.min.js",
        "/static/vendor/vega-lite-6.5.0.min.js",
        "/static/vendor/vega-embed-7.3.0.min.js",
        "/static/app.js",
    ]
    assert 'name="since" value="2010"' in html
    for src in scripts:
        assert client.get(src).status_code == 200


def test_map_page_spec_joins_geometry_to_similarity(client: Any) -> None:
    resp = client.get("/map", params={"country": "AZE", "year": 2020})
    assert resp.status_code == 200
    m = re.search(r'<script type="application/json" id="spec-map">(.*?)</script>', resp.text)
    assert m
    spec = json.loads(m.group(1))
    urls = {layer["data"]["url"] for layer in spec["layer"]}
    assert urls == {"/static/data/countries-110m.json"}
    lookup = spec["layer"][1]["transform"][0]
    assert lookup["lookup"] == "id" and len(lookup["from"]["data"]["values"]) > 140
    assert client.get("/static/data/countries-110m.json").status_code == 200


def test_compare_events_and_document_pages(client: Any) -> None:
    assert 'data-chart="compare-balance"' in client.get("/compare?countries=AZE,ARM").text
    assert client.get("/compare").status_code == 200  # the empty form
    events = client.get("/events", params={"actor": "AZE"}).text
    assert '<mark class="trigger"' in events
    doc_id = re.search(r'href="/documents/([0-9a-f]+)"', events)
    assert doc_id
    doc = client.get(f"/documents/{doc_id.group(1)}")
    assert doc.status_code == 200 and '<mark class="trigger"' in doc.text
    assert client.get("/").status_code == 200
    pick = client.get("/country", params={"country": "Azerbaijan"}, follow_redirects=False)
    assert pick.status_code == 303 and pick.headers["location"] == "/country/AZE"


def test_page_errors_are_html_with_the_message(client: Any) -> None:
    resp = client.get("/country/Narnia")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "Narnia" in resp.text
    assert client.get("/map", params={"country": "AZE", "year": 1800}).status_code == 422


def test_sentence_text_is_escaped() -> None:
    from nonaligned.web.routes_pages import _marked

    out = _marked("a <script>x</script> b", [(2, 10, "T")])
    assert "<script>" not in out and '<mark class="trigger" title="T">&lt;script&gt;</mark>' in out


# -- cache and concurrency -----------------------------------------------------------------------
def test_cache_computes_once_under_concurrency_and_evicts() -> None:
    from nonaligned.web.app import ResultCache

    cache = ResultCache(size=2, ttl=None)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow)))
        for _ in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 20 and len(calls) == 1
    cache.get_or_compute("a", lambda: 1)
    cache.get_or_compute("b", lambda: 2)
    assert cache.get_or_compute("k", lambda: 0) == 0  # "k" was evicted (least recently used)


def test_cache_ttl_disabled_and_errors_not_cached() -> None:
    from nonaligned.web.app import ResultCache

    expiring = ResultCache(size=4, ttl=0.01)
    expiring.get_or_compute("k", lambda: 1)
    time.sleep(0.03)
    assert expiring.get_or_compute("k", lambda: 2) == 2
    off = ResultCache(size=0)
    off.get_or_compute("k", lambda: 1)
    assert off.get_or_compute("k", lambda: 2) == 2

    def boom() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        expiring.get_or_compute("x", boom)
    assert expiring.get_or_compute("x", lambda: 3) == 3


def test_concurrent_requests_each_use_their_own_cursor(web_app: Any) -> None:
    """Cache misses from many threads at once: every answer equals the one-at-a-time answer."""
    TestClient = import_testclient()
    years = list(range(2000, 2012))
    with TestClient(web_app) as c:
        web_app.state.web.cache.clear()
        serial = {y: c.get(f"/api/similarity?country=ARM&year={y}").json() for y in years}
        web_app.state.web.cache.clear()
        got: dict[int, Any] = {}

        def fetch(y: int) -> None:
            got[y] = c.get(f"/api/similarity?country=ARM&year={y}").json()

        threads = [threading.Thread(target=fetch, args=(y,)) for y in years]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert got == serial


def test_digit_like_text_is_an_unknown_country_not_a_server_error(client: Any) -> None:
    """'²' passes str.isdigit but not int(): found by the fuzz, answered as a 404/422."""
    assert client.get("/api/profile/²").status_code == 404
    assert client.get("/api/compare", params={"countries": "²,AZE"}).status_code == 404
    assert client.get("/api/events", params={"actor": "²"}).status_code == 404
    resp = client.get("/api/profile/AZE", params={"poles": "²"})
    assert resp.status_code == 422
    detail(resp)


# -- the serve command ---------------------------------------------------------------------------
def test_serve_defaults_to_loopback() -> None:
    from nonaligned.cli import parse_args

    args = parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_serve_without_a_store_says_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nonaligned.cli import main

    assert main(["--db", str(tmp_path / "none.duckdb"), "serve", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "nonaligned build" in err and "Traceback" not in err


def test_serve_on_a_busy_port_is_a_message(
    web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from nonaligned.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["--db", str(web_db), "-q", "serve", "--port", str(port)]) == 2
    assert "pick another with --port" in capsys.readouterr().err
    try:  # refused by the command (2) or by its argument parser (SystemExit 2)
        code = main(["--db", str(web_db), "serve", "--port", "70000"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2


def test_static_files_come_from_memory_with_etags(client: Any) -> None:
    first = client.get("/static/style.css")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/css")
    assert (
        first.content
        == (Path(__file__).parents[1] / "nonaligned/web/static/style.css").read_bytes()
    )
    etag = first.headers["etag"]
    again = client.get("/static/style.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    for bad in (
        "/static/nope.css",
        "/static/../cli.py",
        "/static/%2e%2e/cli.py",
        "/static/vendor/",
    ):
        assert client.get(bad).status_code == 404, bad
    assert client.post("/static/style.css").status_code == 405
