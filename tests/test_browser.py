"""Browser tests: the report opened from disk and the dashboard served on loopback, in headless
Chromium (Debian's package, driven by Playwright through ``executable_path``; Playwright never
downloads a browser here). ``python3 tasks.py test`` installs chromium when it is missing.

What is checked is what a reader sees: every chart container reports that Vega rendered it with
data rows, and an SVG or canvas is actually drawn inside it; screenshots are saved beside the
test's temporary files (``--basetemp`` keeps them) for a human to look at.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("NONALIGNED_CHROMIUM", "/usr/bin/chromium"))
# Flags without which Chromium keeps trying to reach Google's hosts from a closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_TIMEOUT_MS = 30_000

if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (python3 tasks.py test installs Debian's chromium; "
        "or set NONALIGNED_CHROMIUM)",
        allow_module_level=True,
    )
pytest.importorskip("playwright", reason="the test extra (playwright) is not installed")
pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")
pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "nonaligned" / "text" / "sample"


@pytest.fixture(scope="module")
def events_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built records store plus the sample pages ingested and coded (a copy of its own)."""
    from nonaligned.engine.coding import code_store
    from nonaligned.engine.ingest import ingest
    from nonaligned.store import Store

    path = tmp_path_factory.mktemp("browser") / "events.duckdb"
    shutil.copyfile(built_db, path)
    with Store.open(path) as store:
        ingest(store, [str(SAMPLE)])
        code_store(store)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


def wait_for_charts(page: Page) -> list[dict[str, Any]]:
    """Wait until the page says its charts rendered; return each chart container's state."""
    page.wait_for_function(
        "() => document.body && document.body.dataset.chartsRendered !== undefined",
        timeout=RENDER_TIMEOUT_MS,
    )
    charts: list[dict[str, Any]] = page.eval_on_selector_all(
        "[data-chart]",
        """els => els.map(e => ({
            id: e.dataset.chart,
            rendered: e.dataset.rendered,
            rows: Number(e.dataset.rows || 0),
            drawn: !!e.querySelector('svg, canvas'),
            empty: e.dataset.empty || null,
        }))""",
    )
    return charts


def assert_all_rendered(charts: list[dict[str, Any]], expected: set[str]) -> None:
    ids = {c["id"] for c in charts}
    assert expected <= ids, f"charts missing: {sorted(expected - ids)}"
    for c in charts:
        if c["id"] in expected:
            assert c["rendered"] == "true", f"chart {c['id']} did not render: {c}"
            assert c["rows"] > 0, f"chart {c['id']} rendered without data: {c}"
            assert c["drawn"], f"chart {c['id']} has no SVG or canvas: {c}"


REPORT_CHARTS = {"similarity", "distance", "balance", "memberships", "events", "network"}


def test_report_opened_from_disk_renders_every_chart_with_data(
    events_db: Path, page: Page, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nonaligned.cli import main

    out = tmp_path / "AZE-report.html"
    assert main(["--db", str(events_db), "-q", "report", "Azerbaijan", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    # Nothing may leave the machine: any request that is not the file itself is recorded.
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    charts = wait_for_charts(page)
    assert_all_rendered(charts, REPORT_CHARTS)
    assert page.errors == []  # type: ignore[attr-defined]
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    # the top-events table quotes the source sentences
    assert page.locator("table").count() >= 1
    assert "Aliyev" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000


# --------------------------------------------------------------------------- the dashboard


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(events_db: Path) -> Iterator[str]:
    """The dashboard app under uvicorn on a loopback port, in a thread of this process."""
    with serve_dashboard(events_db) as url:
        yield url


@contextlib.contextmanager
def serve_dashboard(db: Path) -> Iterator[str]:
    """The dashboard over ``db`` under uvicorn on a free loopback port, in a thread; its URL."""
    import uvicorn

    from nonaligned.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_country_page_renders_charts_and_answers_a_control(
    server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(f"{server}/country/AZE")
    charts = wait_for_charts(page)
    assert_all_rendered(charts, REPORT_CHARTS)  # the report's charts, events included
    assert page.errors == []  # type: ignore[attr-defined]
    # Each chart exports: SVG/PNG from vega-embed's menu, its rows as a CSV download.
    exports: list[dict[str, Any]] = page.eval_on_selector_all(
        "[data-chart]",
        """els => els.map(e => ({
            id: e.dataset.chart,
            menu: [...e.querySelectorAll('.vega-actions a')].map(a => a.textContent),
            csv: (e.querySelector('p.csv a') || {}).href || null,
            file: (e.querySelector('p.csv a') || {}).download || null,
        }))""",
    )
    for ex in exports:
        assert any("SVG" in m for m in ex["menu"]) and any("PNG" in m for m in ex["menu"]), ex
        assert ex["csv"] and ex["csv"].startswith("data:text/csv"), ex
        assert ex["file"] == f"aze-{ex['id']}.csv", ex
    [similarity] = [ex for ex in exports if ex["id"] == "similarity"]
    header = unquote(similarity["csv"].split(",", 1)[1]).split("\n", 1)[0]
    assert "year" in header.split(","), header
    page.screenshot(path=str(tmp_path / "country-before.png"), full_page=True)

    # One control: narrow the period with the form and check the page answers it.
    page.fill("input[name=since]", "2010-01-01")
    page.fill("input[name=until]", "2020-12-31")
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    charts = wait_for_charts(page)
    assert_all_rendered(charts, {"similarity", "balance"})
    years: list[int] = page.evaluate(
        """() => {
            const el = document.querySelector('[data-chart=similarity]');
            return JSON.parse(el.dataset.years || '[]');
        }"""
    )
    assert years, "the similarity chart exposes no years"
    assert min(years) >= 2010 and max(years) <= 2020  # the years plotted lie in the period
    assert "2010" in page.url
    page.screenshot(path=str(tmp_path / "country-after.png"), full_page=True)
    assert (tmp_path / "country-after.png").stat().st_size > 10_000


def test_world_map_draws_countries(server: str, page: Page, tmp_path: Path) -> None:
    page.goto(f"{server}/map?country=AZE&year=2020")
    charts = wait_for_charts(page)
    [chart] = [c for c in charts if c["id"] == "map"]
    assert chart["rendered"] == "true" and chart["rows"] > 100 and chart["drawn"]
    # geoshapes are drawn as paths: one per country at least
    paths = page.locator("[data-chart=map] svg path, [data-chart=map] canvas").count()
    assert paths >= 1
    assert page.errors == []  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)


def test_event_browser_highlights_the_trigger(server: str, page: Page) -> None:
    page.goto(f"{server}/events?actor=AZE")
    marks = page.locator("mark")
    marks.first.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert marks.count() >= 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_country_page_leads_with_split_votes_and_lists_nearest_states(
    server: str, page: Page, tmp_path: Path
) -> None:
    """Issue 16: the split-vote reading first, the nearest-states table with real rows."""
    page.goto(f"{server}/country/AZE?since=2015")
    lead = page.locator("#split-votes")
    lead.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert "When the US and Russia vote differently, Azerbaijan" in lead.inner_text()
    top_of = page.evaluate(
        """ids => ids.map(id => document.getElementById(id).getBoundingClientRect().top)""",
        ["split-votes", "neighbours"],
    )
    assert top_of[0] < top_of[1]  # the lead is above the nearest states
    rows = page.locator("#neighbours tbody tr")
    assert rows.count() >= 5
    names = rows.locator("td:nth-child(2)").all_inner_texts()
    assert "Azerbaijan" not in names
    assert "left out for sharing fewer than" in page.locator("#neighbours-excluded").inner_text()
    page.locator("#neighbours").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "country-split-votes-neighbours.png"), full_page=True)
    assert (tmp_path / "country-split-votes-neighbours.png").stat().st_size > 10_000
