"""The DuckDB store: one file, migrated on open, written in transactions.

Readers and the builder never share a file. DuckDB lets one process hold a file read-write and then no
other process may open it at all, so a build writes to a private work copy (`<db>.building`), commits
every article there (the crash-safe copy: a killed build resumes from it), and publishes snapshots to
`<db>` with an atomic os.replace. Read-only openers (the web app, the query CLI) therefore always find a
complete, committed store at `<db>` and are never locked out; a reader that keeps a connection open sees
its snapshot until it reopens. One builder at a time is enforced with a lock file.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import duckdb

from ..errors import StoreError
from ..records import ArticleRecord
from .bulk import insert_rows as _insert_rows
from .paused_gc import paused_gc
from .schema import CORPUS_TABLES, MIGRATIONS, PER_ARTICLE_TABLES
from .article_rows import ArticleRows
from .serialize import EncodedRecord

if TYPE_CHECKING:
    from .block_cache import StoreBlockCache
    from .block_writer import BlockWriter

try:  # POSIX advisory locks keep two builders off one work copy
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX platforms
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = len(MIGRATIONS)
# DuckDB's buffer pool for a builder (default: 80% of RAM); a build's peak memory is bounded (issue 14),
# and larger sorts or joins spill to disk beside the store. The pool fills to its limit over a corpus step and
# stays full (10,000-article stress store: 512MB -> 256MB lowered the step's peak 2,002 -> 1,882 MB, same tables).
BUILD_MEMORY = os.environ.get("NEWSGRAPH_DUCKDB_MEMORY", "256MB")
# Corpus rows inserted per batch when replacing the corpus layers, and the text (JSON) a batch may hold: a batch
# of 50,000 claim or profile rows is hundreds of MB of JSON, held twice (the rows and their Arrow copy).
_ROWS_PER_BATCH = 50_000
_BATCH_CHARS = 8_000_000
# Rows whose text is counted together (a divisor of _ROWS_PER_BATCH).
_COUNTED_ROWS = 1_000
# Text written to the staging tables between checkpoints.
_CHECKPOINT_CHARS = 32_000_000
# Seconds between snapshots published to readers during a build (the final one is always published).
PUBLISH_SECONDS = float(os.environ.get("NEWSGRAPH_PUBLISH_SECONDS", "30"))
# Bookkeeping that is not part of the data model: whether the corpus layers lag behind the articles.
_STATE_SQL = "CREATE TABLE IF NOT EXISTS build_state (key VARCHAR PRIMARY KEY, value VARCHAR)"
_MARK_STALE = "INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '1')"
_MARK_FRESH = "INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '0')"


def work_path(path: str | Path) -> Path:
    """The builder's private copy of a store; present between builds only after a crash."""
    path = Path(path)
    return path.with_name(path.name + ".building")


class Store:
    """A newsgraph store; open read-only for serving, read-write for building."""

    def __init__(self, path: str | Path, read_only: bool = False, publish_every: float | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.publish_every = PUBLISH_SECONDS if publish_every is None else publish_every
        self._dirty = False
        self._defer_publish = False  # publish_deferred
        self._blocks: "BlockWriter | None" = None  # commits block cache rows on a thread (store.block_writer.of)
        self._lock_fd: int | None = None
        self._last_publish = time.monotonic()
        if read_only:
            self.con = self._open_reader()
            version = self.version()
            if version != SCHEMA_VERSION:
                self.con.close()
                raise StoreError(f"store {self.path} has schema version {version}, this newsgraph needs "
                                 f"{SCHEMA_VERSION}; open it once with 'newsgraph build' to migrate")
            return
        self._lock()
        try:
            self.work = self._prepare_work_copy()
            self.con = duckdb.connect(str(self.work), config={"memory_limit": BUILD_MEMORY})
        except (duckdb.Error, OSError) as exc:
            self._unlock()
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            self.migrate()
        except StoreError:
            self.con.close()
            self._unlock()
            raise

    # opening
    def _open_reader(self, attempts: int = 6) -> duckdb.DuckDBPyConnection:
        """Open the published file read-only; retry briefly in case an old-style writer holds it."""
        if not self.path.exists():
            raise StoreError(f"no store at {self.path}; run 'newsgraph build INPUT --db {self.path}' first")
        delay = 0.05
        for attempt in range(attempts):
            try:
                return duckdb.connect(str(self.path), read_only=True)
            except duckdb.Error as exc:
                if attempt == attempts - 1 or "lock" not in str(exc).lower():
                    raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _lock(self) -> None:
        if fcntl is None:
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {lock_path}: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"another build is writing {self.path}; wait for it to finish") from exc
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _prepare_work_copy(self) -> Path:
        """Resume a crashed build's work copy, or start one from the published store."""
        work = work_path(self.path)
        if work.exists():
            self._dirty = True  # unpublished commits may be in it
            return work  # a killed build: everything it committed is in here (DuckDB replays its WAL)
        if self.path.exists():
            wal = self.path.with_name(self.path.name + ".wal")
            if wal.exists():  # written by a writer that opened the published file directly: fold it in
                duckdb.connect(str(self.path)).close()
            shutil.copyfile(self.path, work)
        return work

    def close(self) -> None:
        """Close; a builder publishes what it committed and gives up its work copy."""
        if self.read_only:
            self.con.close()
            return
        try:
            if self._blocks is not None:
                blocks, self._blocks = self._blocks, None
                try:
                    blocks.close()
                except StoreError:  # a block write failed: nothing is published, the connection still goes
                    self.con.close()
                    raise
            self.con.execute("CHECKPOINT")
            self.con.close()
            if self._dirty or not self.path.exists():
                _fsync(self.work)
                os.replace(self.work, self.path)
                _fsync_dir(self.path.parent)
            else:
                self.work.unlink()
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"could not publish the store {self.path}: {exc}") from exc
        finally:
            self._unlock()

    def publish(self) -> None:
        """Give readers a snapshot of everything committed so far (copy, then atomic rename)."""
        if self.read_only or not self._dirty:
            return
        if self._blocks is not None:  # a checkpoint fails while the block writer's transaction is open
            self._blocks.flush()
        tmp = self.path.with_name(self.path.name + ".publishing")
        try:
            self.con.execute("CHECKPOINT")
            shutil.copyfile(self.work, tmp)
            _fsync(tmp)
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"could not publish a snapshot of {self.path}: {exc}") from exc
        self._dirty = False
        self._last_publish = time.monotonic()

    def _committed(self) -> None:
        self._dirty = True
        if self._defer_publish:
            return
        if not self.path.exists() or time.monotonic() - self._last_publish >= self.publish_every:
            self.publish()

    @contextmanager
    def publish_deferred(self) -> Iterator[None]:
        """Commits inside are not published as they come: a later commit, publish() or close() publishes them. For a
        caller that closes the store right after (a build's corpus step), where the snapshot the layers' swap
        published was copied again at once by close (1,000-article store: 113 MB copied and synced, ~0.1-0.25 s wall
        and ~0.05 s CPU of a build's last second)."""
        was, self._defer_publish = self._defer_publish, True
        try:
            yield
        finally:
            self._defer_publish = was

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
        self.con.execute(_STATE_SQL)
        current = self.version()
        for number, sql in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
                self.con.execute("COMMIT")
                self._dirty = True
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {number} failed on {self.path}: {exc}") from exc

    # articles
    def content_ids(self) -> dict[str, str]:
        """doc_id -> content_id of what is stored, to skip unchanged articles."""
        return dict(self.con.execute("SELECT doc_id, content_id FROM articles").fetchall())

    def input_digests(self) -> dict[str, str]:
        """doc_id -> the digest of the raw input its stored article was read from (ingest.iter_read's known): only
        digests recorded for the content stored now count."""
        return dict(self.con.execute("SELECT d.doc_id, d.digest FROM input_digests d JOIN articles a "
                                     "ON a.doc_id = d.doc_id AND a.content_id = d.content_id").fetchall())

    def put_input_digests(self, digests: Sequence[tuple[str, str, str]]) -> None:
        """Record (doc_id, digest, content_id) of inputs read in full: reading that digest gives that content id, a
        fact whatever is stored, so these may be written before or after their articles."""
        if not digests:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            _put_digests(self.con, digests)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not write input digests: {exc}") from exc
        self._committed()

    def put_record(self, record: ArticleRecord | EncodedRecord) -> None:
        """Replace one article and its per-article layers atomically."""
        self.put_records([record])

    def put_records(self, records: Sequence[ArticleRecord | EncodedRecord],
                    digests: Sequence[tuple[str, str, str]] = ()) -> None:
        """Replace articles and their per-article layers in one transaction (all of them or none): a build
        writes what its workers hand back together, one statement per table and one commit for all. A record a
        worker sent as JSON (EncodedRecord) is stored as that text and its rows are read from the decoded JSON.
        digests: input digests to record in the same transaction (put_input_digests)."""
        if not records:
            self.put_input_digests(digests)
            return
        ids = [r.article.doc_id for r in records]
        if len(set(ids)) < len(ids):  # the same article twice: the later one wins, in order
            for r in records:
                self.put_records([r])
            self.put_input_digests(digests)
            return
        rows = ArticleRows()
        for r in records:
            rows.add(r)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            marks = ",".join("?" * len(ids))
            for (doc_id,) in con.execute(f"SELECT doc_id FROM articles WHERE doc_id IN ({marks})", ids).fetchall():
                self._delete_doc(doc_id)  # only replaced articles pay for the (unindexed) deletes
            rows.insert(con)
            _put_digests(con, digests)
            con.execute(_MARK_STALE)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            which = ids[0] if len(ids) == 1 else f"{ids[0]} .. {ids[-1]} ({len(ids)} articles)"
            raise StoreError(f"could not write article {which}: {exc}") from exc
        self._committed()

    def _delete_doc(self, doc_id: str) -> None:
        for table in ("articles",) + PER_ARTICLE_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def records(self) -> Iterator[ArticleRecord]:
        """Every stored article record, in doc_id order; records this process decoded in an earlier corpus step and
        that are stored unchanged are not decoded again (store.record_memo)."""
        yield from self.records_and_fingerprints()[0]

    def records_and_fingerprints(self) -> tuple[list[ArticleRecord], dict[str, str]]:
        """records(), and doc_id -> DuckDB's md5 of each stored record (what keys the corpus layers' per-article
        blocks), from the one query record_memo makes to decide what to decode."""
        from .record_memo import load_records

        return load_records(self.con)

    def block_cache(self) -> "StoreBlockCache":
        """The corpus layers' block cache (resolve.blocks.BlockCache) for one corpus step; prune() it after."""
        from .block_cache import StoreBlockCache

        return StoreBlockCache(self)

    # corpus layers
    def replace_corpus_layers(self, rows: Mapping[str, Iterable[list]]) -> None:
        """Swap in freshly computed cross-article layers (readers see old or new, never half).

        Each table's rows may be a generator: they are consumed in batches, so the rows need never all be held.
        The rows go into staging tables, committed and checkpointed as they come, and one short transaction swaps
        them for the old tables: DuckDB holds a transaction's inserts in memory until it commits (on a 10,000-article
        store the 250 MB of profile JSON took 730 MB in one transaction, 380 MB staged). A build killed before the
        swap leaves the old layers, still marked stale, and staging tables the next swap replaces."""
        con = self.con
        if self._blocks is not None:  # its checkpoints are skipped while a block write is open
            self._blocks.flush()
        try:
            for table in CORPUS_TABLES:
                con.execute(_create_like(con, table, _staging(table)))
                written = 0
                with paused_gc():  # the rows and their JSON are acyclic
                    for batch, chars in _batches(rows.get(table) or ()):
                        _insert_rows(con, _staging(table), batch)
                        written += chars
                        if written >= _CHECKPOINT_CHARS:  # committed rows go to disk and leave memory
                            _checkpoint(con)
                            written = 0
            con.execute("BEGIN TRANSACTION")
            try:
                for table in CORPUS_TABLES:
                    indexes = [r[0] for r in con.execute(
                        "SELECT sql FROM duckdb_indexes() WHERE table_name = ? AND database_name = current_database() "
                        "AND sql IS NOT NULL", [table]).fetchall()]
                    con.execute(f"DROP TABLE {table}")
                    con.execute(f"ALTER TABLE {_staging(table)} RENAME TO {table}")
                    for sql in indexes:
                        con.execute(sql)
                con.execute(_MARK_FRESH)
                con.execute("COMMIT")
            except duckdb.Error:
                con.execute("ROLLBACK")
                raise
        except duckdb.Error as exc:
            for table in CORPUS_TABLES:
                con.execute(f"DROP TABLE IF EXISTS {_staging(table)}")
            raise StoreError(f"could not write the cross-article layers: {exc}") from exc
        self._committed()

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

    def corpus_stale(self) -> bool:
        """True when articles changed after the cross-article layers were last computed (or never were)."""
        if self.corpus_is_empty():
            return True
        try:
            row = self.con.execute("SELECT value FROM build_state WHERE key = 'corpus_stale'").fetchone()
        except duckdb.CatalogException:
            return False
        return bool(row and row[0] == "1")


def _staging(table: str) -> str:
    """Where a corpus table's new rows are written before the swap."""
    return f"{table}__next"


def _create_like(con: duckdb.DuckDBPyConnection, table: str, new: str) -> str:
    """CREATE OR REPLACE for an empty table with table's columns and constraints (its primary key too)."""
    row = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()",
                      [table]).fetchone()
    head = f"CREATE TABLE {table}("
    if row is None or not row[0].startswith(head):
        raise duckdb.CatalogException(f"cannot read the definition of table {table}")
    return f"CREATE OR REPLACE TABLE {new}(" + row[0][len(head):]


def _checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write committed data to the file, so DuckDB may drop it from memory (skipped while another write is open)."""
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        pass


def _batches(rows: Iterable[list]) -> Iterator[tuple[list[list], int]]:
    """Rows in lists of at most _ROWS_PER_BATCH rows or about _BATCH_CHARS characters of text (a batch may pass it by
    one _COUNTED_ROWS run), each with the characters it holds. Text is counted a run of rows at a time in one
    comprehension: a generator per row cost ~0.15 s CPU for the ~44,000 corpus rows of a 1,000-article store."""
    rows = iter(rows)
    batch: list[list] = []
    chars = 0
    while run := list(islice(rows, _COUNTED_ROWS)):
        batch += run
        chars += sum([len(v) for row in run for v in row if type(v) is str])
        if len(batch) >= _ROWS_PER_BATCH or chars >= _BATCH_CHARS:
            yield batch, chars
            batch, chars = [], 0
    if batch:
        yield batch, chars


def _put_digests(con: duckdb.DuckDBPyConnection, digests: Sequence[tuple[str, str, str]]) -> None:
    """Insert or replace input digest rows, inside the caller's transaction."""
    if digests:  # one row per doc_id (DuckDB refuses to replace a row twice in one statement): the last wins
        _insert_rows(con, "input_digests", [list(d) for d in {d[0]: d for d in digests}.values()], or_replace=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; some platforms cannot open folders, and then the rename is all we get."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
