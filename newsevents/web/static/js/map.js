// Map: Natural Earth country outlines (bundled TopoJSON) in an equirectangular SVG, events as circles.
// No tile server. Names go into the DOM through textContent / attributes only.
(function () {
  "use strict";
  const box = document.getElementById("map");
  if (!box) return;
  const QUAD = { 1: "#4e9bd6", 2: "#1f6fb2", 3: "#f0a04b", 4: "#c8372d" };
  const NS = "http://www.w3.org/2000/svg";
  const W = 1000, H = 500, K = W / 360; // lon -180..180, lat 90..-90
  const x = function (lon) { return (lon + 180) * K; };
  const y = function (lat) { return (90 - lat) * K; };
  function el(name, attrs) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  // Rings that cross the antimeridian are unwrapped (longitudes kept continuous) and drawn again one
  // world-width over, so both halves show and no stripe is drawn across the map.
  function unwrap(ring) {
    const out = []; let shift = 0, prev = null;
    for (const p of ring) {
      if (prev !== null && Math.abs(p[0] - prev) > 180) shift += p[0] < prev ? 360 : -360;
      out.push([p[0] + shift, p[1]]); prev = p[0];
    }
    return out;
  }
  function ringPath(ring, dx) {
    return ring.map(function (p, i) {
      return (i ? "L" : "M") + x(p[0] + dx).toFixed(1) + "," + y(p[1]).toFixed(1);
    }).join("") + "Z";
  }
  function geomPath(g) {
    if (!g) return "";
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    let d = "";
    for (const poly of polys) {
      const rings = poly.map(unwrap);
      const lons = rings[0].map(function (p) { return p[0]; });
      const shifts = [0];
      if (Math.max.apply(null, lons) > 180) shifts.push(-360);
      if (Math.min.apply(null, lons) < -180) shifts.push(360);
      for (const dx of shifts) d += rings.map(function (r) { return ringPath(r, dx); }).join("");
    }
    return d;
  }
  const svg = el("svg", { viewBox: "0 " + y(84) + " " + W + " " + (y(-58) - y(84)), role: "img", "aria-label": "map of events" });
  const land = el("g", {}), dots = el("g", {});
  svg.appendChild(land); svg.appendChild(dots); box.appendChild(svg);

  Promise.all([
    fetch("/static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); }),
    fetch(box.getAttribute("data-api")).then(function (r) { return r.json(); }),
  ]).then(function (res) {
    const topo = res[0], data = res[1];
    const countries = topojson.feature(topo, topo.objects.countries).features;
    for (const c of countries) {
      const p = el("path", { d: geomPath(c.geometry), class: "country", "data-tip": c.properties.name });
      land.appendChild(p);
    }
    const max = Math.max.apply(null, data.points.map(function (p) { return p.n; }).concat([1]));
    for (const p of data.points) {
      const quads = [p.q1, p.q2, p.q3, p.q4];
      const top = quads.indexOf(Math.max.apply(null, quads)) + 1;
      const c = el("circle", { cx: x(p.lon).toFixed(1), cy: y(p.lat).toFixed(1), r: (2 + 14 * Math.sqrt(p.n / max)).toFixed(1),
        fill: QUAD[top] || "#999", class: "event-dot",
        "data-tip": (p.name || "?") + (p.country ? " (" + p.country + ")" : "") + "\n" + p.n + " events: " +
          p.q1 + " verbal coop., " + p.q2 + " material coop., " + p.q3 + " verbal conflict, " + p.q4 + " material conflict" });
      c.addEventListener("click", function () {
        const url = new URL(box.getAttribute("data-events"), window.location.href);
        if (p.name) url.searchParams.set("place", p.name);
        window.location.href = url.pathname + url.search;
      });
      dots.appendChild(c);
    }
    document.getElementById("map-summary").textContent = data.geocoded.toLocaleString() + " of " +
      data.total.toLocaleString() + " events have coordinates; " + data.points.length + " places shown. Scroll to zoom, drag to pan, click a circle for its events.";
    box.setAttribute("data-ready", String(data.points.length));
  }).catch(function (err) {
    document.getElementById("map-summary").textContent = "Could not load the map: " + err;
  });

  // Zoom (wheel) and pan (drag) by changing the viewBox.
  let vb = svg.getAttribute("viewBox").split(" ").map(Number), drag = null;
  function setVB() { svg.setAttribute("viewBox", vb.map(function (v) { return v.toFixed(2); }).join(" ")); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const r = svg.getBoundingClientRect(), f = ev.deltaY > 0 ? 1.2 : 1 / 1.2;
    const mx = vb[0] + (ev.clientX - r.left) / r.width * vb[2], my = vb[1] + (ev.clientY - r.top) / r.height * vb[3];
    vb = [mx - (mx - vb[0]) * f, my - (my - vb[1]) * f, vb[2] * f, vb[3] * f]; setVB();
    dots.querySelectorAll("circle").forEach(function (c) { c.style.strokeWidth = (0.5 * vb[2] / W) + "px"; });
  }, { passive: false });
  svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY, vb[0], vb[1]]; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    vb[0] = drag[2] - (ev.clientX - drag[0]) / r.width * vb[2];
    vb[1] = drag[3] - (ev.clientY - drag[1]) / r.height * vb[3]; setVB();
  });
})();
