"""Encoder work started early on a background thread, so it runs while the corpus step's single-threaded Python
(entity merging, story blocks, source profiles, digests) holds the other core.

ONNX Runtime releases the GIL while it encodes, so one thread embedding the claims layer's same-speaker statements
overlaps the layers computed before claims. The thread only fills the process' embedding cache
(nlp.embeddings.embed_texts, keyed by text): the claims layer later embeds the same texts and finds them made, so
what it computes, and every table, is what it would be without the prefetch. Texts whose blocks the store's cache
already holds are not embedded (a build adding ten articles embeds only theirs).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence

from ..nlp import embeddings
from ..records import ArticleRecord
from .blocks import BlockCache, Mapper, block_key

log = logging.getLogger(__name__)


class Prefetch:
    """Texts embedded on a daemon thread; `wait` before the layer that needs them (so nothing is encoded twice)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="newsgraph-prefetch", daemon=True)
        if self.texts:
            embeddings.precision()  # loads the encoder here, once: never by two threads at a time
            self._thread.start()

    def _run(self) -> None:
        try:
            embeddings.embed_texts(self.texts)
        except BaseException as exc:  # noqa: BLE001 - the layer embeds what is missing itself
            self.error = exc
            log.warning("prefetching %d texts failed (%s: %s); the claims layer embeds them", len(self.texts),
                        type(exc).__name__, exc)

    def wait(self) -> None:
        """Block until the thread is done (at once when it never started)."""
        if self._thread.is_alive():
            self._thread.join()


def claim_speaker_texts(statements: Sequence) -> list[tuple[str, ...]]:
    """The clause pieces (a tuple per statement) claims.group_claims compares by MiniLM (claims._minilm_rows)."""
    from .claim_vectors import clause_pieces
    from .claims import _by_speaker, _minilm_rows

    rows = _minilm_rows(_by_speaker(statements), statements)
    return list(dict.fromkeys(tuple(clause_pieces(statements[i].text)) for i in rows))


def prefetch_claims(records: Sequence[ArticleRecord], entity_ids: Mapping[tuple[str, str], str], *,
                    cache: BlockCache | None = None, mapper: Mapper | None = None,
                    fingerprints: Mapping[str, str] | None = None) -> tuple[list, Prefetch | None]:
    """The records' statement digests, and a Prefetch of the MiniLM vectors claims will need that no cache holds
    (None when claims compare by another route: NEWSGRAPH_CLAIMS=minilm or static-all, or blocks go off-machine)."""
    from .claim_vectors import MINILM_LAYER, encoder, minilm_version, speakers_by_minilm
    from .statement_digests import article_digests

    digests = article_digests(records, entity_ids, cache=cache, mapper=mapper, fingerprints=fingerprints)
    off_machine = mapper is not None and not getattr(mapper, "local", False)
    if encoder() != "static" or not speakers_by_minilm() or off_machine:
        return digests, None
    blocks = claim_speaker_texts([s for d in digests for s in d.statements])
    if cache is not None and blocks:
        version = minilm_version()
        keys = [block_key(MINILM_LAYER, version, b) for b in blocks]
        held = cached_keys(cache, MINILM_LAYER, keys)
        blocks = [b for b, k in zip(blocks, keys) if k not in held]
    texts = list(dict.fromkeys(p for b in blocks for p in b))
    return digests, Prefetch(texts)


def cached_keys(cache: BlockCache, layer: str, keys: Sequence[str]) -> set[str]:
    """Which keys the cache holds, without reading (or counting) their blocks when the cache can say so (present)."""
    present = getattr(cache, "present", None)
    return present(layer, keys) if present is not None else set(cache.get_many(layer, keys))
