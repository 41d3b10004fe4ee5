"""The rows of the per-article tables (articles, mentions, events, quotes, timex) that Store.put_records writes for a
batch of records, and their insert: kept apart from the store's file handling (store.db)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from operator import attrgetter, itemgetter

import duckdb
import pyarrow as pa

from ..records import ArticleRecord
from .bulk import ARROW_FROM, insert_arrow, insert_values
from .schema import PER_ARTICLE_TABLES
from .serialize import EncodedRecord, record_to_json


# The per-article tables' columns after doc_id (and idx), as the record's field names: read with attrgetter from
# records, with itemgetter from their decoded JSON (the same names, the same values).
_MENTION_FIELDS = ("entity", "text", "start", "end", "type", "kind")
_EVENT_FIELDS = ("type", "source", "target", "location", "date", "date_precision", "modality", "evidence", "start", "end",
                 "trigger", "confidence", "source_mention", "target_mention")
_QUOTE_FIELDS = ("speaker", "speaker_text", "cue", "content", "start", "end", "kind", "speaker_mention")
_TIMEX_FIELDS = ("text", "start", "end", "value", "type", "anchor")
# The articles columns ArticleRows.add fills, in its order (every value a string or None).
_ARTICLE_COLUMNS = ("doc_id", "content_id", "title", "published", "published_precision", "author", "outlet", "language",
                    "url", "source", "body", "record", "published_source")
_ARTICLE_LIST = ", ".join(_ARTICLE_COLUMNS)


class ArticleRows:
    """The rows put_records writes for its records, per table."""

    _getters = {decoded: tuple(get(*names) for names in (_MENTION_FIELDS, _EVENT_FIELDS, _QUOTE_FIELDS, _TIMEX_FIELDS))
                for decoded, get in ((False, attrgetter), (True, itemgetter))}

    def __init__(self) -> None:
        self.articles: list[list] = []
        self.mentions: list[list] = []
        self.events: list[list] = []
        self.quotes: list[list] = []
        self.timex: list[list] = []

    def add(self, record: ArticleRecord | EncodedRecord) -> None:
        """Add one record's rows: an EncodedRecord's from its JSON, which is stored as it came."""
        if isinstance(record, EncodedRecord):
            d = record.data
            text, parts = record.json, (d["mentions"], d["events"], d["quotes"], d["timex"])
        else:
            text, parts = record_to_json(record), (record.mentions, record.events, record.quotes, record.timex)
        mention, event, quote, timex = self._getters[isinstance(record, EncodedRecord)]
        a = record.article
        doc_id = a.doc_id
        self.articles.append([doc_id, a.content_id, a.title, a.published, a.published_precision, a.author, a.outlet,
                              a.language, a.url, a.source, a.body, text, a.published_source])
        self.mentions += [[doc_id, *mention(m)] for m in parts[0]]
        for i, e in enumerate(parts[1]):
            *cols, source_mention, target_mention = event(e)
            self.events.append([doc_id, i, *cols, _mention_json(source_mention), _mention_json(target_mention)])
        for i, q in enumerate(parts[2]):
            *cols, speaker_mention = quote(q)
            self.quotes.append([doc_id, i, *cols, _mention_json(speaker_mention)])
        self.timex += [[doc_id, i, *timex(t)] for i, t in enumerate(parts[3])]

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert the rows, inside the caller's transaction."""
        _insert_articles(con, self.articles)
        for table in PER_ARTICLE_TABLES:
            _append(con, table, getattr(self, table))


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """bulk.insert_rows without a view registered and dropped per table: the Arrow table goes to DuckDB's relation
    API (1,009 bench records 16 a transaction: put_records ~10% less CPU)."""
    if len(rows) >= ARROW_FROM:
        try:
            arrow = pa.table({f"c{j}": pa.array(col) for j, col in enumerate(zip(*rows))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
        else:
            con.from_arrow(arrow).insert_into(table)
            return
    insert_values(con, table, rows)


def _insert_articles(con: duckdb.DuckDBPyConnection, rows: list[list]) -> None:
    """The articles rows (named columns: ingested_at takes its default), as one Arrow table when there are enough of
    them: a build's 64-record commits bound 832 VALUES parameters, the bodies and record JSON among them (1,000 bench
    records in 16 commits: 0.20 s CPU as VALUES, 0.10 s as Arrow, same rows)."""
    if len(rows) >= ARROW_FROM:
        try:
            arrow = pa.table({c: pa.array(col, type=pa.string()) for c, col in zip(_ARTICLE_COLUMNS, zip(*rows))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
        else:
            insert_arrow(con, f"INSERT INTO articles ({_ARTICLE_LIST}) SELECT {_ARTICLE_LIST} FROM {{rows}}", arrow)
            return
    row = "(" + ",".join("?" * len(_ARTICLE_COLUMNS)) + ")"
    con.execute(f"INSERT INTO articles ({_ARTICLE_LIST}) VALUES " + ",".join([row] * len(rows)),
                [v for article_row in rows for v in article_row])


def _mention_json(m: Sequence | None) -> str | None:
    """A mention as the JSON stored in the speaker_mention / source_mention / target_mention columns."""
    return json.dumps({"text": m[0], "start": m[1], "end": m[2]}, ensure_ascii=False) if m else None
