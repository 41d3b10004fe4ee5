"""Decoded records kept between the corpus steps of one process: a build that adds ten articles to a store this
process stepped before decodes those ten, not every stored record again (1,000 articles: ~0.45 s of JSON decoding
and object building per step). A record is keyed by its doc_id and DuckDB's md5 of its stored JSON, so a changed
or replaced record (another store, a re-analysis) is decoded afresh; records are frozen dataclasses of tuples, so
one object may serve every step."""
from __future__ import annotations

import os
from typing import Iterator

import duckdb

from ..records import ArticleRecord
from .paused_gc import paused_gc
from .serialize import record_from_json

# Stores of more articles than this are not kept between steps (bounded memory: 10,000 records are ~210 MB, held
# through the writing of the corpus tables as well, where the step otherwise frees them).
MEMO_ARTICLES = int(os.environ.get("NEWSGRAPH_RECORD_MEMO", "5000"))
# Stored records decoded per fetch while streaming them.
_RECORDS_PER_FETCH = 256

# doc_id -> (md5 of the stored record JSON, the decoded record), for the store last loaded in this process
_held: dict[str, tuple[str, ArticleRecord]] = {}


def load_records(con: duckdb.DuckDBPyConnection) -> tuple[list[ArticleRecord], dict[str, str]]:
    """Every stored record in doc_id order, and doc_id -> md5 of its JSON; only records not held are decoded.

    The JSON streams out of DuckDB in storage order a few hundred rows at a time and is decoded as it comes; the
    records are sorted here. ORDER BY in SQL (or a fetchmany over execute's result) made DuckDB hold every record's
    JSON at once: on the 10,000-article stress store RSS rose 408 MB loading the records, 257 MB so (the decoded
    records themselves ~210 MB)."""
    global _held
    cur = con.cursor()  # its own cursor: callers may query the store while iterating
    try:
        digests = dict(cur.execute("SELECT doc_id, md5(record) FROM articles").fetchall())
        wanted = [d for d, h in digests.items() if _held.get(d, ("",))[0] != h]
        found = {d: _held[d][1] for d in digests.keys() - set(wanted)}
        if wanted:
            sql = "SELECT doc_id, record FROM articles"
            params: list = []
            if len(wanted) < len(digests):
                sql += " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
                params = [wanted]
            reader = cur.sql(sql, params=params or None).to_arrow_reader(_RECORDS_PER_FETCH)
            with paused_gc():  # a million acyclic objects: full collections walked them all (0.2 s at 1,000)
                for batch in reader:
                    found.update(zip(batch.column(0).to_pylist(), map(record_from_json, batch.column(1).to_pylist())))
    finally:
        cur.close()
    ids = sorted(digests)  # str order is UTF-8 byte order, DuckDB's VARCHAR order
    _held = {d: (digests[d], found[d]) for d in ids} if len(ids) <= MEMO_ARTICLES else {}
    return [found[d] for d in ids], digests


def forget() -> None:
    """Drop the records held (tests; a caller that wants the memory back)."""
    _held.clear()


def held() -> Iterator[str]:
    """The doc_ids of the records held (tests)."""
    return iter(list(_held))
