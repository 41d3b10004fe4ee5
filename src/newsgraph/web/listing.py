"""Paginated, searchable listings for the desk: DuckDB picks one page (LIMIT/OFFSET) and counts the matches,
so a page costs about the same on 5 articles as on 10,000."""
from __future__ import annotations

import math

from .. import claim_queries as C
from .. import queries as Q
from ..store.db import Store

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
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
        f"""WITH page AS (SELECT unnest(?::VARCHAR[]) AS doc_id)
            SELECT page.doc_id, p.trust, p.machine_translation, p.content_farm, p.independent_group,
                   (SELECT count(*) FROM mentions m WHERE m.doc_id = page.doc_id) AS n_mentions,
                   (SELECT count(*) FROM events e WHERE e.doc_id = page.doc_id) AS n_events,
                   (SELECT count(*) FROM quotes x WHERE x.doc_id = page.doc_id) AS n_quotes
            FROM page LEFT JOIN source_profiles p ON p.doc_id = page.doc_id""", [ids])}
    for r in rows:
        r.update({k: v for k, v in extra.get(r["doc_id"], {}).items() if k != "doc_id"})
    return rows, total


def entities_page(store: Store, q: str | None, etype: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """Entities whose name or alias contains q (optionally of one type), most-reported first, and the total."""
    return (Q.entity_rows(store, limit=limit, etype=etype, q=q, offset=offset),
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
        data = Q._loads(r.pop("data"))
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
