"""Paginated, searchable listings for the desk: DuckDB picks one page (LIMIT/OFFSET) and counts the matches,
so a page costs about the same on 5 articles as on 10,000."""
from __future__ import annotations

import math

from .. import claim_queries as C
from .. import queries as Q
from ..store.db import Store

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_DOCS = 100  # an entity row in a listing names at most this many of its articles (n_docs counts them all)
_IN = "(SELECT unnest(?::VARCHAR[]))"


def window(limit: int | None, offset: int | None, page: int | None) -> tuple[int, int]:
    """(limit, offset) from the request: page (1-based) wins over offset; limit is clamped to 1..MAX_LIMIT."""
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    if page:
        return limit, (max(1, int(page)) - 1) * limit
    return limit, max(0, int(offset or 0))


def envelope(items: list[dict], total: int, q: str | None, limit: int, offset: int) -> dict:
    """The API's answer for a listing: the items plus what a client needs to page through the rest."""
    return {"items": items, "total": total, "q": q or "", "limit": limit, "offset": offset,
            "page": offset // limit + 1, "pages": max(1, math.ceil(total / limit))}


def _article_filter(q: str | None) -> tuple[str, list]:
    if not q:
        return "", []
    like = f"%{q}%"
    return ("WHERE a.title ILIKE ? OR a.outlet ILIKE ? OR a.author ILIKE ? OR a.doc_id ILIKE ? "
            "OR a.body ILIKE ?"), [like] * 5


def articles_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Articles whose title, outlet, author, id or body contains q, newest-first by publication, with
    trust and per-layer counts computed for the page's rows only."""
    where, params = _article_filter(q)
    total = store.con.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
    rows = store.query(
        f"""SELECT a.doc_id, a.title, a.published, a.published_precision, a.author, a.outlet, a.language, a.url,
                   length(a.body) AS n_chars
            FROM articles a {where} ORDER BY a.published DESC NULLS LAST, a.doc_id
            LIMIT {int(limit)} OFFSET {int(offset)}""", params)
    if not rows:
        return rows, total
    ids = [r["doc_id"] for r in rows]
    extra = {r["doc_id"]: r for r in store.query(
        """WITH page AS (SELECT unnest(?::VARCHAR[]) AS doc_id)
            SELECT page.doc_id, p.trust, p.machine_translation, p.content_farm, p.independent_group,
                   (SELECT count(*) FROM mentions m WHERE m.doc_id = page.doc_id) AS n_mentions,
                   (SELECT count(*) FROM events e WHERE e.doc_id = page.doc_id) AS n_events,
                   (SELECT count(*) FROM quotes x WHERE x.doc_id = page.doc_id) AS n_quotes
            FROM page LEFT JOIN source_profiles p ON p.doc_id = page.doc_id""", [ids])}
    for r in rows:
        r.update({k: v for k, v in extra.get(r["doc_id"], {}).items() if k != "doc_id"})
    return rows, total


def entities_page(store: Store, q: str | None, etype: str | None, limit: int, offset: int,
                  max_docs: int = MAX_DOCS) -> tuple[list[dict], int]:
    """Entities whose name or alias contains q (optionally of one type), most-reported first, and the total."""
    return (Q.entity_rows(store, limit=limit, etype=etype, q=q, offset=offset, max_docs=max_docs),
            Q.count_entities(store, etype=etype, q=q))


def claims_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Claims whose text or speaker contains q."""
    return C.claims_page(store, q, limit, offset)


def contradictions_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Contradictions whose kind or statements contain q."""
    return C.contradictions_page(store, q, limit, offset)


def titles(store: Store, doc_ids: set[str]) -> dict[str, str]:
    """doc_id -> title (or the id) for the articles a page links to."""
    if not doc_ids:
        return {}
    return {d: t or d for d, t in store.con.execute(
        f"SELECT doc_id, title FROM articles WHERE doc_id IN {_IN}", [sorted(doc_ids)]).fetchall()}


def pager(total: int, limit: int, offset: int, width: int = 3) -> list[dict]:
    """Page links for a listing: first, last and the pages around the current one (None marks a gap)."""
    pages = max(1, math.ceil(total / limit))
    current = offset // limit + 1
    show = sorted({1, pages} | {p for p in range(current - width, current + width + 1) if 1 <= p <= pages})
    out, prev = [], 0
    for p in show:
        if p - prev > 1:
            out.append({"page": None})
        out.append({"page": p, "current": p == current})
        prev = p
    return out


def sources_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Source profiles of the articles whose title, outlet, author, id or body contains q, by doc_id."""
    where, params = _article_filter(q)
    total = store.con.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
    out = []
    for r in store.query(
            f"""SELECT a.doc_id, a.title, a.outlet, a.author, a.published, p.trust, p.machine_translation,
                       p.content_farm, p.independent_group, p.data
                FROM articles a LEFT JOIN source_profiles p ON p.doc_id = a.doc_id {where}
                ORDER BY a.doc_id LIMIT {int(limit)} OFFSET {int(offset)}""", params):
        data = Q.loads_json(r.pop("data"))
        r["trust_reasons"] = data.get("trust_reasons", [])
        r["copies"] = data.get("copies", [])
        r["inconsistencies"] = data.get("inconsistencies", [])
        out.append(r)
    return out, total


class Listing(dict):
    """An envelope for a template: the API's fields plus page links that keep the page's filters."""

    def __init__(self, env: dict, params: dict[str, str | None]) -> None:
        super().__init__(env)
        self.params = {k: v for k, v in params.items() if v}
        self["links"] = pager(env["total"], env["limit"], env["offset"])

    def query(self, page: int) -> str:
        """The query string of another page of this listing."""
        from urllib.parse import urlencode

        extra = {"limit": self["limit"]} if self["limit"] != DEFAULT_LIMIT else {}
        return urlencode({**self.params, **extra, "page": page})


def _span_sql(col: str) -> tuple[str, str]:
    """SQL for the first and last ISO day a TIMEX-like date column covers: queries.date_span in DuckDB."""
    d10 = f"substr({col}, 1, 10)"
    week = f"regexp_full_match({col}, '\\d{{4}}-W\\d{{2}}')"
    start = (f"CASE WHEN {week} THEN strftime(try_strptime({col} || '-1', '%G-W%V-%u'), '%Y-%m-%d') "
             f"WHEN contains({col}, 'W') THEN NULL "
             f"WHEN regexp_full_match({d10}, '\\d{{4}}') THEN {d10} || '-01-01' "
             f"WHEN regexp_full_match({d10}, '\\d{{4}}-\\d{{2}}') THEN {d10} || '-01' "
             f"WHEN regexp_full_match({d10}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN {d10} END")
    end = (f"CASE WHEN {week} THEN strftime(try_strptime({col} || '-7', '%G-W%V-%u'), '%Y-%m-%d') "
           f"WHEN contains({col}, 'W') THEN NULL "
           f"WHEN regexp_full_match({d10}, '\\d{{4}}') THEN {d10} || '-12-31' "
           f"WHEN regexp_full_match({d10}, '\\d{{4}}-\\d{{2}}') THEN "
           f"strftime(last_day(try_strptime({d10} || '-01', '%Y-%m-%d')), '%Y-%m-%d') "
           f"WHEN regexp_full_match({d10}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN {d10} END")
    return start, end


def date_overlap(col: str, since: str | None, until: str | None) -> tuple[str, list]:
    """A condition (and its parameters) true when the date in col overlaps [since, until], as queries._in_range."""
    if not since and not until:
        return "", []
    lo = Q.date_span(since)[0] if since and Q.date_span(since) else None
    hi = Q.date_span(until)[1] if until and Q.date_span(until) else None
    start, end = _span_sql(col)
    conds, params = [], []
    # a cheap year cut first (a year either side: an ISO week can start in the year before), then the exact rule
    if lo:
        conds.append(f"substr({col}, 1, 4) >= ?")
        params.append(f"{int(lo[:4]) - 1:04d}")
    if hi:
        conds.append(f"substr({col}, 1, 4) <= ?")
        params.append(f"{int(hi[:4]) + 1:04d}")
    conds.append(f"({start}) IS NOT NULL")
    if lo:
        conds.append(f"({end}) >= ?")
        params.append(lo)
    if hi:
        conds.append(f"({start}) <= ?")
        params.append(hi)
    return " AND ".join(conds), params


def _where(conds: list[tuple[str, list]]) -> tuple[str, list]:
    conds = [(c, p) for c, p in conds if c]
    return ("WHERE " + " AND ".join(f"({c})" for c, _ in conds)) if conds else "", [x for _, p in conds for x in p]


def story_events_page(store: Store, actor: str | None, etype: str | None, since: str | None, until: str | None,
                      limit: int, offset: int, order: str = "date",
                      dated: bool | None = None) -> tuple[list[dict], int]:
    """Story events of an actor id, a PLOVER type and a date range (dated=True/False: only those with/without
    a day span), a page at a time (by date, or by number of independent sources with order='sources'), and
    how many match."""
    start = _span_sql("date")[0]
    where, params = _where([("source_id = ? OR target_id = ?", [actor, actor]) if actor else ("", []),
                            ("type = ?", [etype.upper()]) if etype else ("", []),
                            date_overlap("date", since, until),
                            (f"({start}) IS NOT NULL" if dated else f"({start}) IS NULL", [])
                            if dated is not None else ("", [])])
    total = store.con.execute(f"SELECT count(*) FROM story_events {where}", params).fetchone()[0]
    # ties broken by a hash of the id, not by date: a cut of equally-reported events spreads over time and types
    sort = "n_sources DESC, hash(id), id" if order == "sources" else "date NULLS LAST, id"
    ids = [r[0] for r in store.con.execute(f"SELECT id FROM story_events {where} ORDER BY {sort} "
                                           f"LIMIT {int(limit)} OFFSET {int(offset)}", params).fetchall()]
    if not ids:
        return [], total
    rank = {i: n for n, i in enumerate(ids)}
    rows = Q.story_rows(store, "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return sorted(rows, key=lambda r: rank[r["id"]]), total


def event_mentions_page(store: Store, actor: str | None, etype: str | None, since: str | None,
                        until: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Event mentions (one per report) filtered like story events, a page at a time, and the total."""
    # an actor's local keys as one string each: a hash semi-join (a tuple IN with OR took 10 s on 10,000 articles)
    mine = "SELECT doc_id || chr(31) || local_key FROM entity_map WHERE entity_id = ?"
    where, params = _where([(f"e.doc_id || chr(31) || e.source_key IN ({mine}) OR "
                             f"e.doc_id || chr(31) || e.target_key IN ({mine})", [actor, actor]) if actor else ("", []),
                            ("e.type = ?", [etype.upper()]) if etype else ("", []),
                            date_overlap("e.date", since, until)])
    total = store.con.execute(f"SELECT count(*) FROM events e {where}", params).fetchone()[0]
    # the page's keys come from the events table alone; only those rows go through the seven joins
    keys = store.con.execute(f"SELECT e.doc_id, e.idx FROM events e {where} ORDER BY e.doc_id, e.idx "
                             f"LIMIT {int(limit)} OFFSET {int(offset)}", params).fetchall()
    return (Q.event_mentions(store, keys=keys) if keys else []), total


def quotes_page(store: Store, q: str | None, speaker: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Quotes whose content or speaker contains q (or of one speaker id), latest articles first, and the total."""
    like = f"%{q}%" if q else None
    key = "q.doc_id || chr(31) || q.speaker_key"
    # filters on the quotes table alone (speakers as doc/key strings: hash semi-joins); only the page is joined
    where, params = _where([
        (f"{key} IN (SELECT doc_id || chr(31) || local_key FROM entity_map WHERE entity_id = ?)", [speaker])
        if speaker else ("", []),
        (f"q.content ILIKE ? OR q.speaker_text ILIKE ? OR {key} IN (SELECT m.doc_id || chr(31) || m.local_key "
         "FROM entity_map m JOIN entities e ON e.id = m.entity_id WHERE e.name ILIKE ?)", [like] * 3)
        if q else ("", [])])
    total = store.con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()[0]
    rows = store.query(
        f"""WITH page AS (SELECT q.doc_id, q.idx, a.published FROM quotes q JOIN articles a ON a.doc_id = q.doc_id
                          {where} ORDER BY a.published DESC NULLS LAST, q.doc_id, q.idx
                          LIMIT {int(limit)} OFFSET {int(offset)})
            SELECT q.doc_id, q.idx, q.speaker_key, m.entity_id AS speaker_id, e.name AS speaker, q.speaker_text,
                   q.cue, q.content, q.kind, q.start_char, q.end_char, a.title, a.published, a.outlet,
                   q.speaker_mention
            FROM page JOIN quotes q ON q.doc_id = page.doc_id AND q.idx = page.idx
            LEFT JOIN entity_map m ON m.doc_id = q.doc_id AND m.local_key = q.speaker_key
            LEFT JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.doc_id = q.doc_id
            ORDER BY page.published DESC NULLS LAST, q.doc_id, q.idx""", params)
    return rows, total
