"""ArticleRecord <-> JSON, so the store can rebuild cross-article layers without re-parsing."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex


def record_to_json(record: ArticleRecord) -> str:
    """Serialise a record losslessly."""
    return json.dumps(asdict(record), ensure_ascii=False)


def record_from_json(text: str) -> ArticleRecord:
    """Rebuild a record written by record_to_json."""
    d = json.loads(text)
    art = d["article"]
    art["removed"] = tuple(art.get("removed") or ())
    return ArticleRecord(
        article=Article(**art),
        entities=tuple(LocalEntity(**{**e, "aliases": tuple(e["aliases"])}) for e in d["entities"]),
        mentions=tuple(Mention(**m) for m in d["mentions"]),
        events=tuple(Event(**{**e, **{k: tuple(e[k]) for k in ("source_mention", "target_mention") if e.get(k)}})
                     for e in d["events"]),
        quotes=tuple(Quote(**{**q, "speaker_mention": tuple(q["speaker_mention"]) if q.get("speaker_mention") else None})
                     for q in d["quotes"]),
        timex=tuple(Timex(**t) for t in d["timex"]),
        sentences=tuple(tuple(s) for s in d["sentences"]),
        inferred_anchor=d.get("inferred_anchor"),
    )
