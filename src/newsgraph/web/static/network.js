/* Actor network: the server picks the top actors and lays them out in the unit square (networkx);
   this script scales that into the SVG, keeping every node and label inside the view. */
"use strict";
(function () {
  var box = document.getElementById("network");
  var form = document.getElementById("network-filters");
  var detail = document.getElementById("edge-detail");
  var status = document.getElementById("network-status");
  var focusId = document.getElementById("focus-id");
  var focusBox = document.getElementById("focus-box");
  var NODE_COLOURS = { PERSON: "#1565c0", ORG: "#6a1b9a", GPE: "#2e7d32", LOC: "#8d6e63" };
  var LABELLED = 60;  /* at most this many labels, most-connected actors first; all names show on hover */

  function radius(n, maxDeg) { return 5 + 11 * Math.sqrt((n.degree || 1) / Math.max(maxDeg, 1)); }

  function draw(data) {
    Desk.clear(box);
    var n = data.nodes.length;
    var width = Math.max(box.clientWidth, 500), height = Math.max(420, Math.min(720, 220 + 10 * n));
    var root = Desk.svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
                                 role: "img", "aria-label": "actor network", id: "network-svg" });
    box.appendChild(root);
    if (!n) {
      root.appendChild(Desk.svg("text", { x: 20, y: 40, "class": "empty" }, "No events with both actors known for this filter."));
      return;
    }
    var maxDeg = Math.max.apply(null, data.nodes.map(function (d) { return d.degree; }));
    var left = 30, right = 150, top = 30, bottom = 30;
    var byId = {}, pos = {}, rank = {};
    data.nodes.forEach(function (d, i) {
      byId[d.id] = d; rank[d.id] = i;
      pos[d.id] = { x: left + d.x * (width - left - right), y: top + d.y * (height - top - bottom) };
    });
    var defs = Desk.svg("defs");
    root.appendChild(defs);
    var colours = {};
    data.edges.forEach(function (e) { colours[e.type] = e.colour; });
    Object.keys(colours).forEach(function (t) {
      var m = Desk.svg("marker", { id: "arrow-" + t, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6,
                                   markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
      m.appendChild(Desk.svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colours[t] }));
      defs.appendChild(m);
    });
    var seen = {};
    var edgeLayer = Desk.svg("g", { "class": "edges" });
    root.appendChild(edgeLayer);
    data.edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      var pair = [e.source, e.target].sort().join("|");
      var nth = seen[pair] = (seen[pair] || 0) + 1;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var rb = radius(byId[e.target], maxDeg) + 2, ra = radius(byId[e.source], maxDeg);
      var sx = a.x + dx / d * ra, sy = a.y + dy / d * ra, tx = b.x - dx / d * rb, ty = b.y - dy / d * rb;
      var bend = (nth - 1) * 14 * (nth % 2 ? 1 : -1) * (e.source < e.target ? 1 : -1) + (e.source < e.target ? 6 : -6);
      var mx = (sx + tx) / 2 - dy / d * bend, my = (sy + ty) / 2 + dx / d * bend;
      var p = Desk.svg("path", { d: "M" + sx + "," + sy + " Q" + mx + "," + my + " " + tx + "," + ty, stroke: e.colour,
                                 "class": "edge", "marker-end": "url(#arrow-" + e.type + ")", "data-type": e.type,
                                 "data-count": e.count, "stroke-width": Math.min(1.2 + Math.log2(e.count), 6).toFixed(1) });
      p.appendChild(Desk.svg("title", {}, e.type + " × " + e.count + ": " + byId[e.source].name + " → " + byId[e.target].name));
      p.addEventListener("click", function () { showEdge(e, byId); });
      edgeLayer.appendChild(p);
    });
    var nodeLayer = Desk.svg("g", { "class": "nodes" });
    root.appendChild(nodeLayer);
    data.nodes.forEach(function (d) {
      var p = pos[d.id], r = radius(d, maxDeg);
      var g = Desk.svg("g", { "class": "node" + (d.focus ? " focus" : ""), "data-id": d.id, transform: "translate(" + p.x + "," + p.y + ")" });
      var c = Desk.svg("circle", { r: r, fill: NODE_COLOURS[d.type] || "#616161" });
      c.appendChild(Desk.svg("title", {}, d.name + " (" + d.type + "), " + d.degree + " event(s); click to focus"));
      g.appendChild(c);
      g.addEventListener("click", function () { setFocus(d.id, d.name); });
      nodeLayer.appendChild(g);
    });
    placeLabels(nodeLayer, data.nodes, pos, maxDeg, width);
  }

  /* Labels in degree order (the focus first): right of the node, or left of it when that would leave the
     view; a label that would overlap one already placed is left out (the node's tooltip still names it). */
  function placeLabels(layer, nodes, pos, maxDeg, width) {
    var placed = [], order = nodes.slice().sort(function (a, b) { return (b.focus ? 1 : 0) - (a.focus ? 1 : 0); });
    var circles = nodes.map(function (d) {
      var r = radius(d, maxDeg), p = pos[d.id];
      return { id: d.id, x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r };
    });
    order.forEach(function (d, i) {
      if (i >= LABELLED && !d.focus) return;
      var g = layer.querySelector("g.node[data-id='" + CSS.escape(d.id) + "']"), r = radius(d, maxDeg), p = pos[d.id];
      var t = Desk.svg("text", { x: r + 3, y: 4 }, d.name);
      g.appendChild(t);
      var w = t.getComputedTextLength(), x0 = p.x + r + 3;
      if (x0 + w > width - 4) { t.setAttribute("x", -(r + 3)); t.setAttribute("text-anchor", "end"); x0 = p.x - r - 3 - w; }
      var box = { x0: x0 - 2, x1: x0 + w + 2, y0: p.y - 8, y1: p.y + 6 };
      var hits = function (b) { return box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1; };
      /* the hubs' labels may cross other nodes (they matter most); the rest keep clear of them */
      var clash = placed.some(hits) || (i >= 10 && circles.some(function (c) { return c.id !== d.id && hits(c); }));
      if (clash && !d.focus) { g.removeChild(t); return; }
      placed.push(box);
    });
  }

  function setFocus(id, name) {
    focusId.value = id || "";
    history.replaceState(null, "", "?" + Desk.formQuery(form));
    load();
  }

  function showEdge(e, byId) {
    Desk.clear(detail);
    var h = Desk.html("h3");
    h.appendChild(document.createTextNode(e.type + " · " + e.count + " story event(s)"));
    detail.appendChild(h);
    var p = Desk.html("p");
    p.appendChild(Desk.entityLink(e.source, byId[e.source].name));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(Desk.entityLink(e.target, byId[e.target].name));
    detail.appendChild(p);
    var ul = Desk.html("ul", { "class": "plain" });
    e.events.forEach(function (ev) {
      var li = Desk.html("li");
      li.appendChild(Desk.link("/events/" + encodeURIComponent(ev.id), (ev.date || "undated") + " · " + ev.n_sources + " independent source(s)"));
      ul.appendChild(li);
    });
    detail.appendChild(ul);
    if (e.evidence) detail.appendChild(Desk.html("div", { "class": "evidence" }, "“" + e.evidence + "”"));
  }

  function load() {
    var query = Desk.formQuery(form);
    return Desk.getJSON(box.getAttribute("data-api") + (query ? "?" + query : "")).then(function (data) {
      var colours = {};
      data.edges.forEach(function (e) { colours[e.type] = e.colour; });
      Desk.legend(document.getElementById("legend"), colours);
      box.setAttribute("data-nodes", String(data.nodes.length));
      box.setAttribute("data-edges", String(data.edges.length));
      status.textContent = data.nodes.length + " of " + data.total_nodes + " actors, " + data.edges.length +
        " arrows for " + data.total_edges + " story events in this filter" +
        (data.hidden_isolates ? "; " + data.hidden_isolates + " isolated actor(s) hidden" : "") + ".";
      focusBox.hidden = !data.focus;
      if (data.focus) {
        document.getElementById("focus-name").textContent = "";
        document.getElementById("focus-name").appendChild(Desk.entityLink(data.focus.id, data.focus.name));
      }
      Desk.clear(detail);
      draw(data);
    }).catch(function (err) { box.textContent = String(err); });
  }

  document.getElementById("focus-clear").addEventListener("click", function () { setFocus(""); });
  form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "?" + Desk.formQuery(form)); load(); });
  Desk.fillForm(form);
  load();
})();
