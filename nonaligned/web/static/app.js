/* nonaligned dashboard: draws the Vega-Lite charts a page lists, and marks when they are drawn.
 *
 * Each chart is a container <div data-chart="ID"> and a <script type="application/json"
 * id="spec-ID"> holding its spec (JSON, never executed). When a chart has rendered, its container
 * gets data-rendered="true" and data-rows="<rows of data in the spec>"; when all have settled,
 * <body data-charts-rendered="<number rendered>">, so browser tests can wait for them. Each chart
 * exports to SVG/PNG from its ⋯ menu, and one with inline rows gets a CSV link beneath it.
 * Everything is served by this server: no CDN, no network beyond it.
 */
(function () {
  "use strict";

  /* Rows of inline data in a spec: data.values, datasets and lookup tables, in every view. */
  function countRows(spec) {
    let n = 0;
    const seen = new Set();
    function visit(o) {
      if (!o || typeof o !== "object" || seen.has(o)) return;
      seen.add(o);
      if (Array.isArray(o)) { o.forEach(visit); return; }
      if (o.data && Array.isArray(o.data.values)) n += o.data.values.length;
      if (o.datasets) {
        for (const k of Object.keys(o.datasets)) {
          if (Array.isArray(o.datasets[k])) n += o.datasets[k].length;
        }
      }
      if (Array.isArray(o.transform)) {
        o.transform.forEach(function (t) {
          if (t && t.from && t.from.data && Array.isArray(t.from.data.values)) {
            n += t.from.data.values.length;
          }
        });
      }
      ["layer", "hconcat", "vconcat", "concat", "spec"].forEach(function (k) {
        if (o[k]) visit(o[k]);
      });
    }
    visit(spec);
    return n;
  }

  function specFor(id) {
    const node = document.getElementById("spec-" + id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  /* The chart's inline rows as CSV text (columns in first-seen order; RFC 4180 quoting). */
  function csvOf(rows) {
    const cols = [];
    rows.forEach(function (r) {
      Object.keys(r).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); });
    });
    function cell(v) {
      if (v === null || v === undefined) return "";
      const s = typeof v === "object" ? JSON.stringify(v) : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    return [cols.map(cell).join(",")].concat(rows.map(function (r) {
      return cols.map(function (k) { return cell(r[k]); }).join(",");
    })).join("\n") + "\n";
  }

  /* The spec's inline rows as CSV, taken before Vega parses (and so changes) them in place. */
  function csvFor(spec) {
    const rows = spec.data && Array.isArray(spec.data.values) ? spec.data.values : null;
    if (!rows || !rows.length || !rows[0] || typeof rows[0] !== "object") return null;
    return { text: csvOf(rows), rows: rows.length };
  }

  /* In a chart box, under the chart: a CSV download of its rows (SVG/PNG: the chart's menu). */
  function addCsvLink(el, id, csv) {
    if (!csv) return;
    const p = document.createElement("p");
    p.className = "csv";
    const a = document.createElement("a");
    a.textContent = "CSV";
    const slug = window.location.pathname.split("/").filter(Boolean).pop() || "chart";
    a.download = slug.toLowerCase().replace(/[^a-z0-9_-]/g, "") + "-" + id + ".csv";
    a.href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv.text);  // as the report
    p.appendChild(a);
    p.appendChild(document.createTextNode(
      " (" + csv.rows + " rows) · SVG/PNG: the chart's ⋯ menu"));
    el.appendChild(p);
  }

  function renderAll() {
    const boxes = Array.from(document.querySelectorAll("[data-chart]"));
    if (!boxes.length) { document.body.dataset.chartsRendered = "0"; return; }
    if (typeof window.vegaEmbed !== "function") {
      boxes.forEach(function (el) { el.dataset.error = "vega-embed did not load"; });
      document.body.dataset.chartsRendered = "0";
      document.body.dataset.chartsError = "vega-embed did not load";
      return;
    }
    const jobs = boxes.map(function (el) {
      const id = el.dataset.chart;
      const spec = specFor(id);
      if (!spec) {
        el.dataset.error = "no spec";
        return Promise.reject(new Error("no spec for " + id));
      }
      const csv = csvFor(spec);
      const opts = {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
      };
      return window.vegaEmbed(el, spec, opts).then(function (res) {
        const top = spec.data && Array.isArray(spec.data.values) ? spec.data.values : null;
        el.dataset.rows = String(top ? top.length : countRows(spec));
        if (top && top.length && top[0] && "year" in top[0]) {
          const years = Array.from(new Set(top.map(function (r) { return r.year; })))
            .filter(function (y) { return typeof y === "number"; }).sort();
          el.dataset.years = JSON.stringify(years);
        }
        addCsvLink(el, id, csv);
        el.dataset.rendered = "true";
        return res;
      }, function (err) {
        el.dataset.error = String(err && err.message ? err.message : err);
        el.textContent = "This chart could not be drawn: " + el.dataset.error;
        throw err;
      });
    });
    Promise.allSettled(jobs).then(function (results) {
      const ok = results.filter(function (r) { return r.status === "fulfilled"; }).length;
      document.body.dataset.chartsRendered = String(ok);
      if (ok < results.length) document.body.dataset.chartsFailed = String(results.length - ok);
    });
  }

  /* Highlight the table rows of one event type when its chip is clicked (event browser). */
  function wireFilters() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { wireFilters(); renderAll(); });
  } else {
    wireFilters();
    renderAll();
  }
})();
