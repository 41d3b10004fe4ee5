"""Read-side queries shared by the CLI and the web API (events and story events: event_queries; claims:
claim_queries; shared pieces: query_common)."""
from __future__ import annotations

from pathlib import Path

from .event_queries import (_EVENTS_DATED, event_mentions, list_events, plover_types, story_event,  # noqa: F401
                            story_events, story_locations, story_rows, timeline)
from .query_common import actor_filter, date_span, docs_in, entity_names, json_or_none, loads_json  # noqa: F401
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

def list_quotes(db: str | Path, speaker: str | None = None, limit: int = 500) -> list[dict]:
    """Attributed statements with their speakers' corpus-wide names."""
    cond, params = actor_filter(speaker, ("coalesce(e.name, q.speaker_key)", "q.speaker_text"))
    where = f"WHERE {cond}" if cond else ""
    with Store(db, read_only=True) as store:
        rows = store.query(f"""
            SELECT q.doc_id, q.idx, coalesce(e.name, q.speaker_key) AS speaker, e.id AS speaker_id, q.speaker_text,
                   q.cue, q.content, q.kind, q.start_char, q.end_char, q.speaker_mention
            FROM quotes q LEFT JOIN entity_map m ON m.doc_id = q.doc_id AND m.local_key = q.speaker_key
            LEFT JOIN entities e ON e.id = m.entity_id {where}
            ORDER BY q.doc_id, q.idx LIMIT {int(limit)}""", params)
    return [dict(r, speaker_mention=json_or_none(r["speaker_mention"])) for r in rows]

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

def article(store: Store, doc_id: str) -> dict | None:
    """One article with every layer; local keys resolved to corpus entity ids. None when unknown."""
    rows = store.query("SELECT doc_id, title, published, published_precision, author, outlet, language, url, source,"
                       " body FROM articles WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    art = rows[0]
    emap = dict(store.con.execute("SELECT local_key, entity_id FROM entity_map WHERE doc_id = ?", [doc_id]).fetchall())
    names = entity_names(store, set(emap.values()))

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
                          source_mention=json_or_none(e.get("source_mention")),
                          target_mention=json_or_none(e.get("target_mention")))
                     for e in store.query(f"SELECT * EXCLUDE (doc_id) FROM ({_EVENTS_DATED}) WHERE doc_id = ? ORDER BY idx",
                                          [doc_id])]
    art["quotes"] = [dict(q, speaker=ent(q["speaker_key"]), speaker_mention=json_or_none(q.get("speaker_mention")))
                     for q in store.query("SELECT * EXCLUDE (doc_id) FROM quotes WHERE doc_id = ? ORDER BY idx", [doc_id])]
    art["timex"] = store.query("SELECT * EXCLUDE (doc_id) FROM timex WHERE doc_id = ? ORDER BY idx", [doc_id])
    art["profile"] = source_profile(store, doc_id)
    return art

def source_profile(store: Store, doc_id: str) -> dict | None:
    """The stored source profile of one article (its JSON data), or None when not computed."""
    rows = store.query("SELECT data FROM source_profiles WHERE doc_id = ?", [doc_id])
    return loads_json(rows[0]["data"]) if rows else None

def sources(store: Store) -> list[dict]:
    """Source table: one row per article with its profile verdicts and trust."""
    out = []
    for r in store.query(
            """SELECT a.doc_id, a.title, a.outlet, a.author, a.published, p.trust, p.machine_translation,
                      p.content_farm, p.independent_group, p.data
               FROM articles a LEFT JOIN source_profiles p ON p.doc_id = a.doc_id ORDER BY a.doc_id"""):
        data = loads_json(r.pop("data"))
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
    e["as_source"] = story_rows(store, f"WHERE source_id = ? ORDER BY date NULLS LAST, id {lim}", [entity_id])
    e["as_target"] = story_rows(store, f"WHERE target_id = ? ORDER BY date NULLS LAST, id {lim}", [entity_id])
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
