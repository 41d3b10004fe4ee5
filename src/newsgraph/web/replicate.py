"""Stress-test stores for the desk: a small analysed store copied N times with new ids, straight into DuckDB
(put_record for the analysed records, SQL copies of their rows, replace_corpus_layers), so a 1,000- or 10,000-article store takes seconds to
minutes instead of re-parsing thousands of texts. Only for measuring the desk at size (issue 14 allows texts
repeated with new ids for this): the copies are the same articles, so the corpus layers are copied too, not
recomputed. Entities named in more than one base article stay shared across copies (the heavy hitters of a
real corpus); entities of one article get a new id and a '#k' name per copy (the long tail); day dates move
by `shift_days` per copy so date filters have a range to cut."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from ..store.db import Store
from ..store.schema import CORPUS_TABLES, PER_ARTICLE_TABLES


def _shift(date: str | None, days: int) -> str | None:
    """A YYYY-MM-DD date moved by days; any other value unchanged."""
    if not days or not date or len(date) != 10:
        return date
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def _remap(obj: object, ids: dict[str, str]) -> object:
    """A JSON value with every string that is a known id (or 'id:n') replaced by its copy's id."""
    if isinstance(obj, str):
        if obj in ids:
            return ids[obj]
        head, sep, tail = obj.rpartition(":")
        return ids[head] + sep + tail if sep and head in ids else obj
    if isinstance(obj, dict):
        return {k: _remap(v, ids) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_remap(v, ids) for v in obj]
    return obj


def _base(store: Store) -> tuple[list, dict[str, list[tuple]]]:
    records = list(store.records())
    rows = {t: store.con.execute(f"SELECT * FROM {t}").fetchall() for t in CORPUS_TABLES}
    return records, rows


def replicate(base_db: str | Path, out_db: str | Path, copies: int, shift_days: int = 2) -> int:
    """Write `copies` copies of every article and corpus row of base_db into a new store at out_db;
    returns how many articles it holds."""
    out_db = Path(out_db)
    if out_db.exists():
        raise FileExistsError(f"{out_db} exists; remove it first")
    with Store(base_db, read_only=True) as src:
        records, rows = _base(src)
    docs = [r.article.doc_id for r in records]
    shared = {e[0] for e in rows["entities"] if (e[6] or 0) > 1}
    local = [e[0] for e in rows["entities"] if e[0] not in shared]
    stories = [s[0] for s in rows["story_events"]]
    claim_ids = [c[0] for c in rows["claims"]]
    n_contra = len(rows["contradictions"])
    out: dict[str, list[list]] = {t: [] for t in CORPUS_TABLES}
    with Store(out_db, publish_every=1e9) as dst:
        for k in range(copies):
            sfx = f"~{k}" if k else ""
            days = k * shift_days
            ids = {d: d + sfx for d in docs} | {e: e + sfx for e in local} | {s: s + sfx for s in stories} \
                | {c: c + sfx for c in claim_ids}
            ent = lambda x: ids.get(x, x) if x else x  # noqa: E731
            if k == 0:
                for rec in records:
                    art = dataclasses.replace(rec.article, published=_shift(rec.article.published, days))
                    dst.put_record(dataclasses.replace(rec, article=art))
            for e in rows["entities"]:
                if k and e[0] in shared:
                    continue  # one row for a shared entity, counted over every copy
                out["entities"].append([ent(e[0]), f"{e[1]} #{k}" if k else e[1], *e[2:6],
                                        (e[6] or 0) * (copies if e[0] in shared else 1)])
            for a in rows["entity_aliases"]:
                if k == 0 or a[0] not in shared:
                    out["entity_aliases"].append([ent(a[0]), a[1]])
            out["entity_map"] += [[ids[m[0]], m[1], ent(m[2])] for m in rows["entity_map"]]
            for s in rows["story_events"]:
                data = _remap(json.loads(s[9]) if s[9] else {}, ids)
                if isinstance(data, dict) and data.get("date"):
                    data["date"] = _shift(data["date"], days)
                out["story_events"].append([ids[s[0]], s[1], ent(s[2]), ent(s[3]), _shift(s[4], days), s[5], s[6],
                                            s[7], ids.get(s[8], s[8]), json.dumps(data, ensure_ascii=False)])
            out["story_event_mentions"] += [[ids[m[0]], ids[m[1]], m[2]] for m in rows["story_event_mentions"]]
            out["claims"] += [[ids[c[0]], c[1], c[2], c[3], json.dumps(_remap(json.loads(c[4] or "{}"), ids),
                                                                         ensure_ascii=False)] for c in rows["claims"]]
            out["contradictions"] += [[c[0] + k * n_contra, c[1], ids.get(c[2], c[2]), ids.get(c[3], c[3]),
                                       json.dumps(_remap(json.loads(c[4] or "{}"), ids), ensure_ascii=False)]
                                      for c in rows["contradictions"]]
            out["source_profiles"] += [[ids[p[0]], p[1], p[2], p[3], ids.get(p[4], p[4]),
                                        json.dumps(_remap(json.loads(p[5] or "{}"), ids), ensure_ascii=False)]
                                       for p in rows["source_profiles"]]
        _copy_articles(dst, copies, shift_days)
        dst.replace_corpus_layers(out)
        return dst.con.execute("SELECT count(*) FROM articles").fetchone()[0]


def _copy_articles(dst: Store, copies: int, shift_days: int) -> None:
    """Copies 1..copies-1 of the articles put_record wrote, in SQL (one transaction; put_record per copy took
    ~90 ms an article on the shared machine). The copies' record JSON keeps the first copy's ids: the desk
    never reads it, and a corpus rebuild on this store is not what it is for."""
    con = dst.con
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                      "'articles' ORDER BY ordinal_position").fetchall()]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies])
        pub = ("CASE WHEN length(a.published) = 10 AND try_cast(a.published AS DATE) IS NOT NULL THEN "
               f"strftime(CAST(a.published AS DATE) + CAST(k.k * {int(shift_days)} AS INTEGER), '%Y-%m-%d') ELSE a.published END")
        sel = ", ".join("a.doc_id || '~' || k.k" if c == "doc_id" else pub if c == "published" else f"a.{c}"
                        for c in cols)
        con.execute(f"INSERT INTO articles ({', '.join(cols)}) SELECT {sel} FROM articles a, k")
        for table in PER_ARTICLE_TABLES:
            tcols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                               "table_name = ? ORDER BY ordinal_position", [table]).fetchall()]
            sel = ", ".join("t.doc_id || '~' || k.k" if c == "doc_id" else f"t.{c}" for c in tcols)
            con.execute(f"INSERT INTO {table} ({', '.join(tcols)}) SELECT {sel} FROM {table} t, k")
        con.execute("DROP TABLE k")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
