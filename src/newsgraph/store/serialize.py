"""ArticleRecord <-> JSON, so the store can rebuild cross-article layers without re-parsing."""
from __future__ import annotations

import json
import sys
from dataclasses import fields, is_dataclass
from functools import lru_cache

from ..records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex


def record_to_json(record: ArticleRecord) -> str:
    """Serialise a record losslessly (the same text as json.dumps(asdict(record)), 4x faster: asdict copies
    every nested record and tuple before the encoder walks them again)."""
    return json.dumps(record, ensure_ascii=False, default=_fields)


def _fields(obj: object) -> dict:
    """A nested record for the JSON encoder: its fields, in their order (records have slots, no __dict__)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: getattr(obj, name) for name in _names(type(obj))}
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


@lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def article_from_dict(art: dict) -> Article:
    """An Article from its asdict() form: JSON gives lists where the record holds tuples."""
    return Article(**{**art, "removed": tuple(art.get("removed") or ()),
                      "quote_blocks": tuple(tuple(b) for b in art.get("quote_blocks") or ())})


def _shared(d: dict, keys: tuple[str, ...]) -> dict:
    """d with the string values of keys interned: a corpus repeats types, entity keys and names thousands of
    times, and decoded JSON would hold one copy per occurrence (about 40% of a loaded record's memory)."""
    for k in keys:
        v = d.get(k)
        if type(v) is str:
            d[k] = _intern(v)
    return d


_intern = sys.intern
_MENTION = ("text", "type", "entity", "kind")
_ENTITY = ("key", "name", "type", "iso")
_EVENT = ("type", "source", "target", "location", "date", "date_precision", "modality", "trigger")
_QUOTE = ("speaker", "cue", "kind")
_TIMEX = ("type", "value", "anchor")


def record_from_json(text: str) -> ArticleRecord:
    """Rebuild a record written by record_to_json (repeated short strings shared, see _shared)."""
    d = json.loads(text)
    return ArticleRecord(
        article=article_from_dict(d["article"]),
        entities=tuple(LocalEntity(**{**_shared(e, _ENTITY), "aliases": tuple(map(_intern, e["aliases"]))})
                       for e in d["entities"]),
        mentions=tuple(Mention(**_shared(m, _MENTION)) for m in d["mentions"]),
        events=tuple(Event(**{**_shared(e, _EVENT),
                              **{k: tuple(e[k]) for k in ("source_mention", "target_mention") if e.get(k)}})
                     for e in d["events"]),
        quotes=tuple(Quote(**{**_shared(q, _QUOTE),
                              "speaker_mention": tuple(q["speaker_mention"]) if q.get("speaker_mention") else None})
                     for q in d["quotes"]),
        timex=tuple(Timex(**_shared(t, _TIMEX)) for t in d["timex"]),
        sentences=tuple(tuple(s) for s in d["sentences"]),
        inferred_anchor=d.get("inferred_anchor"),
    )
