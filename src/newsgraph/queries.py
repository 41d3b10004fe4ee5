"""Read-side queries shared by the CLI and the web API."""
from __future__ import annotations

from pathlib import Path

from .store.db import Store


def list_entities(db: str | Path, limit: int = 50, etype: str | None = None) -> list[dict]:
    """Merged entities, most-reported first, with aliases and articles."""
    with Store(db, read_only=True) as store:
        where = "WHERE e.type = ?" if etype else ""
        params = [etype] if etype else []
        rows = store.query(
            f"""SELECT e.id, e.name, e.type, e.iso, e.lat, e.lon, e.n_docs,
                   (SELECT list(DISTINCT a.alias ORDER BY a.alias) FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases,
                   (SELECT list(DISTINCT m.doc_id ORDER BY m.doc_id) FROM entity_map m WHERE m.entity_id = e.id) AS docs
                FROM entities e {where} ORDER BY e.n_docs DESC, e.name LIMIT {int(limit)}""", params)
    for r in rows:
        r["aliases"] = [a for a in (r["aliases"] or []) if a]
        r["docs"] = r["docs"] or []
    return rows


def summary(db: str | Path) -> dict:
    """Counts for the build summary."""
    with Store(db, read_only=True) as store:
        one = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "entities": one("SELECT count(*) FROM entities"),
            "merged": one("SELECT count(*) FROM entities WHERE n_docs > 1"),
            "events": one("SELECT count(*) FROM events"),
            "story_events": one("SELECT count(*) FROM story_events"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "claims": one("SELECT count(*) FROM claims"),
            "contradictions": one("SELECT count(*) FROM contradictions"),
        }
