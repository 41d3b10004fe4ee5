"""Read-side queries over events and story events, shared by the CLI, the web desk and the exports."""
from __future__ import annotations

import json
from pathlib import Path

from .query_common import actor_filter, date_span, entity_names, in_range, json_or_none
from .store.db import Store

# An event's date as shown: its own, or its story event's when the story dates it more precisely and not after the
# report's writing (resolve.event_coref.story_date_applies, which the annotation export uses, is the same rule).
_WRITTEN = "(CASE WHEN coalesce(wa.published_precision, '') <> 'unknown' THEN wa.published END)"
_INHERITS = ("st.date IS NOT NULL AND (e.date IS NULL OR (length(e.date) < length(st.date)"
             " AND starts_with(st.date, e.date)))"
             f" AND coalesce(left(st.date, least(length(st.date), length({_WRITTEN})))"
             f" <= left({_WRITTEN}, least(length(st.date), length({_WRITTEN}))), true)")

_EVENTS_DATED = f"""
    SELECT e.* REPLACE (CASE WHEN {_INHERITS} THEN st.date ELSE e.date END AS date,
                        CASE WHEN {_INHERITS} THEN st.date_precision ELSE e.date_precision END AS date_precision),
           CASE WHEN {_INHERITS} THEN st.id END AS date_from_story
    FROM events e
    LEFT JOIN story_event_mentions sem ON sem.doc_id = e.doc_id AND sem.event_idx = e.idx
    LEFT JOIN story_events st ON st.id = sem.story_id
    LEFT JOIN articles wa ON wa.doc_id = e.doc_id
"""

_EVENT_SQL = f"""
    SELECT ev.doc_id, ev.idx, ev.type, coalesce(se.name, ev.source_key) AS source, se.id AS source_id,
           coalesce(te.name, ev.target_key) AS target, te.id AS target_id, ev.location, ev.date, ev.date_precision,
           ev.date_from_story, ev.modality, ev.evidence, ev.start_char, ev.end_char, ev.confidence,
           ev.source_mention, ev.target_mention
    FROM ({_EVENTS_DATED}) ev
    LEFT JOIN entity_map sm ON sm.doc_id = ev.doc_id AND sm.local_key = ev.source_key
    LEFT JOIN entities se ON se.id = sm.entity_id
    LEFT JOIN entity_map tm ON tm.doc_id = ev.doc_id AND tm.local_key = ev.target_key
    LEFT JOIN entities te ON te.id = tm.entity_id
"""

def _event_filters(alias: str, actor_cols: tuple[str, ...], actor: str | None, etype: str | None,
                   since: str | None, until: str | None = None) -> tuple[str, list]:
    """WHERE clause shared by event and story-event listings: actor name part, PLOVER type, date bounds."""
    conds, params = [], []
    cond, p = actor_filter(actor, actor_cols)
    if cond:
        conds.append(cond)
        params += p
    for sql, value in ((f"{alias}.type = ?", etype.upper() if etype else None),
                       (f"{alias}.date >= ?", since), (f"{alias}.date <= ?", until)):
        if value:
            conds.append(sql)
            params.append(value)
    return ("WHERE " + " AND ".join(conds)) if conds else "", params

def list_events(db: str | Path, actor: str | None = None, etype: str | None = None, since: str | None = None,
                limit: int = 500) -> list[dict]:
    """Event mentions in date order (undated last), filtered by actor name, PLOVER type and date."""
    where, params = _event_filters("ev", ("coalesce(se.name, ev.source_key)", "coalesce(te.name, ev.target_key)"),
                                   actor, etype, since)
    with Store(db, read_only=True) as store:
        rows = store.query(f"{_EVENT_SQL} {where} ORDER BY ev.date NULLS LAST, ev.doc_id, ev.idx LIMIT {int(limit)}", params)
    return [dict(r, source_mention=json_or_none(r["source_mention"]), target_mention=json_or_none(r["target_mention"]))
            for r in rows]

def timeline(db: str | Path, actor: str | None = None, etype: str | None = None, since: str | None = None,
             until: str | None = None, limit: int = 10_000) -> list[dict]:
    """Story events in date order with their independent-source counts and actor names."""
    where, params = _event_filters("s", ("se.name", "te.name"), actor, etype, since, until)
    with Store(db, read_only=True) as store:
        rows = store.query(f"""
            SELECT s.id, s.type, s.date, s.date_precision, s.location, s.n_sources, s.first_doc,
                   s.source_id, se.name AS source, s.target_id, te.name AS target, s.data
            FROM story_events s LEFT JOIN entities se ON se.id = s.source_id LEFT JOIN entities te ON te.id = s.target_id
            {where} ORDER BY s.date NULLS LAST, s.id LIMIT {int(limit)}""", params)
    import json as _json

    for r in rows:
        data = _json.loads(r.pop("data"))
        r["docs"] = data.get("docs", [])
        r["evidence"] = data.get("evidence", [])
    return rows

def story_rows(store: Store, where: str = "", params: list | None = None) -> list[dict]:
    out = []
    # DuckDB pulls the few JSON fields a list needs; decoding every payload in Python dominated large timelines
    sql = f"""SELECT id, type, source_id, target_id, date, date_precision, location, n_sources, first_doc,
                     CAST(data->'$.docs' AS VARCHAR[]) AS docs, CAST(data->'$.evidence' AS VARCHAR[]) AS evidence,
                     CAST(data->'$.mentions' AS VARCHAR) AS mentions
              FROM story_events {where}"""
    rows = store.query(sql, params or [])
    names = entity_names(store, {r[k] for r in rows for k in ("source_id", "target_id") if r[k]})
    for r in rows:
        r["source"] = names.get(r["source_id"], {}).get("name") if r["source_id"] else None
        r["target"] = names.get(r["target_id"], {}).get("name") if r["target_id"] else None
        r["docs"] = r["docs"] or ([r["first_doc"]] if r["first_doc"] else [])
        r["mentions"] = json.loads(r["mentions"]) if r["mentions"] else []
        r["evidence"] = r["evidence"] or []
        span = date_span(r["date"])
        r["start"], r["end"] = span if span else (None, None)
        out.append(r)
    return out

def story_events(store: Store, actor: str | None = None, etype: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = None) -> list[dict]:
    """Story events (one per real-world event), filtered by actor id, PLOVER type and date overlap."""
    where, params = [], []
    if actor:
        where.append("(source_id = ? OR target_id = ?)")
        params += [actor, actor]
    if etype:
        where.append("type = ?")
        params.append(etype.upper())
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    rows = [r for r in story_rows(store, clause + " ORDER BY date NULLS LAST, id", params)
            if in_range(r["date"], since, until)]
    return rows[:limit] if limit else rows

def story_event(store: Store, story_id: str) -> dict | None:
    """One story event with each of its mentions (article, evidence, offsets)."""
    rows = story_rows(store, "WHERE id = ?", [story_id])
    if not rows:
        return None
    s = rows[0]
    s["reports"] = store.query(
        """SELECT m.doc_id, m.event_idx, e.evidence, e.start_char, e.end_char, e.modality, e.trigger, a.title,
                  a.published, a.outlet
           FROM story_event_mentions m JOIN events e ON e.doc_id = m.doc_id AND e.idx = m.event_idx
           JOIN articles a ON a.doc_id = m.doc_id WHERE m.story_id = ? ORDER BY a.published NULLS LAST, m.doc_id""",
        [story_id])
    return s

def event_mentions(store: Store, limit: int | None = None, keys: list[tuple[str, int]] | None = None) -> list[dict]:
    """Per-article event mentions with actors resolved to corpus entities and their story event
    (all, or only those (doc_id, idx) keys: the events are cut first, then joined)."""
    lim = f"LIMIT {int(limit)}" if limit else ""
    source, params = "events", []
    if keys is not None:
        source = ("(SELECT e0.* FROM events e0 JOIN (SELECT unnest(?::VARCHAR[]) AS d, unnest(?::INTEGER[]) AS i) k "
                  "ON k.d = e0.doc_id AND k.i = e0.idx)")
        params = [[k[0] for k in keys], [k[1] for k in keys]]
    return store.query(
        f"""SELECT e.doc_id, e.idx, e.type, e.date, e.date_precision, e.modality, e.evidence, e.start_char,
                   e.end_char, e.trigger, e.confidence,
                   e.source_key, sm.entity_id AS source_id, se.name AS source, se.iso AS source_iso,
                   e.target_key, tm.entity_id AS target_id, te.name AS target, te.iso AS target_iso,
                   e.location AS location_key, lm.entity_id AS location_id, le.name AS location,
                   le.lat AS latitude, le.lon AS longitude, s.story_id
            FROM {source} e
            LEFT JOIN entity_map sm ON sm.doc_id = e.doc_id AND sm.local_key = e.source_key
            LEFT JOIN entities se ON se.id = sm.entity_id
            LEFT JOIN entity_map tm ON tm.doc_id = e.doc_id AND tm.local_key = e.target_key
            LEFT JOIN entities te ON te.id = tm.entity_id
            LEFT JOIN entity_map lm ON lm.doc_id = e.doc_id AND lm.local_key = e.location
            LEFT JOIN entities le ON le.id = lm.entity_id
            LEFT JOIN story_event_mentions s ON s.doc_id = e.doc_id AND s.event_idx = e.idx
            ORDER BY e.doc_id, e.idx {lim}""", params)

def story_locations(store: Store) -> dict[str, dict]:
    """story_id -> {name, lat, lon, iso} of the first mention's location entity that has coordinates."""
    out: dict[str, dict] = {}
    for r in store.query(
            """SELECT m.story_id, le.name, le.lat, le.lon, le.iso
               FROM story_event_mentions m JOIN events e ON e.doc_id = m.doc_id AND e.idx = m.event_idx
               JOIN entity_map lm ON lm.doc_id = e.doc_id AND lm.local_key = e.location
               JOIN entities le ON le.id = lm.entity_id
               ORDER BY m.story_id, m.doc_id, m.event_idx"""):
        if r["story_id"] not in out or (out[r["story_id"]]["lat"] is None and r["lat"] is not None):
            out[r["story_id"]] = {"name": r["name"], "lat": r["lat"], "lon": r["lon"], "iso": r["iso"]}
    return out

def plover_types(store: Store) -> list[str]:
    """PLOVER types present in the story events, alphabetical."""
    return [r[0] for r in store.con.execute(
        "SELECT DISTINCT type FROM story_events WHERE type IS NOT NULL ORDER BY type").fetchall()]
