"""Tabular exports (CSV, JSONL, Parquet) of events, entities and quotes from a store.

Events come in two levels:
- ``story`` (default): one row per story event, i.e. one real-world event with every report of it merged;
  ``sources`` counts independent sources (near-copies count once), ``articles`` lists every report.
- ``mention``: one row per event mention, i.e. one row per article sentence that reports an event.
Columns follow ACLED/POLECAT conventions: date, precision, type, actor, actor ISO, target, target ISO,
location, latitude, longitude, sources, evidence.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

from .. import queries as Q
from ..errors import NewsgraphError
from ..store.db import Store

FORMATS = ("csv", "jsonl", "parquet")
EVENT_LEVELS = ("story", "mention")

EVENT_COLUMNS = ["event_id", "date", "precision", "type", "actor", "actor_id", "actor_iso", "target", "target_id",
                 "target_iso", "location", "latitude", "longitude", "sources", "articles", "modality", "evidence"]
ENTITY_COLUMNS = ["id", "name", "type", "iso", "latitude", "longitude", "n_articles", "aliases", "articles"]
QUOTE_COLUMNS = ["doc_id", "idx", "speaker", "speaker_id", "speaker_text", "cue", "kind", "content", "start", "end",
                 "published", "outlet", "title"]


class ExportError(NewsgraphError):
    """An export was asked for in a format or level that does not exist."""

    code = "E500"


def event_rows(store: Store, level: str = "story") -> list[dict]:
    """Event rows at the story or mention level, in EVENT_COLUMNS order."""
    if level not in EVENT_LEVELS:
        raise ExportError(f"unknown event level {level!r}; use one of {', '.join(EVENT_LEVELS)}")
    ents = {e["id"]: e for e in Q.entity_rows(store, limit=10_000_000)}
    if level == "mention":
        return [{
            "event_id": f"{r['doc_id']}:{r['idx']}", "date": r["date"], "precision": r["date_precision"],
            "type": r["type"], "actor": r["source"] or r["source_key"], "actor_id": r["source_id"],
            "actor_iso": r["source_iso"], "target": r["target"] or r["target_key"], "target_id": r["target_id"],
            "target_iso": r["target_iso"], "location": r["location"] or r["location_key"], "latitude": r["latitude"],
            "longitude": r["longitude"], "sources": 1, "articles": r["doc_id"], "modality": r["modality"],
            "evidence": r["evidence"]} for r in Q.event_mentions(store)]
    locs = Q.story_locations(store)
    by_name = {e["name"]: {"name": e["name"], "lat": e["lat"], "lon": e["lon"]} for e in ents.values()
               if e["type"] in ("GPE", "LOC") and e["lat"] is not None}
    modality = {(r["doc_id"], r["idx"]): r["modality"] for r in store.query("SELECT doc_id, idx, modality FROM events")}
    rows = []
    for s in Q.story_events(store):
        loc = locs.get(s["id"], {})
        if s["location"] and loc.get("name") != s["location"]:
            loc = by_name.get(s["location"], {})
        src, tgt = ents.get(s["source_id"] or ""), ents.get(s["target_id"] or "")
        mods = sorted({modality.get((d, i)) for d, i in s["mentions"] if modality.get((d, i))})
        rows.append({
            "event_id": s["id"], "date": s["date"], "precision": s["date_precision"], "type": s["type"],
            "actor": s["source"], "actor_id": s["source_id"], "actor_iso": src["iso"] if src else None,
            "target": s["target"], "target_id": s["target_id"], "target_iso": tgt["iso"] if tgt else None,
            "location": s["location"] or loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
            "sources": s["n_sources"], "articles": ";".join(s["docs"]), "modality": ";".join(mods),
            "evidence": " | ".join(s["evidence"])})
    return rows


def entity_rows(store: Store) -> list[dict]:
    """One row per merged entity, in ENTITY_COLUMNS order."""
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "iso": e["iso"], "latitude": e["lat"],
             "longitude": e["lon"], "n_articles": e["n_docs"], "aliases": ";".join(e["aliases"]),
             "articles": ";".join(e["docs"])} for e in Q.entity_rows(store, limit=10_000_000)]


def quote_rows(store: Store) -> list[dict]:
    """One row per quote with its speaker resolved, in QUOTE_COLUMNS order."""
    return [{"doc_id": q["doc_id"], "idx": q["idx"], "speaker": q["speaker"] or q["speaker_text"],
             "speaker_id": q["speaker_id"], "speaker_text": q["speaker_text"], "cue": q["cue"], "kind": q["kind"],
             "content": q["content"], "start": q["start_char"], "end": q["end_char"], "published": q["published"],
             "outlet": q["outlet"], "title": q["title"]} for q in Q.all_quotes(store)]


def write_rows(rows: Iterable[dict], columns: list[str], out: str | Path, fmt: str) -> int:
    """Write rows with exactly these columns as CSV, JSONL or Parquet; returns the row count."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = [{c: r.get(c) for c in columns} for r in rows]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows({c: _csv_safe(v) for c, v in r.items()} for r in rows)
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_schema(rows, columns)) if rows else \
            pa.table({c: pa.array([], pa.string()) for c in columns})
        pq.write_table(table, out)
    return len(rows)


def _csv_safe(value: object) -> object:
    """Article text is untrusted: a cell that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _schema(rows: list[dict], columns: list[str]):
    """Arrow schema from the first non-null value of each column (strings when a column is all null)."""
    import pyarrow as pa

    kinds = {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
    fields = []
    for c in columns:
        sample = next((r[c] for r in rows if r[c] is not None), None)
        typ = kinds.get(type(sample), pa.string())
        if typ == pa.int64() and any(isinstance(r[c], float) for r in rows):
            typ = pa.float64()
        fields.append(pa.field(c, typ))
    return pa.schema(fields)


def export_table(db: str | Path, what: str, out: str | Path, fmt: str, level: str = "story") -> int:
    """Export events, entities or quotes from the store at db; returns the number of rows written."""
    with Store(db, read_only=True) as store:
        if what == "events":
            return write_rows(event_rows(store, level), EVENT_COLUMNS, out, fmt)
        if what == "entities":
            return write_rows(entity_rows(store), ENTITY_COLUMNS, out, fmt)
        if what == "quotes":
            return write_rows(quote_rows(store), QUOTE_COLUMNS, out, fmt)
    raise ExportError(f"unknown table {what!r}; use events, entities or quotes")
