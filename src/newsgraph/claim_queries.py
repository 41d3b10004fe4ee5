"""Claims and contradictions for the desk and the report: each statement located in its article, a page at a time."""
from __future__ import annotations

from .query_common import docs_in, entity_names, loads_json
from .store.db import Store

_IN = "(SELECT unnest(?::VARCHAR[]))"


def _side(data: dict, key: str) -> dict:
    """One side of a contradiction as {doc_id, text, start, end, ...} whatever the producer named its fields."""
    side = data.get(key)
    if not isinstance(side, dict):
        return {}
    text = next((side[k] for k in ("text", "evidence", "content", "sentence", "claim", "value") if side.get(k)), "")
    return dict(side, text=text)


class _Locator:
    """Finds the quote or event record a statement comes from, so links land on the sentence, not the page."""

    def __init__(self, store: Store, docs: set[str] | None = None) -> None:
        self.quotes: dict[str, list[tuple[int, int, int, str]]] = {}
        self.events: dict[str, list[tuple[int, int, int, str]]] = {}
        where, params = ("", []) if docs is None else (f" WHERE doc_id IN {_IN}", [sorted(docs)])
        for d, i, a, b, text in store.con.execute(
                "SELECT doc_id, idx, start_char, end_char, content FROM quotes" + where, params).fetchall():
            self.quotes.setdefault(d, []).append((a, b, i, text or ""))
        for d, i, a, b, text in store.con.execute(
                "SELECT doc_id, idx, start_char, end_char, evidence FROM events" + where, params).fetchall():
            self.events.setdefault(d, []).append((a, b, i, text or ""))

    def anchor(self, doc_id: str | None, start: int | None = None, text: str | None = None) -> str | None:
        for kind, table in (("quote", self.quotes), ("event", self.events)):
            for a, b, i, content in table.get(doc_id or "", []):
                if start is not None and isinstance(start, int) and a <= start < b:
                    return f"{kind}-{i}"
                if text and start is None and (text in content or (content and content in text)):
                    return f"{kind}-{i}"
        return None


def _strings(obj: object, out: set[str]) -> set[str]:
    """Every string in a JSON value (and its 'doc:idx' prefix), the candidates for doc ids."""
    if isinstance(obj, str):
        out.add(obj)
        if ":" in obj:
            out.add(obj.rsplit(":", 1)[0])
    elif isinstance(obj, dict):
        for v in obj.values():
            _strings(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _strings(v, out)
    return out


def _known_docs(store: Store, candidates: set[str]) -> set[str]:
    """Which of the candidate strings are stored doc ids (one indexed lookup, not a scan of every article)."""
    if not candidates:
        return set()
    return {r[0] for r in store.con.execute(f"SELECT doc_id FROM articles WHERE doc_id IN {_IN}",
                                            [sorted(candidates)]).fetchall()}


def _speaker(value: object, data: dict, names: dict[str, dict]) -> tuple[str | None, object]:
    """(entity id, display name) of a statement's speaker: the id the producer gave, else a name that is an id."""
    sid = data.get("speaker_id") if isinstance(data.get("speaker_id"), str) else None
    if sid not in names:
        sid = value if isinstance(value, str) and value in names else None
    return sid, (names[sid]["name"] if sid else value)


def decorate_claims(store: Store, rows: list[dict]) -> list[dict]:
    """Claim rows (from the claims table) with speaker, articles and each member's place in its article."""
    datas = [loads_json(r.pop("data")) for r in rows]
    known = _known_docs(store, _strings(datas, set()))
    ids = {d.get("speaker_id") for d in datas if isinstance(d.get("speaker_id"), str)} | {r["speaker"] for r in rows if r["speaker"]}
    names = entity_names(store, ids)
    where = _Locator(store, known)
    for r, data in zip(rows, datas):
        r["docs"] = docs_in(data, known)
        r["speaker_id"], r["speaker_name"] = _speaker(r["speaker"], data, names)
        members = []
        for m in data.get("members") or []:
            if isinstance(m, dict) and m.get("doc_id") in known:
                start = m.get("start") if isinstance(m.get("start"), int) else None
                members.append({"doc_id": m["doc_id"], "text": m.get("text") or "", "start": start,
                                "anchor": where.anchor(m["doc_id"], start, m.get("text"))})
            elif isinstance(m, (list, tuple)) and m and m[0] in known:
                members.append({"doc_id": m[0], "text": "", "start": None, "anchor": None})
        r["members"] = members
        r["data"] = data
    return rows


def decorate_contradictions(store: Store, rows: list[dict]) -> list[dict]:
    """Contradiction rows with each side's text, speaker and place in its article."""
    datas = [loads_json(r.pop("data")) for r in rows]
    docs = {r[k] for r in rows for k in ("a_doc", "b_doc") if r[k]}
    spk = {s.get(k) for d in datas for s in (_side(d, "a"), _side(d, "b")) for k in ("speaker", "speaker_id")
           if isinstance(s.get(k), str)}
    names = entity_names(store, spk)
    where = _Locator(store, docs)
    for r, data in zip(rows, datas):
        for key, doc in (("a", r["a_doc"]), ("b", r["b_doc"])):
            side = dict(_side(data, key), doc_id=doc)
            side["speaker_id"], side["speaker_name"] = _speaker(side.get("speaker"), side, names)
            start = side.get("start") if isinstance(side.get("start"), int) else None
            side["anchor"] = where.anchor(doc, start, side.get("text"))
            r[key] = side
        r["reason"] = next((data[k] for k in ("reason", "explanation", "why", "detail") if data.get(k)), "")
        r["data"] = data
    return rows


def claims(store: Store, limit: int | None = None) -> list[dict]:
    """Claims grouped across articles, most-sourced first: speaker resolved, each member located in its article."""
    lim = f"LIMIT {int(limit)}" if limit else ""
    return decorate_claims(store, store.query(f"SELECT * FROM claims ORDER BY n_sources DESC, id {lim}"))


def contradictions(store: Store) -> list[dict]:
    """Contradictions between (or within) articles, each side with its text, speaker and place in the article."""
    return decorate_contradictions(store, store.query("SELECT * FROM contradictions ORDER BY idx"))


def _claim_filter(q: str | None) -> tuple[str, list]:
    if not q:
        return "", []
    like = f"%{q}%"
    return ("WHERE c.text ILIKE ? OR c.speaker ILIKE ? OR c.speaker IN "
            "(SELECT name FROM entities WHERE name ILIKE ?)"), [like, like, like]


def claims_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """One page of claims whose text or speaker contains q, most-sourced first, and how many match in all."""
    where, params = _claim_filter(q)
    total = store.con.execute(f"SELECT count(*) FROM claims c {where}", params).fetchone()[0]
    # the page's ids are picked from narrow rows, then joined: sorting whole rows (JSON data and all) for a deep
    # page cost 1.4 s on 280,000 claims
    rows = store.query(f"""WITH page AS (SELECT c.id, c.n_sources FROM claims c {where} ORDER BY c.n_sources DESC, c.id
                                         LIMIT {int(limit)} OFFSET {int(offset)})
                           SELECT c.* FROM page JOIN claims c ON c.id = page.id ORDER BY page.n_sources DESC, page.id""",
                       params)
    return decorate_claims(store, rows), total


def contradictions_page(store: Store, q: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """One page of contradictions whose kind or statements contain q, in store order, and the total."""
    where, params = ("", []) if not q else ("WHERE c.kind ILIKE ? OR CAST(c.data AS VARCHAR) ILIKE ?",
                                            [f"%{q}%", f"%{q}%"])
    total = store.con.execute(f"SELECT count(*) FROM contradictions c {where}", params).fetchone()[0]
    rows = store.query(f"""WITH page AS (SELECT c.idx FROM contradictions c {where} ORDER BY c.idx
                                         LIMIT {int(limit)} OFFSET {int(offset)})
                           SELECT c.* FROM page JOIN contradictions c ON c.idx = page.idx ORDER BY c.idx""", params)
    return decorate_contradictions(store, rows), total
