"""A self-contained HTML dossier: summary, timeline, actor graph, claims, contradictions and sources,
every statement linked to the article section it comes from. No script, no network: inline CSS and SVG."""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .. import queries as Q
from ..store.db import Store
from ..web.palette import colour
from .graph import actor_graph

TEMPLATES = Path(__file__).resolve().parent / "templates"
NODE_COLOURS = {"PERSON": "#1565c0", "ORG": "#6a1b9a", "GPE": "#2e7d32", "LOC": "#8d6e63"}


def anchor(kind: str, key: str) -> str:
    """A fragment id safe for any doc or entity id: readable slug plus a short hash against collisions."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")[:60]
    return f"{kind}-{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"


def _day(iso: str) -> float:
    return dt.date.fromisoformat(iso).toordinal()


def timeline_svg(stories: list[dict], width: int = 1100, lane: int = 30) -> Markup:
    """Dated story events as an SVG strip: x = date, one lane per PLOVER type, radius = independent sources."""
    dated = [s for s in stories if s.get("start")]
    if not dated:
        return Markup('<p class="muted">No dated story events.</p>')
    types = sorted({s["type"] for s in dated})
    left, right, top, bottom = 110, 20, 16, 30
    height = top + bottom + lane * len(types)
    lo = min(_day(s["start"]) for s in dated)
    hi = max(_day(s["end"]) + 1 for s in dated)
    pad = max((hi - lo) * 0.03, 10)
    lo, hi = lo - pad, hi + pad
    inner = width - left - right

    def x(day: float) -> float:
        return round(left + (day - lo) / (hi - lo) * inner, 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="timeline of story events" class="timeline">']
    first, last = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    years = list(range(first.year + 1, last.year + 1))
    step = max(1, math.ceil(len(years) / 12))
    if len(years) >= 2:
        ticks = [(dt.date(y, 1, 1), str(y)) for y in years[::step]]
    else:
        months = [dt.date(first.year + (first.month + i) // 12, (first.month + i) % 12 + 1, 1)
                  for i in range((last.year - first.year) * 12 + last.month - first.month + 1)]
        ticks = [(m, m.strftime("%Y-%m")) for m in months if lo <= m.toordinal() <= hi][:: max(1, len(months) // 12)]
    for day, label in ticks:
        px = x(day.toordinal())
        parts.append(f'<line x1="{px}" x2="{px}" y1="{top - 4}" y2="{height - bottom}" stroke="#ccc" stroke-dasharray="2,3"/>'
                     f'<text x="{px}" y="{height - bottom + 16}" text-anchor="middle">{escape(label)}</text>')
    for i, t in enumerate(types):
        y = top + i * lane + lane / 2
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="#e5e5e5"/>'
                     f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-weight="600">{escape(t)}</text>')
    for s in dated:
        y = top + types.index(s["type"]) * lane + lane / 2
        x0, x1 = x(_day(s["start"])), x(_day(s["end"]) + 1)
        c = colour(s["type"])
        if x1 - x0 > 3:
            parts.append(f'<rect x="{x0}" y="{y - 2}" width="{round(x1 - x0, 1)}" height="4" fill="{c}" opacity="0.3"/>')
        r = round(4 + 3 * math.sqrt(s.get("n_sources") or 1), 1)
        tip = f"{s['type']} {s['date']}: {s.get('source') or '?'} → {s.get('target') or '?'} ({s['n_sources']} source(s))"
        parts.append(f'<a href="#{anchor("ev", s["id"])}"><circle cx="{round((x0 + x1) / 2, 1)}" cy="{y}" r="{r}" '
                     f'fill="{c}" fill-opacity="0.85" stroke="#fff"><title>{escape(tip)}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def graph_svg(g: nx.MultiDiGraph, width: int = 1000, height: int = 640) -> Markup:
    """The actor graph laid out with a seeded spring layout, as static SVG with typed, directed edges."""
    g = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
    if g.number_of_nodes() == 0:
        return Markup('<p class="muted">No events with both actors known.</p>')
    pos = nx.spring_layout(nx.Graph(g), seed=42, k=1.5 / math.sqrt(g.number_of_nodes()))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    margin = 70

    def xy(n: str) -> tuple[float, float]:
        px, py = pos[n]
        sx = (px - min(xs)) / ((max(xs) - min(xs)) or 1)
        sy = (py - min(ys)) / ((max(ys) - min(ys)) or 1)
        return round(40 + sx * (width - 220), 1), round(margin / 2 + sy * (height - margin), 1)  # room for labels

    types = sorted({d["type"] for _, _, d in g.edges(data=True)})
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="actor network" class="graph"><defs>']
    for t in types:
        parts.append(f'<marker id="{anchor("arrow", t)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                     f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour(t)}"/></marker>')
    parts.append("</defs>")
    radius = {n: 6 + 2.2 * math.sqrt(g.degree(n)) for n in g}
    seen: dict[tuple, int] = {}
    for u, v, d in g.edges(data=True):
        (x1, y1), (x2, y2) = xy(u), xy(v)
        pair = tuple(sorted((u, v)))
        nth = seen[pair] = seen.get(pair, 0) + 1
        if u == v:
            r = radius[u]
            path = (f"M{x1 - 4},{y1 - r} C{x1 - 30 - 6 * nth},{y1 - 50 - 8 * nth} {x1 + 30 + 6 * nth},"
                    f"{y1 - 50 - 8 * nth} {x1 + 4},{y1 - r}")
        else:
            dx, dy = x2 - x1, y2 - y1
            dist = math.hypot(dx, dy) or 1
            sx, sy = x1 + dx / dist * radius[u], y1 + dy / dist * radius[u]
            tx, ty = x2 - dx / dist * (radius[v] + 2), y2 - dy / dist * (radius[v] + 2)
            bend = (8 + 16 * (nth - 1)) * (1 if u < v else -1)
            mx, my = (sx + tx) / 2 - dy / dist * bend, (sy + ty) / 2 + dx / dist * bend
            path = f"M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {tx:.1f},{ty:.1f}"
        tip = f"{d['type']} {d.get('date', 'undated')}: {g.nodes[u].get('label', u)} → {g.nodes[v].get('label', v)}"
        parts.append(f'<a href="#{anchor("ev", d["id"])}"><path d="{path}" fill="none" stroke="{colour(d["type"])}" '
                     f'stroke-width="1.6" opacity="0.8" marker-end="url(#{anchor("arrow", d["type"])})">'
                     f'<title>{escape(tip)}</title></path></a>')
    for n in g:
        x, y = xy(n)
        data = g.nodes[n]
        parts.append(f'<a href="#{anchor("ent", n)}"><circle cx="{x}" cy="{y}" r="{radius[n]:.1f}" '
                     f'fill="{NODE_COLOURS.get(data.get("type"), "#616161")}" stroke="#fff"><title>'
                     f'{escape(data.get("label", n))} ({escape(data.get("type", ""))})</title></circle>'
                     f'<text x="{x + radius[n] + 3:.1f}" y="{y + 4}">{escape(data.get("label", n))}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def report_context(store: Store, top_claims: int = 25) -> dict:
    """Everything the dossier shows, read from one open store."""
    arts = Q.articles(store, limit=1_000_000)
    stories = Q.story_events(store)
    details = []
    for a in arts:
        art = Q.article(store, a["doc_id"])
        details.append(art)
    g = actor_graph(store, all_entities=True)
    ents = Q.entity_rows(store, limit=1_000_000)
    return {
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": Q.store_summary(store),
        "articles": arts,
        "details": details,
        "titles": {a["doc_id"]: a["title"] or a["doc_id"] for a in arts},
        "stories": stories,
        "timeline": timeline_svg(stories),
        "graph": graph_svg(g),
        "entities": ents,
        "claims": Q.claims(store, limit=top_claims),
        "n_claims": store.con.execute("SELECT count(*) FROM claims").fetchone()[0],
        "contradictions": Q.contradictions(store),
        "sources": Q.sources(store),
        "type_colours": {t: colour(t) for t in sorted({s["type"] for s in stories})},
    }


def render_report(db: str | Path, title: str = "newsgraph dossier") -> str:
    """The dossier for the store at db as one HTML string."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters["anchor"] = anchor
    env.filters["colour"] = colour
    with Store(db, read_only=True) as store:
        ctx = report_context(store)
    return env.get_template("report.html").render(title=title, **ctx)


def write_report(db: str | Path, out: str | Path, title: str = "newsgraph dossier") -> Path:
    """Write the dossier to out and return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(db, title), encoding="utf-8")
    return out
