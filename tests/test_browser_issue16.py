"""Browser tests for issue 16 (what a journalist reads), in headless Chromium as
``tests/test_browser.py`` drives it (Debian's package through Playwright's ``executable_path``).

What is checked is what a reader gets, from the DOM and from the rendered Vega views (their
scenegraphs, captured by wrapping ``vegaEmbed`` before the page loads), never from pixels:

* the report (``nonaligned report Azerbaijan``) leads with the split-vote measure (the shares
  with the US and with Russia), its plain-language reading and a closed "how to read this" note;
  a reading beside each headline figure; the nearest-states table with shared roll calls; the
  references collapsed at the bottom; real dates, no placeholders;
* the dashboard's country page for Azerbaijan: the same lead, the headline readings, the
  nearest-states table row for row as ``/api/neighbours`` answers it, one news event per row;
* the charts: legends with full-strength swatches in the lines' own Okabe-Ito colours, bands
  pale and beneath the lines, thin years as hollow points, lines that break at gaps (Serbia from
  1992, not 1946, with the 1993-1999 unseated years a gap and 1992 a hollow point), and the map's
  "no votes" legend.

The issue's other items have no browser part and are tested elsewhere: the store shared by
readers (tests/test_store_sharing.py), the CLI (test_cli_issue16.py, test_cli_splitvotes.py,
test_neighbours.py), the readings' wording (test_readings.py), the chart specs
(test_report_colours.py).

Screenshots a reviewer can look at are committed in ``docs/screenshots/issue16/``, named by
what they show; with Pillow installed they are reduced to 256 colours so that each stays under
about 400 KB. A test run saves them to a scratch folder (``<tmp>/nonaligned-screenshots/
issue16``), so that running the suite never rewrites the committed files (the simulated
ideal-point intervals move a few pixels from run to run); to regenerate the committed ones:
``NONALIGNED_SCREENSHOTS=docs/screenshots/issue16 .venv/bin/python -m pytest -m browser
tests/test_browser_issue16.py``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Chromium, its flags, the render wait and the chart helpers are the other browser tests' own
# (importing the module also applies its skips: no Chromium, no Playwright, no spaCy, no web).
from playwright.sync_api import Browser, Page  # noqa: E402
from test_browser import (  # noqa: E402
    assert_all_rendered,
    browser,  # noqa: F401 - the shared Chromium fixture
    serve_dashboard,
    wait_for_charts,
)
from web_fixtures import web_db_fixture  # noqa: E402, F401

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(
    os.environ.get("NONALIGNED_SCREENSHOTS")
    or Path(tempfile.gettempdir()) / "nonaligned-screenshots" / "issue16"
)
MAX_SHOT_BYTES = 400_000
UN_CHARTS = {"similarity", "distance", "balance", "memberships"}
PLACEHOLDERS = ("first vote", "last vote", "latest data", "first recorded vote")
NOT_A_VALUE = re.compile(r"\b(None|NaN|nan|undefined|null)\b")

# Runs before any page script: every vegaEmbed call's result (with its Vega view) is kept in
# window.__vegaEmbeds next to the chart's container, so the test can read what was drawn.
CAPTURE_VIEWS = """
(() => {
  window.__vegaEmbeds = [];
  let wrapped;
  Object.defineProperty(window, 'vegaEmbed', {
    configurable: true,
    get() { return wrapped; },
    set(embed) {
      if (typeof embed !== 'function') { wrapped = embed; return; }
      wrapped = Object.assign(function (el, spec, opts) {
        return embed.apply(this, arguments).then(function (res) {
          window.__vegaEmbeds.push({el: el, res: res});
          return res;
        });
      }, embed);
    },
  });
})();
"""

# What one chart's Vega view drew: every line and area with its colour and years, every point
# symbol with its fill and stroke, the legend swatches, and the order the marks are drawn in.
SCENE = """
id => {
  const hit = (window.__vegaEmbeds || []).find(e => e.el.dataset.chart === id);
  if (!hit) return null;
  const out = {lines: [], areas: [], points: [], rects: [], legend: [], order: []};
  const year = i => (i.datum && typeof i.datum.year === 'number') ? i.datum.year : null;
  function mark(m) {
    const items = m.items || [];
    if (m.role === 'mark' && items.length) {
      out.order.push(m.marktype);
      const first = items[0];
      if (m.marktype === 'line') {
        out.lines.push({label: first.datum && first.datum.label, stroke: first.stroke,
                        opacity: first.opacity === undefined ? 1 : first.opacity,
                        years: items.map(year)});
      } else if (m.marktype === 'area') {
        out.areas.push({label: first.datum && first.datum.label, fill: first.fill,
                        opacity: first.opacity === undefined ? 1 : first.opacity,
                        years: items.map(year)});
      } else if (m.marktype === 'symbol') {
        items.forEach(i => out.points.push({
          year: year(i), label: i.datum && i.datum.label, thin: !!(i.datum && i.datum.thin),
          fill: i.fill === undefined ? null : i.fill, stroke: i.stroke || null}));
      } else if (m.marktype === 'rect') {
        items.forEach(i => out.rects.push({fill: i.fill,
          opacity: i.opacity === undefined ? 1 : i.opacity}));
      }
    }
    if (m.role === 'legend-symbol') {
      items.forEach(i => out.legend.push({
        label: i.datum ? String(i.datum.label !== undefined ? i.datum.label : i.datum.value) : null,
        fill: i.fill || null, stroke: i.stroke || null,
        opacity: i.opacity === undefined ? 1 : i.opacity,
        strokeWidth: i.strokeWidth || 0, shape: i.shape || null}));
    }
    items.forEach(item => (item.items || []).forEach(mark));
  }
  mark(hit.res.view.scenegraph().root);
  return out;
}
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:  # noqa: F811 - the imported fixture
    """A page that records script errors and keeps every chart's Vega view."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.add_init_script(CAPTURE_VIEWS)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """The dashboard over the web tests' store (records and the sample news coded) on loopback."""
    with serve_dashboard(web_db) as url:
        yield url


# --------------------------------------------------------------------------- helpers


def shoot(target: Any, name: str, *, full_page: bool = False, clip: dict | None = None) -> Path:
    """Save a screenshot of a page or an element for a reviewer, and return its path.

    With Pillow, it is reduced to 256 colours (text and chart colours stay as drawn) and, if still over
    MAX_SHOT_BYTES (a long page), scaled down until it fits. Written beside its final name and
    then renamed, so a test run elsewhere in the same tree never reads a half-written file."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    final = SHOTS / name
    path = SHOTS / f".{name}.{os.getpid()}.tmp.png"
    opts: dict[str, Any] = {"path": str(path), "animations": "disabled"}
    if full_page or clip:
        opts["full_page"] = True
    if clip:
        opts["clip"] = clip
    target.screenshot(**opts)
    try:
        _reduce(path)
    finally:
        path.replace(final)
    assert final.stat().st_size < MAX_SHOT_BYTES or not _has_pillow(), final
    return final


def _has_pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def _reduce(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:  # kept as Chromium wrote it
        return
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    scale = 1.0
    while True:
        size = (round(rgb.width * scale), round(rgb.height * scale))
        img = rgb if scale == 1.0 else rgb.resize(size, Image.Resampling.BILINEAR)
        # octree keeps the charts' Okabe-Ito colours within 2/255 of their values (median cut
        # turned Russia's vermillion brown)
        img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        got = path.stat().st_size
        if got < MAX_SHOT_BYTES or scale < 0.3:
            break
        # the bytes go roughly with the area: aim a little under the limit
        scale *= min(0.9, (0.85 * MAX_SHOT_BYTES / got) ** 0.5)


def scene(page: Page, chart: str) -> dict[str, Any]:
    got: dict[str, Any] | None = page.evaluate(SCENE, chart)
    assert got is not None, f"no Vega view was kept for chart {chart!r}"
    return got


def fetch_json(page: Page, url: str) -> Any:
    """GET a dashboard URL from inside the page (same origin) and return its JSON."""
    status, body = page.evaluate(
        "async u => { const r = await fetch(u); return [r.status, await r.text()]; }", url
    )
    assert status == 200, f"{url}: {status} {body[:300]}"
    import json

    return json.loads(body)


def assert_no_placeholders(text: str) -> None:
    low = text.lower()
    for ph in PLACEHOLDERS:
        assert ph not in low, f"placeholder {ph!r} on the page"
    bad = NOT_A_VALUE.search(text)
    assert bad is None, (
        f"a missing value printed as {bad.group(0)!r}: ...{text[bad.start() - 80 : bad.end() + 40]}..."
    )


def assert_pole_chart(sc: dict[str, Any]) -> None:
    """Legend swatches at full strength in the line's own colour; Okabe-Ito, one colour per
    pole; bands pale and drawn before (beneath) the lines."""
    from nonaligned.report.palette import BLUE, OKABE_ITO, REDDISH_PURPLE, VERMILLION

    okabe = {c.upper() for c in OKABE_ITO}
    legend = {e["label"]: e for e in sc["legend"]}
    assert len(legend) >= 4, sc["legend"]
    for label, e in legend.items():
        assert e["opacity"] == 1, f"legend swatch of {label} is faded: {e}"
        assert e["shape"] == "stroke" and e["strokeWidth"] >= 2, e
        assert e["stroke"] and e["stroke"].upper() in okabe, f"{label}: {e['stroke']} not Okabe-Ito"
    colours = [e["stroke"].upper() for e in legend.values()]
    assert len(set(colours)) == len(colours), f"two poles share a colour: {legend}"
    assert legend["United States"]["stroke"].upper() == BLUE.upper()
    assert legend["China"]["stroke"].upper() == REDDISH_PURPLE.upper()
    [russia] = [e for lab, e in legend.items() if lab.startswith("Russia")]
    assert russia["stroke"].upper() == VERMILLION.upper()
    # each drawn line is in its legend swatch's colour, at full opacity
    assert sc["lines"], "no line drawn"
    for line in sc["lines"]:
        assert line["stroke"].upper() == legend[line["label"]]["stroke"].upper(), line["label"]
        assert line["opacity"] == 1
    # bands: pale, and drawn before any line (so beneath it)
    assert sc["areas"], "no interval band drawn"
    assert all(a["opacity"] <= 0.2 for a in sc["areas"]), [a["opacity"] for a in sc["areas"]]
    assert sc["order"].index("area") < sc["order"].index("line")


def assert_thin_points_hollow(sc: dict[str, Any]) -> int:
    """Full years are filled points, thin years hollow ones (no fill, a coloured outline);
    return the number of hollow points."""
    hollow = 0
    for p in sc["points"]:
        empty = p["fill"] in (None, "transparent", "none")
        if p["thin"]:
            hollow += 1
            assert empty and p["stroke"], f"thin year drawn filled: {p}"
        else:
            assert not empty, f"full year drawn hollow: {p}"
    return hollow


def _int(text: str) -> int:
    return int(text.replace(",", "").strip())


# --------------------------------------------------------------------------- the report


def test_report_leads_with_split_votes_and_collapses_references(
    web_db: Path, page: Page, tmp_path: Path
) -> None:
    from nonaligned.cli import main

    out = tmp_path / "AZE-report.html"
    assert main(["--db", str(web_db), "-q", "report", "Azerbaijan", "-o", str(out)]) == 0
    page.goto(out.as_uri())
    charts = wait_for_charts(page)
    assert_all_rendered(charts, UN_CHARTS)
    assert page.errors == []  # type: ignore[attr-defined]

    # The first section, and first in it, is the split-vote lead with its plain reading.
    first = page.evaluate(
        """() => [document.querySelector('section').id,
                  document.querySelector('#headline > h2 + *').id]"""
    )
    assert first == ["headline", "split-votes"]
    lead = page.locator("#split-votes")
    reading = lead.locator(".reading").inner_text()
    assert re.match(
        r"When the US and Russia vote differently, Azerbaijan votes with Russia .*more often "
        r"than with the US",
        reading,
    ), reading
    figures = lead.locator("p.d").inner_text()
    m = re.search(
        r"With the US (\d+)% \[\d+%, \d+%\], with Russia (\d+)% \[\d+%, \d+%\], abstained or "
        r"absent (\d+)%, another way (\d+)% of (\d+) roll calls",
        figures,
    )
    assert m, figures
    us, ru, abst, other, n = (int(g) for g in m.groups())
    assert 98 <= us + ru + abst + other <= 102  # the shares cover every split roll call
    assert ru > 3 * us and n > 1000
    # the reading quotes the same figures
    assert f"Russia {ru} %, the US {us} %" in reading and f"of {n} votes" in reading

    # "How to read this" notes: present beside each measure, closed until opened.
    howto = page.locator("#headline details.howto")
    assert howto.count() >= 3
    assert (
        page.eval_on_selector_all("#headline details.howto", "ds => ds.some(d => d.open)") is False
    )
    note = lead.locator("details.howto")
    assert note.locator("summary").inner_text().strip() == "How to read this"
    note.locator("summary").click()
    assert "voted differently" in note.inner_text()

    # A reading beside each headline figure, and one per pole; the NAM median is no headline.
    cards = page.locator("#headline .card")
    assert cards.count() >= 2
    balance_card = cards.filter(has_text="Balance index")
    assert re.search(
        r"Azerbaijan .*\(balance 0\.\d\d over", balance_card.locator(".reading").first.inner_text()
    )
    shift = cards.filter(has_text="Biggest change").inner_text()
    assert re.search(r"votes moved (away from|toward|towards) ", shift), shift
    assert "Non-Aligned" not in page.locator("#headline .cards").inner_text()
    leans = page.locator("#headline ul li").all_inner_texts()
    assert len(leans) == 6 and all(t.startswith("Azerbaijan ") and "(S " in t for t in leans), leans

    # Nearest states: ranked rows with the number of shared roll calls, thin ones left out.
    excluded = page.locator("#neighbours p.explain").last.inner_text()
    floor = re.search(r"left out for sharing fewer than (\d+) roll calls", excluded)
    assert floor, excluded
    rows = page.locator("#neighbours table tbody tr")
    assert rows.count() >= 10
    table = [r.locator("td").all_inner_texts() for r in rows.all()]
    assert [_int(r[0]) for r in table] == list(range(1, len(table) + 1))
    assert "Azerbaijan" not in [r[1] for r in table]
    assert all(_int(r[2]) >= int(floor.group(1)) for r in table)
    shares = [int(r[3].split("%")[0]) for r in table]
    assert shares == sorted(shares, reverse=True)
    assert (
        page.locator("#neighbours .reading")
        .inner_text()
        .startswith(f"The states that vote most like Azerbaijan are {table[0][1]}")
    )

    # Real dates, no placeholders.
    sub = page.locator("header .sub").inner_text()
    period = re.search(r"period (\d{4}-\d\d-\d\d) – (\d{4}-\d\d-\d\d)", sub)
    assert period and period.group(1).startswith("1992") and period.group(2) >= "2025", sub
    assert_no_placeholders(page.inner_text("body"))

    # Charts: full-strength Okabe-Ito legends, pale bands beneath the lines.
    assert_pole_chart(scene(page, "similarity"))
    balance = scene(page, "balance")
    assert balance["rects"] and all(r["opacity"] <= 0.2 for r in balance["rects"])
    assert balance["order"].index("rect") < balance["order"].index("line")
    assert all(e["opacity"] == 1 for e in balance["legend"])

    # The references: one closed <details>, the last thing on the page, a line high.
    refs = page.locator("details#references")
    assert refs.count() == 1
    assert refs.evaluate("d => d.open") is False
    assert refs.evaluate(
        """d => d.closest('footer') !== null && d.parentElement.lastElementChild === d
              && [...document.querySelectorAll('section')].every(
                   s => s.getBoundingClientRect().bottom <= d.getBoundingClientRect().top)"""
    )
    assert not refs.locator("pre").first.is_visible()
    height = refs.evaluate("d => d.getBoundingClientRect().height")
    page_height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 60 and height / page_height < 0.02, (height, page_height)
    note.locator("summary").click()  # closed again for the screenshots
    page.mouse.move(0, 0)
    box = page.evaluate(
        """() => Object.fromEntries(['#similarity', '#memberships', 'footer'].map(s => {
              const r = document.querySelector(s).getBoundingClientRect();
              return [s, [r.top + window.scrollY, r.bottom + window.scrollY]];
            }).concat([['end', [document.documentElement.scrollHeight, 0]]]))"""
    )
    width = page.viewport_size["width"] if page.viewport_size else 1200

    def band(top: float, bottom: float) -> dict[str, float]:
        return {"x": 0, "y": top, "width": width, "height": bottom - top}

    shoot(
        page,
        "report-azerbaijan-top-split-votes-and-nearest-states.png",
        clip=band(0, box["#similarity"][0]),
    )
    shoot(
        page,
        "report-azerbaijan-charts-similarity-balance-memberships.png",
        clip=band(box["#similarity"][0], box["#memberships"][1]),
    )
    shoot(
        page,
        "report-azerbaijan-bottom-references-collapsed.png",
        clip=band(box["footer"][0] - 40, box["end"][0]),
    )
    shoot(page, "report-azerbaijan-whole-page-reduced.png", full_page=True)
    refs.locator("summary").click()
    assert refs.locator("pre").first.is_visible()
    assert "@software{nonaligned" in refs.inner_text()


# --------------------------------------------------------------------------- the dashboard


def test_country_page_split_votes_readings_and_nearest_states(server: str, page: Page) -> None:
    page.goto(f"{server}/country/AZE")
    charts = wait_for_charts(page)
    assert_all_rendered(charts, UN_CHARTS)
    assert page.errors == []  # type: ignore[attr-defined]
    report = fetch_json(page, "/api/report/AZE")

    # The split-vote lead comes first, above the other figures, the charts and the table.
    tops = page.evaluate(
        """sels => sels.map(s => document.querySelector(s).getBoundingClientRect().top)""",
        ["#split-votes", ".headline", "[data-chart=similarity]", "#neighbours"],
    )
    assert tops == sorted(tops), tops
    reading = page.locator("#split-reading").inner_text()
    assert reading == report["split_votes"]["reading"]["text"]
    assert reading.startswith(
        "When the US and Russia vote differently, Azerbaijan votes with Russia"
    )
    overall = report["split_votes"]["overall"]
    figures = page.locator("#split-votes p.muted").inner_text()
    assert f"with usa {round(overall['share_a'] * 100)}%" in figures.lower(), figures
    assert f"with rus {round(overall['share_b'] * 100)}%" in figures.lower(), figures
    assert f"of {overall['n']} roll calls" in figures
    shares = [int(x) for x in re.findall(r"(?:USA|RUS|absent|another way) (\d+)%", figures)]
    assert len(shares) == 4 and 98 <= sum(shares) <= 102, figures  # with each, abstained, other
    note = page.locator("#split-votes details.howto")
    assert note.evaluate("d => d.open") is False
    assert note.locator("summary").inner_text().strip() == "How to read this"

    # Readings beside the headline figures, and one per pole.
    assert re.search(
        r"\(balance 0\.\d\d over", page.locator("#headline-balance .reading").inner_text()
    )
    assert re.search(
        r"votes moved (away from|toward|towards) ", page.locator("#headline-shift").inner_text()
    )
    assert len(page.locator("#lean-readings li").all_inner_texts()) == 6

    # The nearest states, row for row as /api/neighbours answers.
    rows = [r.locator("td").all_inner_texts() for r in page.locator("#neighbours tbody tr").all()]
    assert len(rows) >= 10
    api = fetch_json(page, f"/api/neighbours/AZE?top={len(rows)}")
    assert len(api["neighbours"]) == len(rows)
    for cells, want in zip(rows, api["neighbours"], strict=True):
        assert _int(cells[0]) == want["rank"]
        assert cells[1] == want["name"] != "Azerbaijan"
        assert _int(cells[2]) == want["n"] >= api["min_shared"]  # shared roll calls
        assert cells[3].startswith(f"{round(want['agree'] * 100)}%")
    assert page.locator("#neighbours tbody tr a").first.get_attribute("href") == (
        f"/country/{api['neighbours'][0]['iso3']}"
    )
    assert (
        f"{api['ranked']} states ranked; {api['excluded']} left out for sharing fewer than "
        f"{api['min_shared']} roll calls with Azerbaijan"
    ) in page.locator("#neighbours-excluded").inner_text()
    assert page.locator("#neighbours-reading").inner_text() == api["reading"]["text"]

    # One news event per row: no event listed again in the other direction.
    seen: set[tuple[str, ...]] = set()
    for r in page.locator("#top-events tbody tr").all():
        date, actors, event = r.locator("td").all_inner_texts()[:3]  # "AZE ↔ RUS", "AZE → RUS"
        sides = sorted(x.strip() for x in re.split("[↔→]", actors))
        key = (date, event.split()[-1], *sides)
        assert key not in seen, f"event listed twice: {key}"
        seen.add(key)
    assert seen, "no news events on the page"

    # Real dates, no placeholders.
    period = re.search(r"UN votes (\d{4}-\d\d-\d\d) – (\d{4}-\d\d-\d\d);", page.inner_text("main"))
    assert period and period.group(1).startswith("1992") and period.group(2) >= "2025"
    assert_no_placeholders(page.inner_text("body"))

    assert_pole_chart(scene(page, "similarity"))
    shoot(page, "country-azerbaijan-full.png", full_page=True)
    page.locator("#split-votes").scroll_into_view_if_needed()
    shoot(page, "country-azerbaijan-split-votes-lead.png")
    lower = page.locator("#neighbours")
    lower.scroll_into_view_if_needed()
    shoot(lower, "country-azerbaijan-nearest-states-table.png")


def test_serbia_charts_start_in_1992_and_break_at_the_unseated_gap(server: str, page: Page) -> None:
    page.goto(f"{server}/country/SRB")
    charts = wait_for_charts(page)
    assert_all_rendered(charts, {"similarity", "distance", "balance"})
    assert page.errors == []  # type: ignore[attr-defined]
    main_text = page.inner_text("main")
    assert re.search(r"UN votes 1992-04-27 – \d{4}-\d\d-\d\d;", main_text), main_text[:400]
    notes = page.locator("ul.notes").inner_text()
    assert "Yugoslavia (SFRY) before then are left out" in notes
    assert "no votes 1992-09-22 to 2000-10-31, not seated" in notes
    assert_no_placeholders(page.inner_text("body"))

    for chart in ("similarity", "distance", "balance"):
        sc = scene(page, chart)
        drawn = (
            [p["year"] for p in sc["points"]]
            + [y for line in sc["lines"] for y in line["years"]]
            + [y for band in sc["areas"] for y in band["years"]]
        )
        assert min(drawn) == 1992, f"{chart}: starts in {min(drawn)}, not 1992"
        assert not [y for y in drawn if 1993 <= y <= 1999], f"{chart}: drawn in the gap"
        # every line (and band) runs over consecutive years only, so none crosses the gap, and
        # 1992, a thin year, is a point of its own
        for run in sc["lines"] + sc["areas"]:
            years = run["years"]
            assert years == list(range(years[0], years[0] + len(years))), (chart, years)
            assert years[0] >= 2000, (chart, years)
        assert assert_thin_points_hollow(sc) >= 1, f"{chart}: no hollow point for 1992"
        assert {p["year"] for p in sc["points"] if p["thin"]} == {1992}
    assert_pole_chart(scene(page, "similarity"))
    shoot(page, "country-serbia-full.png", full_page=True)
    chart = page.locator("[data-chart=similarity]")
    chart.scroll_into_view_if_needed()
    shoot(chart, "country-serbia-similarity-gap-1993-1999-hollow-1992.png")


def test_world_map_has_a_no_votes_legend_entry(server: str, page: Page) -> None:
    page.goto(f"{server}/map?country=AZE&year=2020")
    charts = wait_for_charts(page)
    assert_all_rendered(charts, {"map"})
    assert page.errors == []  # type: ignore[attr-defined]
    sc = scene(page, "map")
    labels = {e["label"] for e in sc["legend"]}
    assert "no votes" in labels, labels
    [no_votes] = [e for e in sc["legend"] if e["label"] == "no votes"]
    from nonaligned.report.palette import NO_DATA

    assert (no_votes["fill"] or "").upper() == NO_DATA.upper()
    shoot(page, "map-azerbaijan-2020-no-votes-legend.png", full_page=True)
