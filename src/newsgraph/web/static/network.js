/* Actor network: a small force layout (repulsion, springs, gravity) drawn as SVG with typed, directed edges. */
"use strict";
(function () {
  var box = document.getElementById("network");
  var form = document.getElementById("network-filters");
  var detail = document.getElementById("edge-detail");
  var NODE_COLOURS = { PERSON: "#1565c0", ORG: "#6a1b9a", GPE: "#2e7d32", LOC: "#8d6e63" };

  /* Deterministic pseudo-random start so the same data gives the same picture. */
  function seeded(seed) { return function () { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; }; }

  function layout(nodes, edges, width, height) {
    var rand = seeded(42), k = Math.sqrt(width * height / Math.max(nodes.length, 1)) * 0.6;
    var pos = {};
    nodes.forEach(function (n) { pos[n.id] = { x: width / 2 + (rand() - 0.5) * width * 0.6, y: height / 2 + (rand() - 0.5) * height * 0.6 }; });
    var temp = width / 8;
    for (var step = 0; step < 300; step++) {
      var disp = {};
      nodes.forEach(function (n) { disp[n.id] = { x: 0, y: 0 }; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = pos[nodes[i].id], b = pos[nodes[j].id];
          var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          var f = k * k / d;
          disp[nodes[i].id].x += dx / d * f; disp[nodes[i].id].y += dy / d * f;
          disp[nodes[j].id].x -= dx / d * f; disp[nodes[j].id].y -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var a = pos[e.source], b = pos[e.target];
        if (!a || !b || a === b) return;
        var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01), f = d * d / k / 3;
        disp[e.source].x -= dx / d * f; disp[e.source].y -= dy / d * f;
        disp[e.target].x += dx / d * f; disp[e.target].y += dy / d * f;
      });
      nodes.forEach(function (n) {
        var p = pos[n.id], v = disp[n.id];
        v.x += (width / 2 - p.x) * 0.05 * k / 10; v.y += (height / 2 - p.y) * 0.05 * k / 10;
        var len = Math.max(Math.sqrt(v.x * v.x + v.y * v.y), 0.01), lim = Math.min(len, temp);
        p.x = Math.min(width - 60, Math.max(60, p.x + v.x / len * lim));
        p.y = Math.min(height - 30, Math.max(30, p.y + v.y / len * lim));
      });
      temp *= 0.985;
    }
    /* stretch the result to fill the box, leaving room for labels on the right */
    var xs = nodes.map(function (n) { return pos[n.id].x; }), ys = nodes.map(function (n) { return pos[n.id].y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    nodes.forEach(function (n) {
      var p = pos[n.id];
      p.x = x1 > x0 ? 50 + (p.x - x0) / (x1 - x0) * (width - 220) : width / 2;
      p.y = y1 > y0 ? 40 + (p.y - y0) / (y1 - y0) * (height - 80) : height / 2;
    });
    return pos;
  }

  function radius(n) { return 6 + 2.2 * Math.sqrt(n.degree || 1); }

  function draw(data) {
    Desk.clear(box);
    var width = Math.max(box.clientWidth, 500), height = Math.max(480, Math.min(900, 160 + 40 * data.nodes.length));
    var root = Desk.svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
                                 role: "img", "aria-label": "actor network", id: "network-svg" });
    box.appendChild(root);
    if (!data.nodes.length) {
      root.appendChild(Desk.svg("text", { x: 20, y: 40, "class": "empty" }, "No events with both actors known for this filter."));
      return;
    }
    var pos = layout(data.nodes, data.edges, width, height);
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var defs = Desk.svg("defs");
    root.appendChild(defs);
    var colours = {};
    data.edges.forEach(function (e) { colours[e.type] = e.colour; });
    Object.keys(colours).forEach(function (t) {
      var m = Desk.svg("marker", { id: "arrow-" + t, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
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
      var path;
      if (e.source === e.target) {
        var r = radius(byId[e.source]);
        path = "M" + (a.x - 4) + "," + (a.y - r) + " C" + (a.x - 30 - 6 * nth) + "," + (a.y - 50 - 8 * nth) + " " +
               (a.x + 30 + 6 * nth) + "," + (a.y - 50 - 8 * nth) + " " + (a.x + 4) + "," + (a.y - r);
      } else {
        var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var rb = radius(byId[e.target]) + 2, ra = radius(byId[e.source]);
        var sx = a.x + dx / d * ra, sy = a.y + dy / d * ra, tx = b.x - dx / d * rb, ty = b.y - dy / d * rb;
        var bend = (nth - 1) * 18 * (nth % 2 ? 1 : -1) * (e.source < e.target ? 1 : -1) + (e.source < e.target ? 8 : -8);
        var mx = (sx + tx) / 2 - dy / d * bend, my = (sy + ty) / 2 + dx / d * bend;
        path = "M" + sx + "," + sy + " Q" + mx + "," + my + " " + tx + "," + ty;
      }
      var p = Desk.svg("path", { d: path, stroke: e.colour, "class": "edge", "marker-end": "url(#arrow-" + e.type + ")",
                                 "data-type": e.type });
      p.appendChild(Desk.svg("title", {}, e.type + " " + (e.date || "undated") + ": " + byId[e.source].name + " → " + byId[e.target].name));
      p.addEventListener("click", function () { showEdge(e, byId); });
      edgeLayer.appendChild(p);
    });
    var nodeLayer = Desk.svg("g", { "class": "nodes" });
    root.appendChild(nodeLayer);
    data.nodes.forEach(function (n) {
      var g = Desk.svg("g", { "class": "node", "data-id": n.id, transform: "translate(" + pos[n.id].x + "," + pos[n.id].y + ")" });
      var c = Desk.svg("circle", { r: radius(n), fill: NODE_COLOURS[n.type] || "#616161" });
      c.appendChild(Desk.svg("title", {}, n.name + " (" + n.type + "), " + n.degree + " event(s)"));
      g.appendChild(c);
      g.appendChild(Desk.svg("text", { x: radius(n) + 3, y: 4 }, n.name));
      g.addEventListener("click", function () { window.location.href = "/entities/" + encodeURIComponent(n.id); });
      nodeLayer.appendChild(g);
    });
  }

  function showEdge(e, byId) {
    Desk.clear(detail);
    var h = Desk.html("h3");
    h.appendChild(Desk.link("/events/" + encodeURIComponent(e.id), e.type + " · " + (e.date || "undated")));
    detail.appendChild(h);
    var p = Desk.html("p");
    p.appendChild(Desk.entityLink(e.source, byId[e.source].name));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(Desk.entityLink(e.target, byId[e.target].name));
    p.appendChild(document.createTextNode(" · " + e.n_sources + " independent source(s)"));
    detail.appendChild(p);
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
      draw(data);
    }).catch(function (err) { box.textContent = String(err); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "?" + Desk.formQuery(form)); load(); });
  Desk.fillForm(form);
  load();
})();
