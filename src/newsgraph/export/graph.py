"""The actor graph as networkx: entities as nodes, story events as typed directed edges; GraphML/GEXF out."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .. import queries as Q
from ..store.db import Store
from ..web.palette import colour
from .tables import ExportError

GRAPH_FORMATS = ("graphml", "gexf")


def _clean(attrs: dict) -> dict:
    """GraphML and GEXF take no None values: drop them."""
    return {k: v for k, v in attrs.items() if v is not None}


def actor_graph(store: Store, etype: str | None = None, since: str | None = None, until: str | None = None,
                all_entities: bool = True) -> nx.MultiDiGraph:
    """Entities (all, or only those in an event) and one edge per story event with both actors known."""
    g = nx.MultiDiGraph(name="newsgraph actor graph")
    ents = {e["id"]: e for e in Q.entity_rows(store, limit=10_000_000)}
    for e in ents.values() if all_entities else ():
        g.add_node(e["id"], **_clean({"label": e["name"], "type": e["type"], "iso": e["iso"], "lat": e["lat"],
                                      "lon": e["lon"], "n_articles": e["n_docs"], "aliases": ";".join(e["aliases"])}))
    for s in Q.story_events(store, etype=etype, since=since, until=until):
        if not (s["source_id"] and s["target_id"]):
            continue
        for node in (s["source_id"], s["target_id"]):
            if node not in g:
                e = ents.get(node, {"name": node, "type": None})
                g.add_node(node, **_clean({"label": e["name"], "type": e["type"]}))
        g.add_edge(s["source_id"], s["target_id"], key=s["id"], **_clean({
            "id": s["id"], "type": s["type"], "date": s["date"], "precision": s["date_precision"],
            "n_sources": s["n_sources"], "articles": ";".join(s["docs"]), "colour": colour(s["type"]),
            "evidence": (s["evidence"] or [None])[0]}))
    return g


def export_graph(db: str | Path, out: str | Path, fmt: str = "graphml") -> tuple[int, int]:
    """Write the actor graph of the store at db as GraphML or GEXF; returns (nodes, edges)."""
    if fmt not in GRAPH_FORMATS:
        raise ExportError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    with Store(db, read_only=True) as store:
        g = actor_graph(store)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(g, out)
    else:
        nx.write_gexf(g, out)
    return g.number_of_nodes(), g.number_of_edges()
