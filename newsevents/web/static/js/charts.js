// Charts (Chart.js) and the counterpart network (Cytoscape). Data comes from <script type="application/json">
// blocks rendered by the server; labels are drawn on canvas, never inserted as HTML.
(function () {
  "use strict";
  const QUAD = { 1: "#4e9bd6", 2: "#1f6fb2", 3: "#f0a04b", 4: "#c8372d" };
  function data(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  const base = { responsive: true, maintainAspectRatio: false, animation: false,
    interaction: { mode: "index", intersect: false }, plugins: { legend: { position: "bottom" } } };

  const weekly = data("weekly-data");
  if (weekly && window.Chart) {
    new Chart(document.getElementById("weekly-chart"), {
      type: "bar",
      data: { labels: weekly.labels, datasets: weekly.series.map(function (s) {
        return { label: s.quad + " " + s.name, data: s.data, backgroundColor: QUAD[s.quad], stack: "q" }; }) },
      options: Object.assign({}, base, { scales: { x: { stacked: true, title: { display: true, text: weekly.unit === "week" ? "week (Monday)" : "month" } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" } } } }),
    });
  }

  const tl = data("actor-timeline");
  if (tl && window.Chart) {
    new Chart(document.getElementById("actor-chart"), {
      type: "bar",
      data: { labels: tl.labels, datasets: [
        { label: "cooperation (quad 1-2)", data: tl.coop, backgroundColor: QUAD[2], stack: "c" },
        { label: "conflict (quad 3-4)", data: tl.conflict.map(function (v) { return -v; }), backgroundColor: QUAD[4], stack: "c" },
        { label: "mean Goldstein", data: tl.goldstein, type: "line", borderColor: "#555", yAxisID: "g", spanGaps: false, pointRadius: 2 },
      ] },
      options: Object.assign({}, base, { scales: {
        x: { stacked: true, title: { display: true, text: tl.unit } },
        y: { stacked: true, title: { display: true, text: "events (conflict below 0)" },
             ticks: { callback: function (v) { return Math.abs(v); } } },
        g: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "Goldstein" } },
      } }),
    });
  }

  const net = data("actor-network");
  const box = document.getElementById("network");
  if (net && box && window.cytoscape) {
    const max = Math.max.apply(null, net.nodes.map(function (n) { return n.n; }).concat([1]));
    const maxEdge = Math.max.apply(null, net.edges.map(function (e) { return e.n; }).concat([1]));
    const elements = net.nodes.map(function (n) { return { data: n }; }).concat(net.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, quad: e.quad, n: e.n, name: e.name } }; }));
    const cy = cytoscape({
      container: box, elements: elements, wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          width: function (n) { return 12 + 34 * Math.sqrt(n.data("n") / max); },
          height: function (n) { return 12 + 34 * Math.sqrt(n.data("n") / max); },
          "background-color": "#8795a8", color: "#1d2330" } },
        { selector: "node[?self]", style: { "background-color": "#1d2330", "font-weight": "bold", "font-size": 12 } },
        { selector: "edge", style: { "curve-style": "bezier", opacity: 0.8,
          width: function (e) { return 1 + 6 * e.data("n") / maxEdge; },
          "line-color": function (e) { return QUAD[e.data("quad")] || "#999"; } } },
      ],
      layout: { name: "concentric", concentric: function (n) { return n.data("self") ? 1000 : n.data("n"); },
        levelWidth: function () { return Math.max(1, max / 4); }, minNodeSpacing: 18, animate: false },
    });
    cy.on("tap", "node", function (ev) {
      const key = ev.target.id();
      if (!ev.target.data("self")) window.location.href = "/actor?key=" + encodeURIComponent(key);
    });
    box.setAttribute("data-ready", String(cy.nodes().length));
  }
})();
