/* nonaligned dashboard: draws the Vega-Lite charts a page lists, and marks when they are drawn.
 *
 * Each chart is a container <div data-chart="ID"> and a <script type="application/json"
 * id="spec-ID"> holding its spec (JSON, never executed). When a chart has rendered, its container
 * gets data-rendered="true" and data-rows="<rows of data in the spec>"; when all have settled,
 * <body data-charts-rendered="<number rendered>">, so browser tests can wait for them.
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
      return window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (res) {
        const top = spec.data && Array.isArray(spec.data.values) ? spec.data.values : null;
        el.dataset.rows = String(top ? top.length : countRows(spec));
        if (top && top.length && top[0] && "year" in top[0]) {
          const years = Array.from(new Set(top.map(function (r) { return r.year; })))
            .filter(function (y) { return typeof y === "number"; }).sort();
          el.dataset.years = JSON.stringify(years);
        }
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
