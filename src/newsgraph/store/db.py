"""The DuckDB store: one file, migrated on open, written in transactions."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import duckdb

from ..errors import StoreError
from ..records import ArticleRecord
from .schema import CORPUS_TABLES, MIGRATIONS, PER_ARTICLE_TABLES
from .serialize import record_from_json, record_to_json

SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """A newsgraph store; open read-only for serving, read-write for building."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run 'newsgraph build INPUT --db {self.path}' first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        elif self.version() != SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema version {self.version()}, this newsgraph needs "
                             f"{SCHEMA_VERSION}; open it once with 'newsgraph build' to migrate")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema
    def version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply the migrations this file has not seen, each in its own transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
        current = self.version()
        for number, sql in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {number} failed on {self.path}: {exc}") from exc

    # articles
    def content_ids(self) -> dict[str, str]:
        """doc_id -> content_id of what is stored, to skip unchanged articles."""
        return dict(self.con.execute("SELECT doc_id, content_id FROM articles").fetchall())

    def put_record(self, record: ArticleRecord) -> None:
        """Replace one article and its per-article layers atomically."""
        a = record.article
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete_doc(a.doc_id)
            con.execute(
                "INSERT INTO articles (doc_id, content_id, title, published, published_precision, author, outlet,"
                " language, url, source, body, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [a.doc_id, a.content_id, a.title, a.published, a.published_precision, a.author, a.outlet,
                 a.language, a.url, a.source, a.body, record_to_json(record)],
            )
            if record.mentions:
                con.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                                [[a.doc_id, m.entity, m.text, m.start, m.end, m.type, m.kind] for m in record.mentions])
            if record.events:
                con.executemany(
                    "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [[a.doc_id, i, e.type, e.source, e.target, e.location, e.date, e.date_precision, e.modality,
                      e.evidence, e.start, e.end, e.trigger, e.confidence] for i, e in enumerate(record.events)])
            if record.quotes:
                con.executemany(
                    "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?)",
                    [[a.doc_id, i, q.speaker, q.speaker_text, q.cue, q.content, q.start, q.end, q.kind]
                     for i, q in enumerate(record.quotes)])
            if record.timex:
                con.executemany("INSERT INTO timex VALUES (?,?,?,?,?,?,?,?)",
                                [[a.doc_id, i, t.text, t.start, t.end, t.value, t.type, t.anchor]
                                 for i, t in enumerate(record.timex)])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"could not write article {a.doc_id}: {exc}") from exc

    def _delete_doc(self, doc_id: str) -> None:
        for table in ("articles",) + PER_ARTICLE_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def records(self) -> Iterator[ArticleRecord]:
        """Every stored article record, in doc_id order."""
        for (text,) in self.con.execute("SELECT record FROM articles ORDER BY doc_id").fetchall():
            yield record_from_json(text)

    # corpus layers
    def replace_corpus_layers(self, rows: dict[str, list[list]]) -> None:
        """Swap in freshly computed cross-article layers in one transaction (readers see old or new, never half)."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in CORPUS_TABLES:
                con.execute(f"DELETE FROM {table}")
                data = rows.get(table) or []
                if data:
                    marks = ",".join("?" * len(data[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"could not write the cross-article layers: {exc}") from exc

    def query(self, sql: str, params: list | None = None) -> list[dict]:
        """Rows as dicts, for the CLI and the web API."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def json_column(self, sql: str, params: list | None = None) -> list[dict]:
        return [json.loads(r[0]) for r in self.con.execute(sql, params or []).fetchall()]

    def corpus_is_empty(self) -> bool:
        """True when articles exist but the cross-article layers were never written (e.g. a killed build)."""
        n_articles = self.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_map = self.con.execute("SELECT count(*) FROM entity_map").fetchone()[0]
        return n_articles > 0 and n_map == 0
