/* Zoomable SVG timeline of story events: x = date, one lane per PLOVER type, radius = independent sources. */
"use strict";
(function () {
  var box = document.getElementById("timeline");
  var form = document.getElementById("timeline-filters");
  var detail = document.getElementById("event-detail");
  var DAY = 86400000;
  var state = { items: [], lanes: [], lo: 0, hi: 1, full: [0, 1] };
  var M = { left: 110, right: 24, top: 28, bottom: 34 }, LANE = 34;

  function ms(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function mid(item) { return (ms(item.start) + ms(item.end) + DAY) / 2; }

  function ticks(lo, hi, width) {
    var span = hi - lo, n = Math.max(2, Math.floor(width / 110)), step = span / n;
    var units = [DAY, 7 * DAY, 30.44 * DAY, 91.3 * DAY, 365.25 * DAY, 2 * 365.25 * DAY, 5 * 365.25 * DAY, 10 * 365.25 * DAY];
    var unit = units.find(function (u) { return u >= step; }) || units[units.length - 1];
    var out = [], d = new Date(lo), t;
    if (unit >= 365 * DAY) {
      var years = Math.round(unit / (365.25 * DAY));
      var y = Math.ceil(d.getUTCFullYear() / years) * years;
      for (t = Date.UTC(y, 0, 1); t <= hi; y += years, t = Date.UTC(y, 0, 1)) out.push([t, String(y)]);
    } else if (unit >= 28 * DAY) {
      var months = Math.round(unit / (30.44 * DAY)), yy = d.getUTCFullYear(), mm = d.getUTCMonth() + 1;
      for (t = Date.UTC(yy, mm, 1); t <= hi; mm += months, t = Date.UTC(yy, mm, 1)) {
        var dt = new Date(t);
        out.push([t, dt.getUTCFullYear() + "-" + String(dt.getUTCMonth() + 1).padStart(2, "0")]);
      }
    } else {
      for (t = Math.ceil(lo / unit) * unit; t <= hi; t += unit) out.push([t, new Date(t).toISOString().slice(0, 10)]);
    }
    return out;
  }

  function draw() {
    Desk.clear(box);
    var width = Math.max(box.clientWidth, 500);
    var height = M.top + M.bottom + Math.max(1, state.lanes.length) * LANE;
    var root = Desk.svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
                                 role: "img", "aria-label": "timeline of story events", id: "timeline-svg" });
    box.appendChild(root);
    if (!state.items.length) {
      root.appendChild(Desk.svg("text", { x: 20, y: 40, "class": "empty" }, "No dated story events for this filter."));
      return;
    }
    var inner = width - M.left - M.right;
    var x = function (t) { return M.left + (t - state.lo) / (state.hi - state.lo) * inner; };
    var axis = Desk.svg("g", { "class": "axis" });
    root.appendChild(axis);
    ticks(state.lo, state.hi, inner).forEach(function (tk) {
      var px = x(tk[0]);
      if (px < M.left || px > width - M.right) return;
      axis.appendChild(Desk.svg("line", { x1: px, x2: px, y1: M.top - 6, y2: height - M.bottom, "stroke-dasharray": "2,3" }));
      axis.appendChild(Desk.svg("text", { x: px, y: height - M.bottom + 16, "text-anchor": "middle" }, tk[1]));
    });
    state.lanes.forEach(function (lane, i) {
      var y = M.top + i * LANE + LANE / 2;
      axis.appendChild(Desk.svg("line", { x1: M.left, x2: width - M.right, y1: y, y2: y }));
      root.appendChild(Desk.svg("text", { x: M.left - 8, y: y + 4, "text-anchor": "end", "class": "lane-label" }, lane));
    });
    var clip = Desk.svg("clipPath", { id: "plot-clip" });
    clip.appendChild(Desk.svg("rect", { x: M.left - 12, y: 0, width: inner + 24, height: height }));
    var defs = Desk.svg("defs");
    defs.appendChild(clip);
    root.appendChild(defs);
    var g = Desk.svg("g", { "clip-path": "url(#plot-clip)" });
    root.appendChild(g);
    state.items.forEach(function (it) {
      var y = M.top + state.lanes.indexOf(it.type) * LANE + LANE / 2;
      var x0 = x(ms(it.start)), x1 = x(ms(it.end) + DAY);
      if (x1 - x0 > 3) {  // a month or a year: show the span it covers
        g.appendChild(Desk.svg("rect", { x: x0, y: y - 2, width: x1 - x0, height: 4, fill: it.colour, opacity: 0.35 }));
      }
      var c = Desk.svg("circle", { cx: x(mid(it)), cy: y, r: 4 + 3 * Math.sqrt(it.n_sources || 1), fill: it.colour,
                                   "class": "ev", "data-id": it.id, tabindex: 0 });
      c.appendChild(Desk.svg("title", {}, it.type + " " + it.date + " · " + (it.source || "?") + " → " +
                                       (it.target || "?") + " · " + it.n_sources + " source(s)"));
      c.addEventListener("click", function () { show(it, c); });
      c.addEventListener("keydown", function (e) { if (e.key === "Enter") show(it, c); });
      g.appendChild(c);
    });
  }

  function show(it, circle) {
    Array.prototype.forEach.call(box.querySelectorAll("circle.selected"), function (n) { n.classList.remove("selected"); });
    circle.classList.add("selected");
    Desk.clear(detail);
    var h = Desk.html("h3");
    h.appendChild(Desk.link("/events/" + encodeURIComponent(it.id), it.type + " · " + it.date));
    detail.appendChild(h);
    var p = Desk.html("p");
    p.appendChild(Desk.entityLink(it.source_id, it.source));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(Desk.entityLink(it.target_id, it.target));
    p.appendChild(document.createTextNode((it.location ? " · at " + it.location : "") + " · " + it.n_sources + " independent source(s)"));
    detail.appendChild(p);
    (it.evidence || []).forEach(function (ev) { detail.appendChild(Desk.html("div", { "class": "evidence" }, "“" + ev + "”")); });
    var docs = Desk.html("p");
    (it.docs || []).forEach(function (d) { docs.appendChild(Desk.link("/articles/" + encodeURIComponent(d), d)); docs.appendChild(document.createTextNode(" ")); });
    detail.appendChild(docs);
  }

  function zoom(factor, centre) {
    var c = centre === undefined ? (state.lo + state.hi) / 2 : centre;
    var lo = c - (c - state.lo) * factor, hi = c + (state.hi - c) * factor;
    if (hi - lo < 2 * DAY) return;
    state.lo = lo; state.hi = hi; draw();
  }

  function load() {
    var query = Desk.formQuery(form);
    return Desk.getJSON(box.getAttribute("data-api") + (query ? "?" + query : "")).then(function (data) {
      state.items = data.items;
      state.lanes = data.types.filter(function (t) { return data.items.some(function (i) { return i.type === t; }); });
      if (data.items.length) {
        var lo = Math.min.apply(null, data.items.map(function (i) { return ms(i.start); }));
        var hi = Math.max.apply(null, data.items.map(function (i) { return ms(i.end) + DAY; }));
        var pad = Math.max((hi - lo) * 0.04, 15 * DAY);
        state.full = [lo - pad, hi + pad];
      } else {
        state.full = [0, 1];
      }
      state.lo = state.full[0]; state.hi = state.full[1];
      Desk.legend(document.getElementById("legend"), data.colours);
      var notes = [];
      if (data.total_dated > data.items.length)
        notes.push("Showing the " + data.items.length + " most-reported of " + data.total_dated + " dated story events: narrow the filter to see the rest.");
      if (data.total_undated) notes.push(data.total_undated + " story event(s) have no date and are not drawn.");
      document.getElementById("undated").textContent = notes.join(" ");
      box.setAttribute("data-count", String(data.items.length));
      draw();
    }).catch(function (err) { box.textContent = String(err); });
  }

  box.addEventListener("wheel", function (e) {
    e.preventDefault();
    var rect = box.getBoundingClientRect(), inner = rect.width - M.left - M.right;
    var t = state.lo + (e.clientX - rect.left - M.left) / inner * (state.hi - state.lo);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, t);
  }, { passive: false });
  var drag = null;
  box.addEventListener("mousedown", function (e) { drag = { x: e.clientX, lo: state.lo, hi: state.hi }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var inner = box.getBoundingClientRect().width - M.left - M.right;
    var dt = (e.clientX - drag.x) / inner * (drag.hi - drag.lo);
    if (Math.abs(e.clientX - drag.x) < 3) return;
    state.lo = drag.lo - dt; state.hi = drag.hi - dt; draw();
  });
  box.addEventListener("dblclick", function () { state.lo = state.full[0]; state.hi = state.full[1]; draw(); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 0.6); });
  document.getElementById("zoom-reset").addEventListener("click", function () { state.lo = state.full[0]; state.hi = state.full[1]; draw(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "?" + Desk.formQuery(form)); load(); });
  window.addEventListener("resize", draw);
  Desk.fillForm(form);
  load();
})();
