"""Encoder work started early on a background thread, so it runs while the corpus step's single-threaded Python
(entity merging, digests, story blocks, source profiles) holds the other core.

ONNX Runtime releases the GIL while it encodes, so one thread embedding the texts the later layers need (story
clustering's joinable event sentences, the claims layer's same-speaker statements) overlaps the Python before them.
Work is queued in chunks under a tag; a layer that needs its tag's texts calls wait(tag), which encodes that tag's
chunks nobody took yet on the calling thread too, so both cores encode while the layer would otherwise idle, and
other tags' chunks stay for the thread to encode under the Python that follows. The thread only fills the process'
embedding cache (nlp.embeddings, keyed by text): the layers later embed the same texts and find them made, so what
they compute, and every table, is what it would be without the prefetch (fp32 vectors do not depend on their batch
mates). Texts whose blocks the store's cache already holds are not embedded (a build adding ten articles embeds only
theirs).
"""
from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..nlp import embeddings
from ..records import ArticleRecord
from .blocks import BlockCache, Mapper, block_key

if TYPE_CHECKING:
    from .corpus import StoryInputs

log = logging.getLogger(__name__)

# Texts (or sentences, for spans) per chunk: ~0.3-0.5 s of encoding, fine enough that a waiting layer and the thread
# share a tag's last chunks, coarse enough that each call batches well (chunks hold texts of similar lengths).
CHUNK = 96


class Prefetch:
    """Texts and spans embedded on a daemon thread, chunk by chunk under tags; `wait(tag)` before the layer that needs
    them (it helps with that tag's chunks, so nothing is encoded twice and no core idles)."""

    def __init__(self, texts: Sequence[str] = (), tag: str = "claims", load: bool = False) -> None:
        """load: load the encoders (MiniLM's ONNX session, the static word vectors) on a thread now, while the caller
        reads records and merges entities (~1 s of loading, most of it outside the GIL)."""
        self.texts: list[str] = []
        self.error: BaseException | None = None
        self._queue: deque[tuple[str, str, list]] = deque()  # (tag, "texts" | "spans", items)
        self._open: Counter[str] = Counter()  # tag -> chunks queued or being encoded
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._loader: threading.Thread | None = None
        if load:
            self._loader = threading.Thread(target=_load_encoders, name="newsgraph-load", daemon=True)
            self._loader.start()
        self.add(tag, texts=texts)

    def ready(self) -> None:
        """Return once the encoders are loaded (call before anything else may load them: lru_cache would load twice)."""
        if self._loader is not None:
            self._loader.join()
            self._loader = None

    def add(self, tag: str, texts: Iterable[str] = (), spans: Iterable[tuple[str, int, int]] = ()) -> None:
        """Queue texts (sentence vectors) and spans (sentence, start, end: span vectors) under tag, spans first (their
        sentences' vectors come with them)."""
        texts = list(dict.fromkeys(texts))
        by_sentence: dict[str, list[tuple[str, int, int]]] = {}
        for item in dict.fromkeys(spans):
            by_sentence.setdefault(item[0], []).append(item)
        chunks = [(tag, "spans", [x for s in part for x in by_sentence[s]]) for part in _chunks(list(by_sentence))]
        chunks += [(tag, "texts", part) for part in _chunks(texts)]
        if not chunks:
            return
        self.texts += texts
        self.ready()
        embeddings.precision()  # loads the encoder here, once: never by two threads at a time
        with self._cond:
            self._queue.extend(chunks)
            self._open[tag] += len(chunks)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="newsgraph-prefetch", daemon=True)
                self._thread.start()

    def wait(self, tag: str | None = None) -> None:
        """Return when tag's chunks (every chunk without a tag) are embedded, encoding the ones nobody took here."""
        while (chunk := self._take(tag)) is not None:
            self._encode(chunk, threads=1)
        with self._cond:
            self._cond.wait_for(lambda: (self._open[tag] if tag is not None else sum(self._open.values())) <= 0)

    def _take(self, tag: str | None) -> tuple[str, str, list] | None:
        with self._cond:
            for k, chunk in enumerate(self._queue):
                if tag is None or chunk[0] == tag:
                    del self._queue[k]
                    return chunk
        return None

    def _run(self) -> None:
        while (chunk := self._take(None)) is not None:
            self._encode(chunk, threads=1)

    def _encode(self, chunk: tuple[str, str, list], threads: int) -> None:
        tag, kind, items = chunk
        try:
            if kind == "spans":
                embeddings.embed_spans(items, threads=threads)
            else:
                embeddings.embed_texts(items, threads=threads)
        except Exception as exc:  # noqa: BLE001 - the layer embeds what is missing itself
            self.error = exc
            log.warning("prefetching %d texts failed (%s: %s); the layer embeds them", len(items),
                        type(exc).__name__, exc)
        finally:
            with self._cond:
                self._open[tag] -= 1
                self._cond.notify_all()


def _load_encoders() -> None:
    from ..nlp import static_embeddings

    try:
        static_embeddings.available()
        embeddings.precision()
    except Exception as exc:  # noqa: BLE001 - the layers load (and report) it themselves
        log.debug("loading the encoders early failed (%s: %s)", type(exc).__name__, exc)


# Characters per chunk at most (~2,000 tokens, ~0.4 s of encoding): CHUNK texts of the longest claim pieces or
# sentences were ~2-4 s, and a waiting layer whose last chunk the thread had just taken idled until it was done.
CHUNK_CHARS = 8_000


def _chunks(texts: list[str]) -> list[list[str]]:
    """Texts in runs of CHUNK (fewer when they would pass CHUNK_CHARS), by length, so each encoder call pads little."""
    out: list[list[str]] = []
    held = 0
    for text in sorted(texts, key=len):
        if not out or len(out[-1]) >= CHUNK or (held + len(text) > CHUNK_CHARS and out[-1]):
            out.append([])
            held = 0
        out[-1].append(text)
        held += len(text)
    return out


def prefetch_story(warm: Prefetch, story: "StoryInputs | None", cache: BlockCache | None = None) -> None:
    """Queue (tag "story") the spans (their sentences' vectors come with them) and trigger texts of story clustering's
    joinable events whose article vector blocks the cache does not hold (resolve.event_vectors)."""
    from .event_vectors import LAYER, _version

    warm.ready()
    if story is None or not story.vectors.texts:
        return
    items = [t for b in uncached(cache, LAYER, _version(), list(story.vectors.texts.values())) for t in b]
    # Only the triggers as texts: a sentence's vector comes with its spans' (embed_spans caches it). Queued as texts
    # too, a sentence could be taken by the other thread while its span chunk encoded, and encoded twice (cold step
    # on the sample1000 store: 15 sentences, 662 tokens, of 112k).
    warm.add("story", spans=[t[:3] for t in items], texts=[t[3] for t in items])


def claim_speaker_texts(statements: Sequence) -> list[tuple[str, ...]]:
    """The clause pieces (a tuple per statement) claims.group_claims compares by MiniLM (claims._minilm_rows)."""
    from .claim_vectors import clause_pieces
    from .claims import _by_speaker, _minilm_rows

    rows = _minilm_rows(_by_speaker(statements), statements)
    return list(dict.fromkeys(tuple(clause_pieces(statements[i].text)) for i in rows))


def prefetch_claims(records: Sequence[ArticleRecord], entity_ids: Mapping[tuple[str, str], str], *,
                    cache: BlockCache | None = None, mapper: Mapper | None = None,
                    fingerprints: Mapping[str, str] | None = None, into: Prefetch | None = None
                    ) -> tuple[list, Prefetch | None]:
    """The records' statement digests, and a Prefetch (into, when given) of the MiniLM vectors claims will need that
    no cache holds, under tag "claims" (None when claims compare by another route: NEWSGRAPH_CLAIMS=minilm or
    static-all, or blocks go off-machine)."""
    from .claim_vectors import MINILM_LAYER, encoder, minilm_version, speakers_by_minilm
    from .statement_digests import article_digests

    if into is not None:
        into.ready()
    digests = article_digests(records, entity_ids, cache=cache, mapper=mapper, fingerprints=fingerprints)
    if encoder() != "static" or not speakers_by_minilm() or off_machine(mapper):
        return digests, into
    statements = [s for d in digests for s in d.statements]
    blocks = uncached(cache, MINILM_LAYER, minilm_version(), claim_speaker_texts(statements))
    texts = list(dict.fromkeys(p for b in blocks for p in b))
    if into is None:
        return digests, Prefetch(texts)
    into.add("claims", texts=texts)
    return digests, into


def prefetch_contradictions(warm: Prefetch, digests: Sequence, cache: BlockCache | None = None,
                            mapper: Mapper | None = None, claims_queued: int = 0) -> None:
    """Queue (tag "contradictions", after the claims' texts, so the thread encodes them while group_claims runs) the
    clause pieces find_contradictions will compare by MiniLM that no cache holds and nothing queued yet. Only when
    the claims queued a chunk or more: working them out runs the detectors over every digest (0.06-0.10 s CPU at
    1,000 articles), which an add-10 step (16 claims texts, 1 contradictions text on the 1,000-text store) would pay
    for nothing."""
    from .contradiction_context import compared_pieces

    if off_machine(mapper) or claims_queued < CHUNK:
        return
    queued = set(warm.texts)
    warm.add("contradictions", texts=[t for t in compared_pieces(digests, cache) if t not in queued])


def uncached(cache: BlockCache | None, layer: str, version: str, blocks: list) -> list:
    """The blocks (of texts) whose vectors the cache does not hold under layer and version: those still to embed."""
    if cache is None or not blocks:
        return blocks
    keys = [block_key(layer, version, b) for b in blocks]
    held = cached_keys(cache, layer, keys)
    return [b for b, k in zip(blocks, keys) if k not in held]


def off_machine(mapper: Mapper | None) -> bool:
    """Whether blocks are computed off this machine (Ray): vectors made here would not be where they are needed."""
    return mapper is not None and not getattr(mapper, "local", False)


def cached_keys(cache: BlockCache, layer: str, keys: Sequence[str]) -> set[str]:
    """Which keys the cache holds, without reading (or counting) their blocks when the cache can say so (present)."""
    present = getattr(cache, "present", None)
    return present(layer, keys) if present is not None else set(cache.get_many(layer, keys))
