"""The actor network as the desk draws it: the top actors by degree, isolates hidden, an optional focus
neighbourhood and date range, laid out server-side with networkx (a seeded spring layout per component, components
packed side by side) into the unit square, so every node lands inside the view whatever the store's size."""
from __future__ import annotations

import math

import networkx as nx

from .. import queries as Q
from ..store.db import Store
from .listing import date_overlap

DEFAULT_TOP = 50
MAX_TOP = 300


def _filtered(etype: str | None, since: str | None, until: str | None) -> tuple[str, list]:
    """SQL (and parameters) for the story events with both actors in the filter, as (id, s, t, type, date, n)."""
    where, params = ["source_id IS NOT NULL", "target_id IS NOT NULL"], []
    if etype:
        where.append("type = ?")
        params.append(etype.upper())
    cond, p = date_overlap("date", since, until)
    if cond:
        where.append(cond)
        params += p
    return (f"SELECT id, source_id AS s, target_id AS t, type, date, n_sources FROM story_events "
            f"WHERE {' AND '.join(where)}"), params


def _neighbourhood(store: Store, sql: str, params: list, focus: str, depth: int) -> set[str]:
    """Actors within depth hops of focus, either direction (one query per hop)."""
    reached, frontier = {focus}, [focus]
    for _ in range(depth):
        rows = store.con.execute(
            f"""WITH f AS ({sql}), fr AS (SELECT unnest(?::VARCHAR[]) AS n)
                SELECT DISTINCT t FROM f WHERE s IN (SELECT n FROM fr)
                UNION SELECT DISTINCT s FROM f WHERE t IN (SELECT n FROM fr)""", params + [frontier]).fetchall()
        nxt = {r[0] for r in rows} - reached
        if not nxt:
            break
        reached |= nxt
        frontier = sorted(nxt)
    return reached


def _component_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions of one connected component in [-1, 1]^2 (nodes and edges sorted first: the seeded layout
    depends on their order, and set order changes between processes)."""
    nodes = sorted(g.nodes)
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges))
    g = ordered
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
    # Fruchterman-Reingold (numpy, seeded: the same data gives the same picture); Kamada-Kawai looked alike on
    # 50 nodes but its L-BFGS solve took 1.5 s on the shared 2-core machine
    pos = nx.spring_layout(g, seed=42, iterations=200, k=1.6 / math.sqrt(len(nodes)))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (2 * (p[0] - cx) / span, 2 * (p[1] - cy) / span) for n, p in pos.items()}


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Every node of g placed in [0, 1]^2: components laid out alone, the biggest first, packed in shelves
    whose box side grows with the square root of the component's size."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    if not comps:
        return {}
    sides = [math.sqrt(len(c)) for c in comps]
    row_width = max(max(sides), math.sqrt(sum(s * s for s in sides)) * 1.4)
    x = y = row_h = 0.0
    placed: dict[str, tuple[float, float]] = {}
    for comp, side in zip(comps, sides):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_h = 0.0, y + row_h, 0.0
        local = _component_layout(g.subgraph(comp))
        for n, (px, py) in local.items():
            placed[n] = (x + side * (0.5 + 0.4 * px), y + side * (0.5 + 0.4 * py))
        x += side
        row_h = max(row_h, side)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {n: ((px - x0) / (x1 - x0) if x1 > x0 else 0.5, (py - y0) / (y1 - y0) if y1 > y0 else 0.5)
            for n, (px, py) in placed.items()}


def network_view(store: Store, etype: str | None = None, since: str | None = None, until: str | None = None,
                 top: int = DEFAULT_TOP, focus: str | None = None, depth: int = 1,
                 isolates: bool = False) -> dict:
    """Nodes (with x, y in [0, 1]) and edges (one per source, target and type, counting its story events) of
    the top actors by degree in the filtered network, or of the focus actor's neighbourhood."""
    top = max(1, min(int(top), MAX_TOP))
    sql, params = _filtered(etype, since, until)
    # degrees in DuckDB: only the chosen actors' edges come to Python
    degree = dict(store.con.execute(
        f"""WITH f AS ({sql}) SELECT a, count(*) FROM (SELECT s AS a FROM f UNION ALL SELECT t FROM f WHERE t <> s)
            GROUP BY a""", params).fetchall())
    n_edges = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    if focus:
        pool = _neighbourhood(store, sql, params, focus, max(1, int(depth))) if focus in degree else set()
    else:
        pool = set(degree)
    ranked = sorted(pool, key=lambda n: (-degree[n], n))
    chosen = set(ranked[:top]) | ({focus} if focus in pool else set())
    names = Q.entity_names(store, chosen)
    chosen &= set(names)
    inside = store.con.execute(
        f"""WITH f AS ({sql}), c AS (SELECT unnest(?::VARCHAR[]) AS n)
            SELECT * FROM f WHERE s IN (SELECT n FROM c) AND t IN (SELECT n FROM c) ORDER BY id""",
        params + [sorted(chosen)]).fetchall()
    linked = {x for r in inside if r[1] != r[2] for x in (r[1], r[2])}
    hidden = [] if isolates else sorted(n for n in chosen if n not in linked and n != focus)
    chosen -= set(hidden)
    grouped: dict[tuple[str, str, str], dict] = {}
    for sid, s, t, typ, date, n_sources in inside:
        if s not in chosen or t not in chosen:
            continue
        e = grouped.get((s, t, typ))
        if e is None:
            e = grouped[(s, t, typ)] = {"id": sid, "source": s, "target": t, "type": typ, "date": date,
                                        "n_sources": n_sources, "evidence": "", "count": 0, "events": []}
        e["count"] += 1
        if len(e["events"]) < 20:
            e["events"].append({"id": sid, "date": date, "n_sources": n_sources})
        if (n_sources or 0) > (e["n_sources"] or 0):
            e.update(id=sid, date=date, n_sources=n_sources)
    evidence = dict(store.con.execute(
        "SELECT id, json_extract_string(data, '$.evidence[0]') FROM story_events WHERE id IN "
        "(SELECT unnest(?::VARCHAR[]))", [sorted(e["id"] for e in grouped.values())]).fetchall()) if grouped else {}
    for e in grouped.values():
        e["evidence"] = evidence.get(e["id"]) or ""
    g = nx.Graph()
    g.add_nodes_from(chosen)
    g.add_edges_from((e["source"], e["target"]) for e in grouped.values() if e["source"] != e["target"])
    pos = layout(g)
    nodes = [{"id": n, "name": names[n]["name"], "type": names[n]["type"], "iso": names[n]["iso"],
              "degree": degree[n], "x": round(pos[n][0], 4), "y": round(pos[n][1], 4), "focus": n == focus}
             for n in sorted(chosen, key=lambda n: (-degree[n], n))]
    return {"nodes": nodes, "edges": sorted(grouped.values(), key=lambda e: (e["source"], e["target"], e["type"])),
            "total_nodes": len(degree), "total_edges": n_edges, "hidden_isolates": len(hidden),
            "top": top, "focus": ({"id": focus, "name": names[focus]["name"]} if focus in names else None),
            "since": since or "", "until": until or ""}
