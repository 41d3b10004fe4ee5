"""What one article gives the claims and contradiction layers (its statements, each with its entities, places,
dates and contradiction cues), worked out once per article and cached: a corpus step that adds ten articles reads
the digests of the others instead of redoing every article's sentences, mentions and cue regexes.

A digest is keyed by the article's record fingerprint (the store's hash of the stored record, or a hash of the
pickled record) and the corpus ids its entities map to, which are all it depends on, so a cached digest is what
computing it again would give."""
from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import ArticleRecord
from .blocks import BlockCache, Mapper

LAYER = "statement_digests"
# Bump when a digest's contents change for the same inputs (statements, items or cues).
VERSION = "2"


@dataclass(frozen=True)
class Digest:
    """One article's statements (claims.article_statements), each one's contradiction Item and Cues, and the claim
    each statement is when nothing else says the same (most are)."""

    statements: tuple
    items: tuple
    cues: tuple
    solo: tuple  # claims.Claim of each statement alone


def record_fingerprint(record: ArticleRecord) -> str:
    """A hash of the whole record (equal hashes: equal records), for callers without a store's fingerprints."""
    return hashlib.sha1(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def entity_ids_by_doc(entity_ids: Mapping[tuple[str, str], str] | None) -> dict[str, dict[str, str]]:
    """The corpus id of every local entity key, per article."""
    out: dict[str, dict[str, str]] = {}
    for (doc, key), gid in (entity_ids or {}).items():
        out.setdefault(doc, {})[key] = gid
    return out


class Digests(list):
    """article_digests' result: the digests in record order, with each one's cache key (keys; empty without a
    cache), so a later call over records of which only a few changed takes the others from here (known)."""

    def __init__(self, digests: Sequence[Digest], keys: Sequence[str] = ()) -> None:
        super().__init__(digests)
        self.keys = list(keys)


def article_digests(records: Sequence[ArticleRecord], entity_ids: Mapping[tuple[str, str], str] | None, *,
                    cache: BlockCache | None = None, mapper: Mapper | None = None,
                    fingerprints: Mapping[str, str] | None = None, known: Digests | None = None) -> Digests:
    """The digest of every record, in order: cached ones read, the others computed (through mapper) and cached.

    known: digests an earlier call of this step made (a corpus step re-analyses its undated articles after making
    every digest): those whose key is still wanted are taken from it, not read from the cache again (1,000 digests
    unpickled: 0.3 s)."""
    by_doc = entity_ids_by_doc(entity_ids)
    inputs = [(r, by_doc.get(r.article.doc_id, {})) for r in records]
    if cache is None:
        return Digests((mapper or _local_map)(digest_of, inputs))
    keys = []
    for r, ids in inputs:
        doc = r.article.doc_id
        fp = (fingerprints or {}).get(doc) or record_fingerprint(r)
        text = json.dumps([VERSION, doc, fp, sorted(ids.items())], ensure_ascii=False)
        keys.append(hashlib.sha1(text.encode("utf-8")).hexdigest())
    held = dict(zip(known.keys, known)) if known is not None else {}
    found = {k: held[k] for k in keys if k in held}
    if len(found) < len(keys):
        found.update(cache.get_many(LAYER, [k for k in keys if k not in found]))
    todo: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k not in found:
            todo.setdefault(k, i)
    if todo:
        computed = (mapper or _local_map)(digest_of, [inputs[i] for i in todo.values()])
        fresh = dict(zip(todo, computed))
        cache.put_many(LAYER, fresh)
        found = {**found, **fresh}
    return Digests([found[k] for k in keys], keys)


def digest_of(item: tuple[ArticleRecord, dict[str, str]]) -> Digest:
    """One article's digest from its record and its entities' corpus ids (module level: mappers pickle it)."""
    from .claims import article_statements, solo_claim
    from .contradiction_items import _ArticleView
    from .contradictions import item_cues

    record, ids = item
    doc = record.article.doc_id
    entity_ids = {(doc, k): v for k, v in ids.items()}
    statements = tuple(article_statements(record, entity_ids))
    view = _ArticleView(record, entity_ids)
    items = tuple(view.item(st) for st in statements)
    return Digest(statements, items, tuple(item_cues(it) for it in items), tuple(solo_claim(st) for st in statements))


def _local_map(fn, items: list) -> list:
    return [fn(x) for x in items]
