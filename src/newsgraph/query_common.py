"""Small pieces every read-side query uses: date spans, JSON columns, actor filters, entity names."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re

from .store.db import Store

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

def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """True when a date overlaps [since, until]; undated items pass only when no bound is given."""
    if not since and not until:
        return True
    span = date_span(value)
    if span is None:
        return False
    lo = date_span(since)[0] if since and date_span(since) else None
    hi = date_span(until)[1] if until and date_span(until) else None
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)

def loads_json(text: str | None) -> dict:
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

def json_or_none(value: str | dict | None) -> dict | None:
    """A JSON column value as a dict (DuckDB hands JSON back as text)."""
    if value is None or isinstance(value, dict):
        return value
    return json.loads(value)

def actor_filter(actor: str | None, cols: tuple[str, ...]) -> tuple[str, list]:
    if not actor:
        return "", []
    like = f"%{actor.lower()}%"
    return "(" + " OR ".join(f"lower({c}) LIKE ?" for c in cols) + ")", [like] * len(cols)

def entity_names(store: Store, ids: set[str] | None = None) -> dict[str, dict]:
    """id -> name/type/iso/coordinates, of every entity or only of ids (a page needs only its own)."""
    if ids is None:
        return {r["id"]: r for r in store.query("SELECT id, name, type, iso, lat, lon FROM entities")}
    if not ids:
        return {}
    return {r["id"]: r for r in store.query("SELECT id, name, type, iso, lat, lon FROM entities WHERE id IN "
                                            "(SELECT unnest(?::VARCHAR[]))", [sorted(ids)])}

def doc_ids(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT doc_id FROM articles").fetchall()}
