"""Per-article annotation JSON in the exchange format of shared/reference/annotation-format.md."""
from __future__ import annotations

import json
from pathlib import Path

from ..records import ArticleRecord
from ..resolve.corpus import InheritedDate
from ..resolve.entities import EntityIndex


def _event_date(ev, inherited: InheritedDate | None) -> dict:
    if inherited is None:
        return {"date": ev.date, "date_precision": ev.date_precision}
    return {"date": inherited.date, "date_precision": inherited.precision, "date_from_story": inherited.story_id}


def _mention(m: tuple[str, int, int]) -> dict:
    """The mention a speaker was resolved from, as exported: {text, start, end} in the body."""
    return {"text": m[0], "start": m[1], "end": m[2]}


def annotation(record: ArticleRecord, index: EntityIndex,
               inherited: dict[tuple[str, int], InheritedDate] | None = None) -> dict:
    """One article's annotations; actors and speakers carry corpus-wide canonical names.

    inherited: story-event dates for reports whose own text dates them less precisely (marked date_from_story).
    """
    inherited = inherited or {}
    a = record.article
    doc = a.doc_id
    named = {m.entity for m in record.mentions if m.kind == "name"}
    entities = []
    for e in record.entities:
        if e.key not in named:
            continue  # known only through a demonym or a description: not a name in this article
        g = index.entity_of(doc, e.key)
        entities.append({
            "id": g.id if g else e.key, "name": g.name if g else e.name, "type": e.type,
            "aliases": list(e.aliases),
            **({"iso": e.iso} if e.iso else {}),
            **({"lat": e.lat, "lon": e.lon} if e.lat is not None else {}),
        })
    events = [{
        "type": ev.type, "source": index.name_of(doc, ev.source), "target": index.name_of(doc, ev.target),
        **_event_date(ev, inherited.get((doc, k))), "location": index.name_of(doc, ev.location),
        "evidence": ev.evidence, "start": ev.start, "end": ev.end, "modality": ev.modality,
        "confidence": round(ev.confidence, 3),
        **({"source_mention": _mention(ev.source_mention)} if ev.source_mention else {}),
        **({"target_mention": _mention(ev.target_mention)} if ev.target_mention else {}),
    } for k, ev in enumerate(record.events)]
    quotes = [{
        "speaker": index.name_of(doc, q.speaker), "speaker_text": q.speaker_text, "cue": q.cue,
        "content": q.content, "start": q.start, "end": q.end, "kind": q.kind,
        **({"speaker_mention": _mention(q.speaker_mention)} if q.speaker_mention else {}),
    } for q in record.quotes]
    timex = [{"text": t.text, "value": t.value, "type": t.type, "anchor": t.anchor,
              **({"start": t.start, "end": t.end} if t.start >= 0 else {"where": "header"})}
             for t in record.timex]
    return {
        "doc_id": doc,
        "meta": {"title": a.title, "published": a.published, "published_precision": a.published_precision,
                 "published_source": a.published_source, "author": a.author, "outlet": a.outlet,
                 "language": a.language, "url": a.url},
        "body": a.body,
        "entities": entities,
        "events": events,
        "quotes": quotes,
        "timex": timex,
    }


def write_annotations(records: list[ArticleRecord], index: EntityIndex, out_dir: Path,
                      inherited: dict[tuple[str, int], InheritedDate] | None = None) -> list[Path]:
    """Write <doc_id>.json per article; deterministic key order and formatting."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in records:
        path = out_dir / f"{r.article.doc_id}.json"
        data = annotation(r, index, inherited)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
