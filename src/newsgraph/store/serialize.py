"""ArticleRecord <-> JSON, so the store can rebuild cross-article layers without re-parsing."""
from __future__ import annotations

import json
import sys
from dataclasses import fields, is_dataclass
from functools import lru_cache

from ..records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex


def record_to_json(record: ArticleRecord | EncodedRecord) -> str:
    """Serialise a record losslessly (the same text as json.dumps(asdict(record)), 4x faster: asdict copies
    every nested record and tuple before the encoder walks them again); an EncodedRecord is its own text."""
    if isinstance(record, EncodedRecord):
        return record.json
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


class EncodedRecord:
    """A record as a worker process sent it: the store's JSON text, kept to be stored as it is, decoded only as far
    as the reader asks. A build's parent writes what its workers analysed and needs no record objects: decoding
    every record and encoding it again for the store was a third of the parent's store writes (1,009 bench
    records: record_from_json 0.42 s + record_to_json 0.67 s of CPU, json.loads alone 0.19 s). Reads as an
    ArticleRecord: any field but article decodes the whole record (record_from_json) once."""

    __slots__ = ("json", "_data", "_article", "_record")

    def __init__(self, text: str) -> None:
        self.json = text
        self._data: dict | None = None
        self._article: Article | None = None
        self._record: ArticleRecord | None = None

    @property
    def data(self) -> dict:
        """The decoded JSON (dicts and lists, as record_to_json wrote them)."""
        if self._data is None:
            self._data = json.loads(self.json)
        return self._data

    @property
    def article(self) -> Article:
        if self._article is None:
            self._article = article_from_dict(self.data["article"])
        return self._article

    @property
    def record(self) -> ArticleRecord:
        """The whole record, decoded once."""
        if self._record is None:
            self._record = record_from_json(self.json)
        return self._record

    def __getattr__(self, name: str) -> object:  # entities, mentions, events ...: the record's fields
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.record, name)
