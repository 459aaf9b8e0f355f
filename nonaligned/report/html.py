"""The self-contained HTML country report: one file, scripts and data inlined, opens from disk.

Why one file with the JavaScript inlined: the reader is often offline, behind a proxy, or mails
the report on; a page that fetches Vega from a CDN shows nothing there. The vendored builds
(``vendor/``, versions in the file names) are inlined in load order, with any ``</script`` made
harmless; the data go in as JSON with every ``<`` escaped, so no value can close a tag. No
template engine: ``html.escape`` and f-strings keep the report in the core install.

Contract with the browser test: every chart container has ``data-chart="<id>"``; once vega-embed
has drawn it, ``data-rendered="true"`` and ``data-rows="<rows drawn>"``; when all are done,
``document.body.dataset.chartsRendered`` is the number of charts drawn.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import NonalignedError
from ..measures.readings import shift_reading
from ..output import csv_safe_text
from .charts import chart_rows, specs
from .claims import claims_sections
from .parts import _empty, _f, _how, _howto, _neighbours, _reading, _split_lead, _table

VENDOR = ("vega-6.4.0.min.js", "vega-lite-6.5.0.min.js", "vega-embed-7.3.0.min.js")

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
 max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 6px;border-bottom:1px solid #ddd;
 padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
.sub{color:#555;margin:0 0 18px}.cards{display:flex;flex-wrap:wrap;gap:14px;margin:8px 0}
.card{flex:1 1 230px;border:1px solid #ddd;border-radius:8px;padding:12px 14px;background:#fafafa}
.card .k{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#666}
.card .v{font-size:24px;font-weight:600;margin:2px 0}.card .d{font-size:12.5px;color:#444}
.explain{color:#444;margin:4px 0 10px;max-width:900px}
.empty{border:1px dashed #bbb;border-radius:6px;padding:14px;color:#555;background:#fcfcfc}
.csv{font-size:12.5px;margin:4px 0 0}.csv a{color:#0b5cad}
table{border-collapse:collapse;font-size:12.5px;margin:6px 0;width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
mark{background:#ffe58a;padding:0 1px}pre{background:#f6f6f6;padding:8px;font-size:11.5px;
 white-space:pre-wrap;border-radius:4px}footer{margin-top:40px;font-size:12.5px;color:#444}
.chart-error{color:#a00}
.lead{border:2px solid #3a6ea5;border-radius:8px;padding:12px 16px;margin:8px 0 12px;background:#f5f9fd}
.lead .reading{font-size:17px;font-weight:600;margin:0 0 6px}.reading{margin:4px 0;color:#1d1d1f}
.card .reading{font-size:12.5px;color:#1d1d1f;margin-top:6px}.thin{color:#8a5a00}
details.howto{font-size:12.5px;color:#444;margin:4px 0 8px}details.howto summary{cursor:pointer;
 color:#0b5cad}details#references summary{cursor:pointer;font-weight:600}
"""

JS = """
(function () {
  var charts = JSON.parse(document.getElementById("report-charts").textContent);
  var ids = Object.keys(charts);
  var opts = {renderer: "svg",
              actions: {export: true, source: false, compiled: false, editor: false}};
  Promise.all(ids.map(function (id) {
    var el = document.querySelector('[data-chart="' + id + '"]');
    return vegaEmbed(el, charts[id].spec, opts).then(function () {
      el.dataset.rows = String(charts[id].rows);
      el.dataset.rendered = "true";
    }).catch(function (err) {
      el.dataset.rendered = "false";
      el.dataset.error = String(err);
      var p = document.createElement("p");
      p.className = "chart-error";
      p.textContent = "This chart could not be drawn: " + err;
      el.appendChild(p);
    });
  })).then(function () {
    document.body.dataset.chartsRendered =
      String(document.querySelectorAll('[data-rendered="true"]').length);
  });
})();
"""


def _script_safe(js: str) -> str:
    """JavaScript that cannot end its <script> element early (``</script`` -> ``<\\/script``)."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _json_script(value: Any) -> str:
    """JSON for a <script type="application/json">: strict (no NaN) and with ``<`` escaped."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def vendor_scripts() -> str:
    """The vendored Vega, Vega-Lite and vega-embed builds as inline <script> elements."""
    folder = resources.files("nonaligned.report") / "vendor"
    out = []
    for name in VENDOR:
        try:
            js = (folder / name).read_text(encoding="utf-8")
        except OSError as exc:  # a broken install: the report cannot draw charts without them
            raise NonalignedError(f"vendored script {name} is missing ({exc}): reinstall") from exc
        out.append(f'<script data-vendor="{escape(name)}">\n{_script_safe(js)}\n</script>')
    return "\n".join(out)


def _interval(d: dict[str, Any] | None, v: str = "value", lo: str = "lo", hi: str = "hi") -> str:
    if not d or d.get(v) is None:
        return "—"
    return f"{_f(d[v])} <span class=d>[{_f(d.get(lo))}, {_f(d.get(hi))}]</span>"


def csv_href(rows: list[dict[str, Any]]) -> str:
    """A ``data:text/csv`` URL holding ``rows`` (columns: the union of keys, in first-seen order)."""
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if v is None else csv_safe_text(v)) for k, v in r.items()})
    return "data:text/csv;charset=utf-8," + quote(buf.getvalue())


def _chart(
    cid: str, charts: dict[str, dict[str, Any]], data: dict[str, Any], iso3: str, reason: str
) -> str:
    if cid not in charts:
        return _empty(reason)
    inline = (charts[cid].get("data") or {}).get("values")
    rows = inline if isinstance(inline, list) else chart_rows(data, cid)
    fname = f"{iso3.lower()}-{cid}.csv"
    return (
        f'<div class="chart" data-chart="{cid}" id="chart-{cid}"></div>'
        f'<p class="csv"><a download="{escape(fname)}" href="{escape(csv_href(rows))}">CSV</a>'
        f" ({len(rows)} rows) · SVG/PNG: the chart's ⋯ menu</p>"
    )


def _headline(data: dict[str, Any]) -> str:
    h = data["headline"]
    b = h.get("balance")
    bp = h.get("balance_period") or {}
    bs = h.get("biggest_shift")
    cards = []
    if b:
        cards.append(
            f'<div class="card"><div class="k">Balance index, {b["year"]}</div>'
            f'<div class="v">{_interval(b)}</div><div class="d">{b["n_votes"]} roll calls; '
            f"whole period {_interval(bp)} over {escape(', '.join(bp.get('poles') or []))}. "
            "1 = equidistant, 0 = inside one camp.</div>"
            f"{_reading(data, 'balance_latest')}{_reading(data, 'balance')}"
            f"{_howto(_how(data, 'balance'))}</div>"
        )
    else:
        cards.append(
            '<div class="card"><div class="k">Balance index</div><div class="v">—</div>'
            '<div class="d">needs at least two balance poles among the poles</div></div>'
        )
    if bs:
        heading, text = shift_reading(bs)
        cards.append(
            f'<div class="card"><div class="k">{escape(heading)}</div>'
            f'<div class="v">{bs["shift"]:+.2f} <span class=d>on {escape(str(bs["date"]))}</span>'
            f'</div><div class="d">{escape(text)}; '
            f"the change falls between {escape(str(bs['date_low']))} and "
            f"{escape(str(bs['date_high']))} (p = {_f(bs['p_value'], 3)})</div></div>"
        )
    else:
        cards.append(
            '<div class="card"><div class="k">Biggest change</div><div class="v">none</div>'
            '<div class="d">no change point passed the test (p &lt; 0.01)</div></div>'
        )
    leans = [r for k, r in (data.get("readings") or {}).items() if k.startswith("lean:")]
    lean_html = ""
    if leans:
        items = "".join(
            f'<li class="{"thin" if r.get("thin") else ""}">{escape(str(r["text"]))}</li>'
            for r in leans
        )
        lean_html = (
            "<h3>How its votes compare with each pole</h3><ul>"
            + items
            + "</ul>"
            + _howto(leans[0].get("how_to_read"))
        )
    return _split_lead(data) + '<div class="cards">' + "".join(cards) + "</div>" + lean_html


def _sentence_html(r: dict[str, Any]) -> str:
    s = str(r.get("sentence") or "")
    a, b = r.get("start"), r.get("end")
    if isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s):
        return f"{escape(s[:a])}<mark>{escape(s[a:b])}</mark>{escape(s[b:])}"
    return escape(s)


def _doc_link(r: dict[str, Any]) -> str:
    title = escape(str(r.get("title") or r.get("doc_id") or "document"))
    doc = escape(str(r.get("doc_id") or ""))
    url = r.get("url")
    if url and str(url).startswith(("http://", "https://")):
        return f'<a href="{escape(str(url))}" title="{doc}">{title}</a>'
    path = r.get("path")
    if path and Path(str(path)).is_absolute():
        return f'<a href="{escape(Path(str(path)).as_uri())}" title="{doc}">{title}</a>'
    if path:
        return f"{title}<br><code>{escape(str(path))}</code>"
    return f"{title}<br><code>{doc[:16]}</code>"


def _top_events(data: dict[str, Any], reason: str) -> str:
    rows = data.get("top_events") or []
    if not rows:
        return _empty(reason)
    body = []
    for r in rows:
        # a reciprocal action coded in both directions is one row (measures.event_series)
        arrow = "↔" if r.get("mutual") else "→"
        who = f"{r.get('actor') or '?'} {arrow} {r.get('recipient') or '—'}"
        # PLOVER does not code public statements (CAMEO 01x): name them rather than leave a blank
        event = r.get("event") or (
            "statement" if str(r.get("cameo") or "").startswith("01") else ""
        )
        body.append(
            "<tr>"
            f"<td>{escape(str(r.get('date') or '—'))}</td><td>{escape(who)}</td>"
            f"<td>{escape(str(event))}<br><code>{escape(str(r.get('cameo')))}</code>"
            f'</td><td class="num">{_f(r.get("goldstein"), 1)}</td>'
            f'<td class="num">{r.get("mentions")}</td>'
            f'<td class="sentence">{_sentence_html(r)}</td><td>{_doc_link(r)}</td></tr>'
        )
    return (
        '<table id="top-events"><thead><tr><th>date</th><th>actor → recipient</th>'
        "<th>event (CAMEO)</th><th>Goldstein</th><th>documents</th><th>sentence (trigger "
        "highlighted)</th><th>document</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
        + f'<p class="csv"><a download="{escape(data["state"]["iso3"].lower())}-top-events.csv" '
        f'href="{escape(csv_href(rows))}">CSV</a> ({len(rows)} rows)</p>'
    )


def render(data: dict[str, Any], charts: dict[str, dict[str, Any]] | None = None) -> str:
    """The report as one HTML string; ``charts`` defaults to :func:`charts.specs` of ``data``.

    ``data`` is :func:`nonaligned.report.data.report_data`'s dict. Sections without data say
    why instead of drawing an empty chart.
    """
    charts = specs(data) if charts is None else charts
    st = data["state"]
    name, iso3 = str(st["name"]), str(st["iso3"])
    period = data.get("period") or {}
    first = period.get("since") or period.get("first_vote")
    last = period.get("until") or period.get("last_vote")
    if first or last:
        span = f"{first or '?'} – {last or '?'}"
        if period.get("last_vote") and last and period["last_vote"] < last:
            span += f" (last UN vote {period['last_vote']})"
    else:
        span = "no recorded UN vote"
    no_events = not data.get("events_coded", True)
    ev_reason = (
        "no news events are coded in this store (run `nonaligned ingest --code PATH` first)"
        if no_events
        else f"no asserted news event links {name} with a partner in the period"
    )
    top_reason = ev_reason if no_events else f"no asserted news event involves {name} in the period"
    cps = data.get("change_points") or []
    cp_note = (
        "<p class=explain>No change point: no shift in agreement with any pole, nor in the "
        "yearly balance, passed the permutation test (p &lt; 0.01).</p>"
        if not cps
        else _table(
            cps,
            [
                ("label", "in"),
                ("date", "date"),
                ("date_low", "earliest"),
                ("date_high", "latest"),
                ("before", "before"),
                ("after", "after"),
                ("shift", "shift"),
                ("p_value", "p"),
            ],
        )
    )
    peers = data.get("peers") or []
    peer_html = ""
    if peers:
        pcols = [("state", "state")] + [
            (k, k.removeprefix("s_")) for k in peers[0] if k.startswith("s_")
        ]
        pcols += [("balance", "balance"), ("balance_lo", "low"), ("balance_hi", "high")]
        peer_html = "<h3>Peers over the same period (S with each pole; balance)</h3>" + _table(
            peers, pcols
        )
    versions = _table(
        data.get("versions") or [],
        [
            ("name", "dataset"),
            ("title", "title"),
            ("version", "version"),
            ("rows", "rows"),
            ("licence", "licence"),
        ],
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in data.get("notes", []))
    cites = "".join(
        f"<h3>{escape(c['name'])}</h3><pre>{escape(c['bibtex'])}</pre>"
        for c in data.get("citations", [])
    )
    cite_names = ", ".join(escape(c["name"]) for c in data.get("citations", []))
    payload = {
        cid: {"spec": spec, "rows": len(spec.get("data", {}).get("values", []))}
        for cid, spec in charts.items()
    }
    sections = [
        (
            "neighbours",
            "Nearest states",
            "The states whose votes are most like this state's over the period, by the share of "
            "identical votes on the roll calls both voted on.",
            _neighbours(data, name),
        ),
        (
            "similarity",
            "UN-vote similarity with each pole",
            "S per year with its 95% bootstrap band over the year's roll calls; below, the distance "
            "between ideal points. Click a pole in a legend to isolate it.",
            _chart(
                "similarity",
                charts,
                data,
                iso3,
                f"{name} cast no vote on a roll call with a pole's vote in the period",
            )
            + _chart(
                "distance",
                charts,
                data,
                iso3,
                f"no ideal point is estimated for {name} and a pole in the period's years",
            ),
        ),
        (
            "balance",
            "Balance index and change points",
            "The balance index per year with its 95% band; rules mark change points, the shaded "
            "spans their date confidence sets.",
            _chart(
                "balance",
                charts,
                data,
                iso3,
                "the balance needs at least two balance poles among the chosen poles",
            )
            + cp_note,
        ),
        (
            "memberships",
            "Bloc memberships",
            "Every curated bloc spell of the state, by status.",
            _chart("memberships", charts, data, iso3, f"{name} has no spell in the curated blocs"),
        ),
        (
            "events",
            "Cooperation and conflict in the news, by partner and month",
            "Asserted events coded from the ingested news, both directions folded onto the "
            "partner.",
            _chart("events", charts, data, iso3, ev_reason),
        ),
        (
            "network",
            "Ego network of partners",
            "Partners in the news: closer to the centre = larger share of cooperation.",
            _chart("network", charts, data, iso3, ev_reason),
        ),
        (
            "top-events",
            "Top events",
            "Most reported first, then the most intense; the sentence each was coded from, with "
            "the trigger highlighted, and its document.",
            _top_events(data, top_reason),
        ),
    ]
    sections += claims_sections(data)  # issue 15: only when data["claims"] is set (the CLI)
    body = "".join(
        f'<section id="{sid}"><h2>{escape(title)}</h2><p class="explain">{escape(expl)}</p>'
        f"{content}</section>"
        for sid, title, expl, content in sections
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nonaligned {escape(str(data.get("nonaligned", "")))}">
<title>{escape(name)}: foreign-policy alignment report</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{escape(name)}: foreign-policy alignment</h1>
<p class="sub">ISO3 {escape(iso3)} · COW {st["cow"]} · period {escape(span)} ·
made by nonaligned {escape(str(data.get("nonaligned", "")))}</p>
</header>
<section id="headline"><h2>In brief</h2>{_headline(data)}{peer_html}</section>
{body}
<footer id="foot">
<h2>Data versions</h2>{versions}
<h2>Method notes</h2><ul>{notes}</ul>
<details id="references"><summary>References (BibTeX): {cite_names}</summary>{cites}
</details>
</footer>
<script type="application/json" id="report-data">{_json_script(data)}</script>
<script type="application/json" id="report-charts">{_json_script(payload)}</script>
{vendor_scripts()}
<script>{_script_safe(JS)}</script>
</body>
</html>
"""


def check_target(path: Path) -> Path:
    """``path`` if a report can be written there, else :class:`NonalignedError` saying why.

    Called before the work starts, so that a typo in ``-o`` fails at once, not after the
    measures are computed.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise NonalignedError(f"cannot write the report to {target}: it is a folder; name a file")
    folder = target.parent
    if not folder.is_dir():
        raise NonalignedError(
            f"cannot write the report to {target}: folder {folder} does not exist"
        )
    if not os.access(folder, os.W_OK):
        raise NonalignedError(f"cannot write the report to {target}: folder {folder} is read-only")
    return target


def write_report(path: Path, html: str) -> Path:
    """Write ``html`` to ``path`` atomically (a temporary file in the same folder, then
    ``os.replace``), so a reader never sees half a report; returns the absolute path.

    Raises :class:`NonalignedError` when the path is a folder, its folder does not exist, or it
    cannot be written.
    """
    target = check_target(path)
    folder = target.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        Path(tmp).chmod(0o644)  # mkstemp makes 0600; a report is meant to be shared
        Path(tmp).replace(target)
        tmp = None
    except OSError as exc:
        raise NonalignedError(
            f"cannot write the report to {target}: {exc.strerror or exc}"
        ) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
    return target.resolve()


__all__ = ["VENDOR", "check_target", "csv_href", "render", "vendor_scripts", "write_report"]
