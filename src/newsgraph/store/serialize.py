"""ArticleRecord <-> JSON, so the store can rebuild cross-article layers without re-parsing."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex


def record_to_json(record: ArticleRecord) -> str:
    """Serialise a record losslessly."""
    return json.dumps(asdict(record), ensure_ascii=False)


def article_from_dict(art: dict) -> Article:
    """An Article from its asdict() form: JSON gives lists where the record holds tuples."""
    return Article(**{**art, "removed": tuple(art.get("removed") or ()),
                      "quote_blocks": tuple(tuple(b) for b in art.get("quote_blocks") or ())})


def record_from_json(text: str) -> ArticleRecord:
    """Rebuild a record written by record_to_json."""
    d = json.loads(text)
    return ArticleRecord(
        article=article_from_dict(d["article"]),
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
