"""Read-side queries shared by the CLI and the web API."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

from .store.db import Store


def list_entities(db: str | Path, limit: int = 50, etype: str | None = None) -> list[dict]:
    """Merged entities, most-reported first, with aliases and articles."""
    with Store(db, read_only=True) as store:
        return entity_rows(store, limit=limit, etype=etype)


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


# An event's date as shown: its own, or its story event's when the story dates it more precisely
# (resolve.corpus.inherited_dates applies the same rule to the annotation export).
_INHERITS = ("st.date IS NOT NULL AND (e.date IS NULL OR (length(e.date) < length(st.date)"
             " AND starts_with(st.date, e.date)))")
_EVENTS_DATED = f"""
    SELECT e.* REPLACE (CASE WHEN {_INHERITS} THEN st.date ELSE e.date END AS date,
                        CASE WHEN {_INHERITS} THEN st.date_precision ELSE e.date_precision END AS date_precision),
           CASE WHEN {_INHERITS} THEN st.id END AS date_from_story
    FROM events e
    LEFT JOIN story_event_mentions sem ON sem.doc_id = e.doc_id AND sem.event_idx = e.idx
    LEFT JOIN story_events st ON st.id = sem.story_id
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


def _actor_filter(actor: str | None, cols: tuple[str, ...]) -> tuple[str, list]:
    if not actor:
        return "", []
    like = f"%{actor.lower()}%"
    return "(" + " OR ".join(f"lower({c}) LIKE ?" for c in cols) + ")", [like] * len(cols)


def _event_filters(alias: str, actor_cols: tuple[str, ...], actor: str | None, etype: str | None,
                   since: str | None, until: str | None = None) -> tuple[str, list]:
    """WHERE clause shared by event and story-event listings: actor name part, PLOVER type, date bounds."""
    conds, params = [], []
    cond, p = _actor_filter(actor, actor_cols)
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
    return [dict(r, source_mention=_json_or_none(r["source_mention"]), target_mention=_json_or_none(r["target_mention"]))
            for r in rows]


def list_quotes(db: str | Path, speaker: str | None = None, limit: int = 500) -> list[dict]:
    """Attributed statements with their speakers' corpus-wide names."""
    cond, params = _actor_filter(speaker, ("coalesce(e.name, q.speaker_key)", "q.speaker_text"))
    where = f"WHERE {cond}" if cond else ""
    with Store(db, read_only=True) as store:
        rows = store.query(f"""
            SELECT q.doc_id, q.idx, coalesce(e.name, q.speaker_key) AS speaker, e.id AS speaker_id, q.speaker_text,
                   q.cue, q.content, q.kind, q.start_char, q.end_char, q.speaker_mention
            FROM quotes q LEFT JOIN entity_map m ON m.doc_id = q.doc_id AND m.local_key = q.speaker_key
            LEFT JOIN entities e ON e.id = m.entity_id {where}
            ORDER BY q.doc_id, q.idx LIMIT {int(limit)}""", params)
    return [dict(r, speaker_mention=_json_or_none(r["speaker_mention"])) for r in rows]


def _json_or_none(value: str | dict | None) -> dict | None:
    """A JSON column value as a dict (DuckDB hands JSON back as text)."""
    if value is None or isinstance(value, dict):
        return value
    return json.loads(value)


def list_claims(db: str | Path, min_sources: int = 1) -> list[dict]:
    """Claims grouped across articles, most-sourced first."""
    with Store(db, read_only=True) as store:
        return store.json_column("SELECT data FROM claims WHERE n_sources >= ? ORDER BY n_sources DESC, id", [min_sources])


def list_contradictions(db: str | Path) -> list[dict]:
    """Pairs of statements that cannot both hold."""
    with Store(db, read_only=True) as store:
        return store.json_column("SELECT data FROM contradictions ORDER BY idx")


def list_sources(db: str | Path) -> list[dict]:
    """Source profiles with the article's metadata."""
    with Store(db, read_only=True) as store:
        profiles = {p["doc_id"]: p for p in store.json_column("SELECT data FROM source_profiles")}
        arts = store.query("SELECT doc_id, title, outlet, author, published FROM articles ORDER BY doc_id")
    return [{**a, "profile": profiles.get(a["doc_id"], {})} for a in arts]


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


# ---------------------------------------------------------------------------------------------------------
# The analyst's desk: store-level queries shared by the web app, the HTML report and the exports.
# Each takes an open Store so one page or one report reuses one connection.
# ---------------------------------------------------------------------------------------------------------

def date_span(value: str | None) -> tuple[str, str] | None:
    """First and last ISO day a TIMEX-like date value covers (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www), or None."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value[:10]) if "W" not in value else None
    if m:
        y, mo, d = int(m[1]), m[2], m[3]
        if d:
            return f"{y:04d}-{mo}-{d}", f"{y:04d}-{mo}-{d}"
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return f"{y:04d}-{mo}-01", f"{y:04d}-{mo}-{last:02d}"
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    w = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if w:
        try:
            start = dt.date.fromisocalendar(int(w[1]), int(w[2]), 1)
        except ValueError:
            return None
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    return None


def _in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """True when a date overlaps [since, until]; undated items pass only when no bound is given."""
    if not since and not until:
        return True
    span = date_span(value)
    if span is None:
        return False
    lo = date_span(since)[0] if since and date_span(since) else None
    hi = date_span(until)[1] if until and date_span(until) else None
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def _loads(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {"value": value}


def docs_in(obj: object, known: set[str]) -> list[str]:
    """Every known doc_id named anywhere in a JSON value: links a layer's statements to its sources
    without depending on the exact layout of that layer."""
    found: dict[str, None] = {}

    def walk(x: object) -> None:
        if isinstance(x, str):
            if x in known:
                found[x] = None
            elif ":" in x and x.rsplit(":", 1)[0] in known:
                found[x.rsplit(":", 1)[0]] = None
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(obj)
    return list(found)


def doc_ids(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT doc_id FROM articles").fetchall()}


def store_summary(store: Store) -> dict:
    """Counts per layer from an open store."""
    one = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
    return {t: one(f"SELECT count(*) FROM {t}") for t in
            ("articles", "entities", "events", "story_events", "quotes", "timex", "claims", "contradictions",
             "source_profiles")}


def articles(store: Store, limit: int = 500) -> list[dict]:
    """Article list with metadata, trust and per-layer counts."""
    return store.query(
        f"""SELECT a.doc_id, a.title, a.published, a.published_precision, a.author, a.outlet, a.language, a.url,
               p.trust, p.machine_translation, p.content_farm, p.independent_group,
               (SELECT count(*) FROM mentions m WHERE m.doc_id = a.doc_id) AS n_mentions,
               (SELECT count(*) FROM events e WHERE e.doc_id = a.doc_id) AS n_events,
               (SELECT count(*) FROM quotes q WHERE q.doc_id = a.doc_id) AS n_quotes,
               length(a.body) AS n_chars
            FROM articles a LEFT JOIN source_profiles p ON p.doc_id = a.doc_id
            ORDER BY a.published NULLS LAST, a.doc_id LIMIT {int(limit)}""")


def _entity_names(store: Store, ids: set[str] | None = None) -> dict[str, dict]:
    """id -> name/type/iso/coordinates, of every entity or only of ids (a page needs only its own)."""
    if ids is None:
        return {r["id"]: r for r in store.query("SELECT id, name, type, iso, lat, lon FROM entities")}
    if not ids:
        return {}
    return {r["id"]: r for r in store.query("SELECT id, name, type, iso, lat, lon FROM entities WHERE id IN "
                                            "(SELECT unnest(?::VARCHAR[]))", [sorted(ids)])}


def article(store: Store, doc_id: str) -> dict | None:
    """One article with every layer; local keys resolved to corpus entity ids. None when unknown."""
    rows = store.query("SELECT doc_id, title, published, published_precision, author, outlet, language, url, source,"
                       " body FROM articles WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    art = rows[0]
    emap = dict(store.con.execute("SELECT local_key, entity_id FROM entity_map WHERE doc_id = ?", [doc_id]).fetchall())
    names = _entity_names(store, set(emap.values()))

    def ent(key: str | None) -> dict | None:
        if key is None:
            return None
        gid = emap.get(key)
        e = names.get(gid) if gid else None
        return {"key": key, "id": gid, "name": e["name"] if e else key, "iso": e["iso"] if e else None}

    art["mentions"] = [dict(m, entity_id=emap.get(m["local_key"])) for m in store.query(
        "SELECT local_key, text, start_char, end_char, type, kind FROM mentions WHERE doc_id = ? ORDER BY start_char",
        [doc_id])]
    story_of = dict(store.con.execute(
        "SELECT event_idx, story_id FROM story_event_mentions WHERE doc_id = ?", [doc_id]).fetchall())
    art["events"] = [dict(e, source=ent(e["source_key"]), target=ent(e["target_key"]), story_id=story_of.get(e["idx"]),
                          source_mention=_json_or_none(e.get("source_mention")),
                          target_mention=_json_or_none(e.get("target_mention")))
                     for e in store.query(f"SELECT * EXCLUDE (doc_id) FROM ({_EVENTS_DATED}) WHERE doc_id = ? ORDER BY idx",
                                          [doc_id])]
    art["quotes"] = [dict(q, speaker=ent(q["speaker_key"]), speaker_mention=_json_or_none(q.get("speaker_mention")))
                     for q in store.query("SELECT * EXCLUDE (doc_id) FROM quotes WHERE doc_id = ? ORDER BY idx", [doc_id])]
    art["timex"] = store.query("SELECT * EXCLUDE (doc_id) FROM timex WHERE doc_id = ? ORDER BY idx", [doc_id])
    art["profile"] = source_profile(store, doc_id)
    return art


def source_profile(store: Store, doc_id: str) -> dict | None:
    """The stored source profile of one article (its JSON data), or None when not computed."""
    rows = store.query("SELECT data FROM source_profiles WHERE doc_id = ?", [doc_id])
    return _loads(rows[0]["data"]) if rows else None


def sources(store: Store) -> list[dict]:
    """Source table: one row per article with its profile verdicts and trust."""
    out = []
    for r in store.query(
            """SELECT a.doc_id, a.title, a.outlet, a.author, a.published, p.trust, p.machine_translation,
                      p.content_farm, p.independent_group, p.data
               FROM articles a LEFT JOIN source_profiles p ON p.doc_id = a.doc_id ORDER BY a.doc_id"""):
        data = _loads(r.pop("data"))
        r["trust_reasons"] = data.get("trust_reasons", [])
        r["copies"] = data.get("copies", [])
        r["inconsistencies"] = data.get("inconsistencies", [])
        out.append(r)
    return out


def entity_filter(etype: str | None = None, q: str | None = None) -> tuple[str, list]:
    """WHERE clause (on alias e) for a type and a name/alias substring."""
    where, params = [], []
    if etype:
        where.append("e.type = ?")
        params.append(etype)
    if q:
        where.append("(e.name ILIKE ? OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias ILIKE ?))")
        params += [f"%{q}%", f"%{q}%"]
    return (("WHERE " + " AND ".join(where)) if where else ""), params


def entity_rows(store: Store, limit: int = 50, etype: str | None = None, q: str | None = None,
                offset: int = 0, ids: list[str] | None = None, max_docs: int | None = None) -> list[dict]:
    """Merged entities, most-reported first, with aliases and articles; optional type, name and id filter.

    The page is chosen first and only its rows gather aliases and articles, so a page costs the same on any store;
    max_docs keeps the first articles of each (n_docs says how many there are); 0 lists none."""
    clause, params = entity_filter(etype, q)
    if ids is not None:
        clause = (clause + " AND " if clause else "WHERE ") + "e.id IN (SELECT unnest(?::VARCHAR[]))"
        params = params + [list(ids)]
    rows = store.query(
        f"""WITH page AS (SELECT e.id, e.name, e.type, e.iso, e.lat, e.lon, e.n_docs FROM entities e {clause}
                          ORDER BY e.n_docs DESC, e.name, e.id LIMIT {int(limit)} OFFSET {int(offset)}),
                 al AS (SELECT a.entity_id, list(DISTINCT a.alias ORDER BY a.alias) AS aliases FROM entity_aliases a
                        WHERE a.entity_id IN (SELECT id FROM page) GROUP BY a.entity_id),
                 dc AS (SELECT m.entity_id, list(DISTINCT m.doc_id ORDER BY m.doc_id) AS docs FROM entity_map m
                        WHERE m.entity_id IN (SELECT id FROM page) AND {"false" if max_docs == 0 else "true"}
                        GROUP BY m.entity_id)
            SELECT page.*, al.aliases, dc.docs FROM page LEFT JOIN al ON al.entity_id = page.id
            LEFT JOIN dc ON dc.entity_id = page.id ORDER BY page.n_docs DESC, page.name, page.id""", params)
    for r in rows:
        r["aliases"] = [a for a in (r["aliases"] or []) if a]
        r["docs"] = (r["docs"] or [])[:max_docs] if max_docs is not None else (r["docs"] or [])
    return rows


def count_entities(store: Store, etype: str | None = None, q: str | None = None) -> int:
    """How many entities entity_rows would list without a limit."""
    clause, params = entity_filter(etype, q)
    return store.con.execute(f"SELECT count(*) FROM entities e {clause}", params).fetchone()[0]


def _story_rows(store: Store, where: str = "", params: list | None = None) -> list[dict]:
    out = []
    # DuckDB pulls the few JSON fields a list needs; decoding every payload in Python dominated large timelines
    sql = f"""SELECT id, type, source_id, target_id, date, date_precision, location, n_sources, first_doc,
                     CAST(data->'$.docs' AS VARCHAR[]) AS docs, CAST(data->'$.evidence' AS VARCHAR[]) AS evidence,
                     CAST(data->'$.mentions' AS VARCHAR) AS mentions
              FROM story_events {where}"""
    rows = store.query(sql, params or [])
    names = _entity_names(store, {r[k] for r in rows for k in ("source_id", "target_id") if r[k]})
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
    rows = [r for r in _story_rows(store, clause + " ORDER BY date NULLS LAST, id", params)
            if _in_range(r["date"], since, until)]
    return rows[:limit] if limit else rows


def story_event(store: Store, story_id: str) -> dict | None:
    """One story event with each of its mentions (article, evidence, offsets)."""
    rows = _story_rows(store, "WHERE id = ?", [story_id])
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


def all_quotes(store: Store, speaker: str | None = None, limit: int | None = None) -> list[dict]:
    """Quotes with the speaker resolved to a corpus entity; optionally only one speaker's."""
    where, params = "", []
    if speaker:
        where, params = "WHERE m.entity_id = ?", [speaker]
    return store.query(
        f"""SELECT q.doc_id, q.idx, q.speaker_key, m.entity_id AS speaker_id, e.name AS speaker, q.speaker_text,
                   q.cue, q.content, q.kind, q.start_char, q.end_char, a.title, a.published, a.outlet,
                   q.speaker_mention
            FROM quotes q LEFT JOIN entity_map m ON m.doc_id = q.doc_id AND m.local_key = q.speaker_key
            LEFT JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.doc_id = q.doc_id
            {where} ORDER BY a.published NULLS LAST, q.doc_id, q.idx {f"LIMIT {int(limit)}" if limit else ""}""", params)


def entity(store: Store, entity_id: str, limit: int | None = None) -> dict | None:
    """One merged entity: aliases, articles, story events as source and as target, quotes, mentions;
    with a limit, each list holds its first `limit` rows and n_<list> tells how many there are."""
    found = entity_rows(store, limit=1, ids=[entity_id])
    if not found:
        return None
    e = found[0]
    lim = f"LIMIT {int(limit)}" if limit else ""
    e["articles"] = store.query(
        f"""SELECT a.doc_id, a.title, a.published, a.outlet, count(mn.start_char) AS n_mentions
           FROM entity_map m JOIN articles a ON a.doc_id = m.doc_id
           LEFT JOIN mentions mn ON mn.doc_id = m.doc_id AND mn.local_key = m.local_key
           WHERE m.entity_id = ? GROUP BY ALL ORDER BY a.published NULLS LAST, a.doc_id {lim}""", [entity_id])
    e["as_source"] = _story_rows(store, f"WHERE source_id = ? ORDER BY date NULLS LAST, id {lim}", [entity_id])
    e["as_target"] = _story_rows(store, f"WHERE target_id = ? ORDER BY date NULLS LAST, id {lim}", [entity_id])
    e["quotes"] = all_quotes(store, speaker=entity_id, limit=limit)
    one = lambda sql: store.con.execute(sql, [entity_id]).fetchone()[0]  # noqa: E731
    e["n_articles"] = one("SELECT count(DISTINCT doc_id) FROM entity_map WHERE entity_id = ?")
    e["n_as_source"] = one("SELECT count(*) FROM story_events WHERE source_id = ?")
    e["n_as_target"] = one("SELECT count(*) FROM story_events WHERE target_id = ?")
    e["n_quotes"] = one("SELECT count(*) FROM quotes q JOIN entity_map m ON m.doc_id = q.doc_id "
                        "AND m.local_key = q.speaker_key WHERE m.entity_id = ?")
    return e


def claims(store: Store, limit: int | None = None) -> list[dict]:
    """Claims grouped across articles, most-sourced first (see claim_queries)."""
    from .claim_queries import claims as _claims

    return _claims(store, limit=limit)


def contradictions(store: Store) -> list[dict]:
    """Contradictions with each side located in its article (see claim_queries)."""
    from .claim_queries import contradictions as _contradictions

    return _contradictions(store)


def search(store: Store, q: str, limit: int = 50) -> dict:
    """Articles whose title or body contains q (with a snippet) and entities whose name or alias does."""
    q = (q or "").strip()
    if not q:
        return {"q": q, "articles": [], "entities": []}
    arts = []
    for r in store.query(
            f"""SELECT doc_id, title, published, outlet, body FROM articles
                WHERE title ILIKE ? OR body ILIKE ? ORDER BY published NULLS LAST, doc_id LIMIT {int(limit)}""",
            [f"%{q}%", f"%{q}%"]):
        body = r.pop("body")
        pos = body.lower().find(q.lower())
        if pos >= 0:
            lo, hi = max(0, pos - 80), min(len(body), pos + len(q) + 80)
            r["snippet"] = {"before": ("…" if lo else "") + body[lo:pos], "match": body[pos:pos + len(q)],
                            "after": body[pos + len(q):hi] + ("…" if hi < len(body) else ""), "start": pos}
        else:
            r["snippet"] = None
        arts.append(r)
    return {"q": q, "articles": arts, "entities": entity_rows(store, limit=limit, q=q)}


def plover_types(store: Store) -> list[str]:
    """PLOVER types present in the story events, alphabetical."""
    return [r[0] for r in store.con.execute(
        "SELECT DISTINCT type FROM story_events WHERE type IS NOT NULL ORDER BY type").fetchall()]
