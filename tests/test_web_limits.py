"""The dashboard under hostile parameters and load (issue 13): no 500 on any parameter, heavy work
bounded by its own pool with a queue limit and a timeout, a byte-bounded cache, http(s)-only links.
"""

from __future__ import annotations

import asyncio
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


def detail(resp: Any) -> str:
    body = resp.json()
    assert set(body) == {"detail"}, body
    return str(body["detail"])


# -- poles: the 500s of issue 13 ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/report/AZE?poles=AZE", ["poles", "'AZE'", "Azerbaijan", "bloc code", "EU"]),
        ("/api/report/AZE?poles=373", ["poles", "'373'", "Azerbaijan", "own pole"]),
        ("/api/profile/AZE?poles=Azerbaijan", ["poles", "own pole"]),
        ("/api/report/USA?poles=USA", ["poles", "United States"]),
        ("/api/profile/AZE?balance_poles=AZE", ["balance_poles", "'AZE'", "own poles"]),
        ("/api/profile/AZE?balance_poles=USA", ["balance_poles", "at least two", "RUS"]),
        ("/api/report/AZE?balance_poles=NATO,USA", ["balance_poles", "'NATO'", "not among"]),
        ("/api/report/AZE?poles=USA&balance_poles=RUS,CHN", ["balance_poles", "'RUS'"]),
        ("/api/profile/AZE?poles=USA&poles=United%20States", ["poles", "named twice"]),
        ("/api/profile/AZE?balance_poles=USA,United%20States", ["balance_poles", "twice"]),
        ("/api/compare?countries=AZE,ARM&poles=Atlantis", ["poles", "Atlantis"]),
        ("/api/compare?countries=AZE,ARM&balance_poles=NATO,EU", ["balance_poles", "NATO"]),
    ],
)
def test_bad_poles_are_422_naming_the_parameter(client: Any, url: str, words: list[str]) -> None:
    resp = client.get(url)
    assert resp.status_code == 422, resp.text
    text = detail(resp)
    for w in words:
        assert w in text, (w, text)


def test_country_page_with_its_own_pole_is_an_html_422(client: Any) -> None:
    resp = client.get("/country/AZE", params={"poles": "AZE"})
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("text/html")
    assert "own pole" in resp.text


def test_own_pole_among_others_is_refused_and_the_page_does_not_offer_it(client: Any) -> None:
    """As ``nonaligned profile``: naming the state measured as a pole is an error, so the country
    page of a default pole (the United States) does not offer its own box."""
    resp = client.get("/api/profile/USA", params=[("poles", "USA,RUS,EU"), ("replicates", 20)])
    assert resp.status_code == 422, resp.text
    assert "'USA'" in detail(resp)
    page = client.get("/country/USA", params={"replicates": 20})
    assert page.status_code == 200
    assert 'name="poles" value="USA"' not in page.text
    assert 'name="poles" value="RUS" checked' in page.text


def test_balance_poles_by_name_mean_their_code(client: Any) -> None:
    """ "Russia" as a balance pole used to match no pole silently (the measures compare codes)."""
    by_name = client.get(
        "/api/profile/AZE", params={"balance_poles": "Russia,United States", "replicates": 20}
    )
    by_code = client.get("/api/profile/AZE", params={"balance_poles": "RUS,USA", "replicates": 20})
    assert by_name.status_code == by_code.status_code == 200, by_name.text
    bal = by_name.json()["balance"]
    assert bal["value"] is not None and sorted(bal["poles"]) == ["RUS", "USA"]
    assert by_name.json() == by_code.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/profile/AZE?poles=USA&poles=RUS&replicates=20",
        "/api/profile/AZE?poles=USA,RUS&poles=RUS&replicates=20",
        "/api/profile/AZE?since=2020&until=2010",
        "/api/profile/AZE?since=2020&since=2010&replicates=20",
        "/api/profile/AZE?replicates=20&replicates=30",
        "/api/profile/AZE?replicates=-1",
        "/api/profile/AZE?replicates=99999999999999999999999",
        "/api/report/AZE?top_events=-1",
        "/api/events?limit=-1",
        "/api/events?limit=99999999999999999999999999",
        "/api/events?limit=1&limit=2",
        "/api/events?offset=99999999999999999999",
        "/api/events?offset=999999",
        "/api/events?actor=AZE&actor=RUS",
        "/api/events?actor=%00%01%1b[31m",
        "/api/events?actor=AZE%0d%0aX-Injected:%201",
        "/api/events?type=AGREE&type=AGREE&type=agree",
        "/api/events?since=2020&until=2010",
        "/api/events?status=all&status=negated",
        "/api/similarity?country=AZE&country=ARM&year=2020",
        "/api/similarity?country=%00&year=2020",
        "/api/compare?countries=AZE&countries=ARM&replicates=20",
        "/api/compare?countries=AZE,AZE,Azerbaijan",
        "/api/compare?countries=,,,",
        "/api/profile/%00AZE",
        "/api/profile/AZE%1b",
        "/api/documents/" + "0" * 64,
        "/country/AZE?poles=AZE",
        "/country/AZE?poles=373",
        "/country/AZE?balance_poles=AZE",
        "/country/AZE?since=2020&until=2010",
        "/compare?countries=AZE,ARM&poles=AZE",
        "/compare?countries=" + ",".join(["AZE"] * 40),
        "/map?country=AZE&year=1800",
        "/map?country=%00",
        "/events?limit=-1",
        "/events?offset=99999999999999999999",
    ],
)
def test_repeated_conflicting_and_hostile_parameters_never_fail(client: Any, url: str) -> None:
    resp = client.get(url)
    assert resp.status_code < 500, (url, resp.status_code, resp.text[:300])
    if resp.status_code >= 400 and url.startswith("/api/"):
        assert detail(resp)


# -- links ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("HTTPS://example.org/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\tjavascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("//evil.example/", False),
        ("https:evil", False),
        ("https:///path", False),
        ('https://example.org/"onmouseover="x', False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url_links_only_http_and_https(url: Any, ok: bool) -> None:
    from nonaligned.web.params import safe_url

    assert (safe_url(url) == url) if ok else safe_url(url) is None


def test_document_page_does_not_link_a_javascript_url(web_db: Path, tmp_path: Path) -> None:
    """A stored document whose address is ``javascript:`` shows it as text, never as a link."""
    import shutil

    from nonaligned.store import Store
    from nonaligned.web.app import create_app

    db = tmp_path / "evil.duckdb"
    shutil.copyfile(web_db, db)
    with Store.open(db) as store:
        doc_id = store.con.execute(
            "SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1"
        ).fetchone()
        assert doc_id
        store.con.execute(
            "UPDATE documents SET url = 'javascript:alert(document.cookie)' WHERE doc_id = ?",
            [doc_id[0]],
        )
    app = create_app(db)
    try:
        TestClient = import_testclient()
        with TestClient(app) as c:
            html = c.get(f"/documents/{doc_id[0]}").text
            assert 'href="javascript' not in html.lower()
            assert "not linked" in html
            page = c.get("/events", params={"status": "all", "limit": 1000}).text
            assert "javascript:" not in page.lower()
    finally:
        app.state.web.close()


# -- the heavy pool ------------------------------------------------------------------------------
def _limiter(**kw: Any) -> Any:
    from nonaligned.web.app import HeavyLimiter

    return HeavyLimiter(**kw)


def test_limiter_runs_at_most_slots_at_once_and_refuses_beyond_the_queue() -> None:
    from nonaligned.web.app import Overloaded

    lim = _limiter(slots=1, queue=2, timeout=10.0)
    running = 0
    peak = 0
    gate = threading.Event()
    lock = threading.Lock()

    def work(i: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        gate.wait(5)
        time.sleep(0.01)
        with lock:
            running -= 1
        return i

    async def main() -> list[Any]:
        tasks = [asyncio.ensure_future(lim.run(("k", i), lambda i=i: work(i))) for i in range(5)]
        await asyncio.sleep(0.1)
        gate.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = asyncio.run(main())
    done = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, Overloaded)]
    assert done == [0, 1, 2] and len(refused) == 2, results
    assert peak == 1
    assert all(r.retry_after >= 1 and "busy" in str(r) for r in refused)
    lim.close()


def test_limiter_joins_the_same_key_and_times_out_with_retry_after() -> None:
    from nonaligned.web.app import Overloaded

    lim = _limiter(slots=1, queue=1, timeout=0.2)
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.5)
        return "done"

    async def same_key() -> list[Any]:
        return await asyncio.gather(
            *(lim.run("same", slow) for _ in range(5)), return_exceptions=True
        )

    results = asyncio.run(same_key())
    assert len(calls) == 1, "five requests for one key compute once"
    assert all(isinstance(r, Overloaded) and "0.2 s" in str(r) for r in results)
    time.sleep(0.5)  # the running computation finishes (it cannot be interrupted) ...
    assert lim.in_flight == 0
    assert lim.timed_out == 5

    # ... and one still queued when its only request gives up is dropped, never run.
    ran: list[str] = []

    def never() -> str:
        ran.append("b")
        return "b"

    async def queued() -> list[Any]:
        first = asyncio.ensure_future(lim.run("a", slow))
        await asyncio.sleep(0.01)
        second = asyncio.ensure_future(lim.run("b", never))
        return list(await asyncio.gather(first, second, return_exceptions=True))

    out = asyncio.run(queued())
    assert all(isinstance(r, Overloaded) for r in out)
    assert "dropped" in str(out[1])
    time.sleep(0.6)
    assert ran == [] and lim.in_flight == 0
    lim.close()


def test_busy_server_answers_503_with_retry_after_and_cheap_endpoints_stay_fast(
    web_db: Path,
) -> None:
    """One slot, no queue: a second distinct profile is refused at once (503 + Retry-After) while
    the first computes, and /api/countries and /api/events answer meanwhile."""
    from nonaligned.web.app import create_app

    app = create_app(web_db, heavy_slots=1, heavy_queue=0, heavy_timeout=60)
    TestClient = import_testclient()
    try:
        with TestClient(app) as c:
            c.get("/api/countries")  # warm the cheap caches
            c.get("/api/events", params={"actor": "AZE"})
            first: dict[str, Any] = {}

            def heavy() -> None:
                first["resp"] = c.get("/api/profile/AZE", params={"replicates": 1000})

            t = threading.Thread(target=heavy)
            t.start()
            deadline = time.monotonic() + 30
            while app.state.web.limiter.in_flight == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            busy = c.get("/api/report/ARM")
            cheap = []
            for _ in range(5):
                t0 = time.perf_counter()
                assert c.get("/api/countries").status_code == 200
                assert c.get("/api/events", params={"actor": "AZE"}).status_code == 200
                cheap.append(time.perf_counter() - t0)
            page = c.get("/country/GEO")
            t.join(60)
        assert first["resp"].status_code == 200
        assert busy.status_code == 503, busy.text
        assert int(busy.headers["retry-after"]) >= 1
        assert "busy" in detail(busy)
        assert page.status_code == 503 and "busy" in page.text
        assert max(cheap) < 1.0, cheap  # two cached answers, not a wait behind the profile
    finally:
        app.state.web.close()


# -- the cache -----------------------------------------------------------------------------------
def test_cache_is_bounded_in_bytes() -> None:
    from nonaligned.web.app import ResultCache

    cache = ResultCache(size=100, ttl=None, max_bytes=1000)
    for i in range(10):
        cache.get_or_compute(i, lambda: b"x" * 300)
    assert cache.bytes <= 1000 and len(cache) == 3
    assert cache.get_or_compute("huge", lambda: b"y" * 5000) == b"y" * 5000
    assert cache.lookup("huge") == (False, None), "larger than the cache: answered, not kept"
    cache.clear()
    assert cache.bytes == 0 and len(cache) == 0


def test_events_page_answers_match_the_unjoined_query(client: Any, web_app: Any) -> None:
    """The two-step events query returns what a plain join would, in the same order (a
    reciprocal action coded in both directions listed once, by its actor < recipient row)."""
    store = web_app.state.web.records().store
    want = store.con.execute(
        """SELECT e.event_id FROM events e JOIN documents d USING (doc_id)
           WHERE (e.actor = 'AZE' OR e.recipient = 'AZE') AND e.status = 'asserted'
             AND NOT (e.actor > e.recipient AND EXISTS (
                 SELECT 1 FROM events t WHERE t.doc_id = e.doc_id AND t.sent = e.sent
                   AND t."start" = e."start" AND t.cameo = e.cameo AND t.status = e.status
                   AND t.actor = e.recipient AND t.recipient = e.actor))
           ORDER BY e.date NULLS LAST, e.doc_id, e.sent, e."start", e.event_id"""
    ).fetchall()
    body = client.get("/api/events", params={"actor": "AZE", "limit": 1000}).json()
    assert body["total"] == len(want)
    assert [e["event_id"] for e in body["events"]] == [r[0] for r in want]
    page2 = client.get("/api/events", params={"actor": "AZE", "limit": 5, "offset": 5}).json()
    assert [e["event_id"] for e in page2["events"]] == [r[0] for r in want[5:10]]
    beyond = client.get("/api/events", params={"actor": "AZE", "offset": 100000}).json()
    assert beyond["events"] == [] and beyond["total"] == len(want)
