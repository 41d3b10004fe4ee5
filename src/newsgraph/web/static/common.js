/* Shared helpers for the desk's charts. Text is always set with textContent, never as HTML. */
"use strict";
var Desk = (function () {
  var SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function html(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* Query string from a form's non-empty fields. */
  function formQuery(form) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (f) {
      if (f.type === "checkbox") { if (f.name && f.checked) params.set(f.name, f.value); return; }
      if (f.name && f.value) params.set(f.name, f.value);
    });
    return params.toString();
  }

  /* Fill a form from the page's query string so links like /timeline?actor=x work. */
  function fillForm(form) {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || !params.has(f.name)) return;
      if (f.type === "checkbox") f.checked = true; else f.value = params.get(f.name);
    });
  }

  function getJSON(url) {
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(url + ": HTTP " + r.status); return r.json(); });
  }

  function legend(container, colours) {
    clear(container);
    Object.keys(colours).forEach(function (t) {
      var item = html("span", { "class": "legend-item" });
      var sw = html("span", { "class": "swatch" });
      sw.style.background = colours[t];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      container.appendChild(item);
    });
  }

  function link(href, text) { return html("a", { href: href }, text); }

  function entityLink(id, name) {
    if (id) return link("/entities/" + encodeURIComponent(id), name || id);
    return html("span", { "class": "muted" }, name || "—");
  }

  return { svg: svg, html: html, clear: clear, formQuery: formQuery, fillForm: fillForm, getJSON: getJSON,
           legend: legend, link: link, entityLink: entityLink };
})();
