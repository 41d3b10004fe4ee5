"""Claims across articles: the same statement carried by several articles becomes one claim with many sources."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager as ContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import ArticleRecord
from ..nlp.embeddings import embed_texts
from . import claim_vectors
from .blocks import BlockCache, Mapper, block_key, run_blocks, run_lazy_blocks
from .claim_vectors import (Digested, PieceTable, ReferenceTable, _offsets, clause_pieces, encoder, piece_table,
                            raw_threshold, similarity_from, speakers_by_minilm)
from .article_pairs import cached_pair_keys
from .claim_statements import Statement, article_statements  # noqa: F401  (callers import them from here too)

# Similarity (MiniLM's scale, whichever encoder made the vectors: claim_vectors) above which two statements say
# the same thing: with the same named speaker, and when one side is the article's own assertion (no speaker).
# Two different named speakers never merge.
SAME_SPEAKER_THRESHOLD = 0.62
OPEN_SPEAKER_THRESHOLD = 0.83


@dataclass(frozen=True)
class Claim:
    """A proposition and every article statement that carries it."""

    id: str
    text: str
    speaker: str | None
    members: tuple[Statement, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The distinct articles that carry the claim, in first-seen order."""
        return tuple(dict.fromkeys(m.doc_id for m in self.members))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "sources": len(self.doc_ids),
            "members": [m._asdict() for m in self.members],
        }


def group_claims(
    records: Sequence[ArticleRecord], entity_ids: Mapping[tuple[str, str], str] | None = None, *,
    cache: BlockCache | None = None, mapper: Mapper | None = None, digests: Sequence | None = None,
    prepared: "StaticInputs | None" = None,
) -> list[Claim]:
    """Group statements that say the same thing (vector similarity plus speaker agreement) into claims.

    Only pairs that can join are compared: statements of one speaker with each other, and statements without a
    speaker with their nearest neighbours; complete linkage then runs per connected component (a cached block).
    digests: the records' statement digests (resolve.statement_digests), whose statements are then not worked out
    again. prepared: static_inputs of these statements (per article, from the digests) made earlier, with this cache
    and mapper.
    """
    if digests is None:
        per_doc = [article_statements(r, entity_ids) for r in records]
        solos = None
    else:
        per_doc = [d.statements for d in digests]
        solos = [c for d in digests for c in d.solo]
    return _group(solos, prepared if prepared is not None else static_inputs(per_doc, cache, mapper), cache, mapper)


@dataclass
class StaticInputs:
    """What group_claims computes from the static vectors alone: its statements, their clause-piece table and the
    piece pairs of the open-speaker neighbour search. Made before the claims' MiniLM texts are encoded (on the main
    thread while the prefetch thread encodes them), they left group_claims with less Python of its own while the
    encoder thread, then encoding contradictions' texts, had a core (~1.3 idle core-s there at 1,000 articles)."""

    statements: list[Statement]
    table: PieceTable | None
    open_pieces: np.ndarray | None


def static_inputs(per_doc: Sequence[Sequence[Statement]], cache: BlockCache | None = None,
                  mapper: Mapper | None = None) -> StaticInputs:
    """StaticInputs of the statements per article."""
    statements = [s for st in per_doc for s in st]
    if not statements:
        return StaticInputs(statements, None, None)
    table = piece_table([[s.text for s in st] for st in per_doc], cache, mapper)
    return StaticInputs(statements, table, _open_pieces(statements, table, cache))


def _group(solos: list | None, prepared: StaticInputs, cache: BlockCache | None, mapper: Mapper | None
           ) -> list[Claim]:
    """group_claims on its StaticInputs (their piece pairs are let go once read: millions on a wire story's copies)."""
    statements, table = prepared.statements, prepared.table
    if not statements or table is None:
        return []
    # static vectors: one speaker's statements are still compared by MiniLM (its vectors made for them alone)
    by_minilm = encoder() == "static" and speakers_by_minilm()
    ref = _RefRows(ReferenceTable([s.text for s in statements], cache, mapper)) if by_minilm else None
    claims, comps = [], []
    for comp in _components(len(statements), _candidate_edges(statements, table, cache, ref, prepared)):
        if len(comp) == 1:
            claims.append(solo_claim(statements[comp[0]]) if solos is None else solos[comp[0]])
        else:
            comps.append(comp)
    compared = None if ref is None else _minilm_compared(statements)
    for chunk in _chunks(comps, table.counts):  # the blocks' piece vectors (copies) held a chunk at a time
        if cache is None:
            blocks = [_link_block_of(comp, statements, table, ref, compared) for comp in chunk]
            found_all = run_blocks(LAYER, _version(), link_block, blocks, cache, mapper)
        else:  # keyed by the statements (texts) alone: vectors are stacked only for the blocks computed
            keys = [_link_key(comp, statements, table, compared) for comp in chunk]
            found_all = run_lazy_blocks(LAYER, keys, link_block,
                                        lambda todo: _link_blocks_of([chunk[k] for k in todo], statements, table, ref,
                                                                     compared), cache, mapper)
        for found in found_all:
            claims.extend(found)
    if ref is not None and compared is not None:
        ref.table.keep([i for i, c in enumerate(compared) if c])  # read only when their blocks are recomputed
    return sorted(claims, key=lambda c: (-len(c.doc_ids), -len(c.members), c.id))


# Piece vectors copied into link blocks per run_blocks call: 10,000 x 384 float32 = 15 MB (each call's blocks, their
# keys and results are alive at once: 40,000 rose RSS by ~60 MB a call on the 10,000-article stress store).
_PIECES_PER_CHUNK = 10_000


def _piece_vectors(table: PieceTable, idx: list[int]) -> tuple[np.ndarray, tuple[int, ...]]:
    """table.piece_vectors(idx): the statements' piece rows (one repeat, not an arange per statement) and counts."""
    counts = table.counts[idx]
    ends = np.cumsum(counts)
    rows = np.repeat(table.starts[idx] - (ends - counts), counts) + np.arange(int(ends[-1]) if len(ends) else 0)
    return table.row_vectors(rows), tuple(counts.tolist())


def _chunks(comps: list[list[int]], counts: np.ndarray) -> list[list[list[int]]]:
    """Components in runs of at most _PIECES_PER_CHUNK pieces (a larger component is a run of its own)."""
    out: list[list[list[int]]] = [[]]
    held = 0
    for comp in comps:
        n = int(counts[comp].sum())
        if out[-1] and held + n > _PIECES_PER_CHUNK:
            out.append([])
            held = 0
        out[-1].append(comp)
        held += n
    return out if out[-1] else []


LAYER = "claims"
VERSION = "3"


def _version() -> str:
    """The link blocks' version: static similarities go through claim_vectors' quantile map, which may change."""
    return VERSION if encoder() == "minilm" else f"{VERSION}-static2{'' if speakers_by_minilm() else '-all'}"


@dataclass(frozen=True)
class LinkBlock:
    """One connected component of statements that may say the same thing, with their clause-piece vectors."""

    statements: tuple[Statement, ...]
    vecs: Digested
    counts: tuple[int, ...]  # pieces per statement, in order
    # MiniLM piece vectors for same-speaker pairs when vecs are static (rows of statements without one are zero)
    ref: Digested | None = None


def _minilm_rows(by_speaker: Mapping[str, list[int]], statements: Sequence[Statement]) -> list[int]:
    """The statements group_claims gives MiniLM vectors to (with the static encoder): every statement of a speaker
    quoted in two or more articles, whose pairs say whether articles carry one claim. A speaker quoted in one
    article only has its statements compared by the static vectors: their repeats within one article were ~8% of
    the multi-statement claims of 1,000 pool texts, and embedding them a third of the MiniLM work."""
    return [i for idx in by_speaker.values() if len(idx) > 1 and _articles(idx, statements) > 1 for i in idx]


def _articles(idx: list[int], statements: Sequence[Statement]) -> int:
    """1 when these statements all come from one article, else 2 (no need to count further)."""
    first = statements[idx[0]].doc_id
    return 1 if all(statements[i].doc_id == first for i in idx) else 2


def _minilm_compared(statements: Sequence[Statement]) -> list[bool]:
    """Whether each statement's link-block rows hold MiniLM vectors: it has a speaker and every clause piece of it
    is a piece of a statement _minilm_rows prepares (ReferenceTable.vectors answers for any such text)."""
    rows = _minilm_rows(_by_speaker(statements), statements)
    pieces = {p for i in rows for p in clause_pieces(statements[i].text)}
    return [bool(s.speaker) and all(p in pieces for p in clause_pieces(s.text)) for s in statements]


def _link_key(comp: list[int], statements: Sequence[Statement], table: PieceTable,
              compared: list[bool] | None) -> str:
    """A link block's cache key from what its vectors are made of: the statements (their texts), pieces per
    statement and which rows hold MiniLM vectors. Piece vectors are a function of the piece's text for a given
    encoder (the premise of every cached embedding block), so this names the same block as its vectors' bytes did,
    without stacking and hashing them for every block of every step."""
    flags = None if compared is None else [compared[i] for i in comp]
    return block_key(LAYER, _link_version(), [[statements[i] for i in comp], table.counts[comp].tolist(), flags])


def _link_version() -> str:
    """_version() and the encoders' versions (the vectors behind a text-keyed block)."""
    return f"{_version()}|text|{claim_vectors.version()}|{claim_vectors.minilm_version()}"


def _link_block_of(comp: list[int], statements: Sequence[Statement], table: PieceTable, ref: _RefRows | None,
                   compared: list[bool] | None) -> LinkBlock:
    """The LinkBlock of one component (ref's rows prepared for its compared statements)."""
    vecs, counts = _piece_vectors(table, comp)
    if ref is None or compared is None:
        return LinkBlock(tuple(statements[i] for i in comp), Digested(vecs), counts)
    return LinkBlock(tuple(statements[i] for i in comp), Digested(vecs), counts,
                     Digested(_speaker_vectors(ref, comp, statements, vecs, compared)))


def _link_blocks_of(comps: list[list[int]], statements: Sequence[Statement], table: PieceTable,
                    ref: _RefRows | None, compared: list[bool] | None) -> list[LinkBlock]:
    """The LinkBlocks of the components to compute, their compared statements' MiniLM vectors made in one go."""
    if ref is not None and compared is not None:
        ref.table.prepare([i for comp in comps for i in comp if compared[i]])
    return [_link_block_of(comp, statements, table, ref, compared) for comp in comps]


def _speaker_vectors(ref: _RefRows, comp: list[int], statements: Sequence[Statement], like: np.ndarray,
                     compared: list[bool]) -> np.ndarray:
    """MiniLM piece vectors of the component's compared statements (_minilm_compared), zero rows elsewhere."""
    out = np.zeros_like(like)
    row = 0
    for i in comp:
        found = ref.table.vectors(i) if compared[i] else None
        n = len(found) if found is not None else len(clause_pieces(statements[i].text))
        if found is not None:
            out[row : row + n] = found
        row += n
    return out


class _RefRows(dict):
    """ref.vectors(i) per row, each stacked once: group_claims prepares every row it compares first, so they hold."""

    def __init__(self, table: ReferenceTable) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, i: int) -> np.ndarray | None:
        found = self[i] = self.table.vectors(i)
        return found


def link_block(block: LinkBlock) -> list[Claim]:
    """Complete linkage inside one component: a statement joins a claim only if it says the same thing as every member."""
    statements = block.statements
    n = len(statements)
    sims = similarity_from(block.vecs.array, block.counts)
    if block.ref is not None:  # one speaker's statements: MiniLM's similarity where both rows have MiniLM vectors
        codes: dict[str, int] = {}
        spk = np.array([codes.setdefault(s.speaker, len(codes)) if s.speaker else -1 for s in statements])
        has = np.maximum.reduceat(np.abs(block.ref.array).max(axis=1), _offsets(np.asarray(block.counts))) > 0
        same = (spk[:, None] == spk[None, :]) & (spk[:, None] >= 0) & has[:, None] & has[None, :]
        sims = np.where(same, similarity_from(block.ref.array, block.counts, mapped=False), sims)
    ok = sims >= _limits(statements)
    cluster = {i: [i] for i in range(n)}
    where = list(range(n))
    ii, jj = np.nonzero(np.triu(ok, 1))
    pairs = sorted(zip(sims[ii, jj].tolist(), ii.tolist(), jj.tolist()), reverse=True)
    for _, i, j in pairs:
        ci, cj = where[i], where[j]
        if ci == cj or not ok[np.ix_(cluster[ci], cluster[cj])].all():
            continue
        for k in cluster[cj]:
            where[k] = ci
        cluster[ci] += cluster.pop(cj)
    groups = {root: sorted(idx) for root, idx in cluster.items()}
    speaker_of = {root: next((statements[i].speaker for i in idx if statements[i].speaker), None) for root, idx in groups.items()}
    return [_claim([statements[i] for i in idx], sims[np.ix_(idx, idx)], speaker_of[root]) for root, idx in groups.items()]


def _limits(statements: Sequence[Statement]) -> np.ndarray:
    """The similarity each pair needs: same speaker, one side unattributed, never for two speakers or overlaps."""
    codes: dict[str, int] = {}
    spk = np.array([codes.setdefault(s.speaker, len(codes)) if s.speaker else -1 for s in statements])
    both = (spk[:, None] >= 0) & (spk[None, :] >= 0)
    limit = np.where(both, np.where(spk[:, None] == spk[None, :], SAME_SPEAKER_THRESHOLD, np.inf), OPEN_SPEAKER_THRESHOLD)
    by_doc: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        by_doc.setdefault(s.doc_id, []).append(i)
    for idx in by_doc.values():
        for i in idx:
            for j in idx:
                if i != j and _overlaps(statements[i], statements[j]):
                    limit[i, j] = np.inf
    return limit


def _candidate_edges(statements: Sequence[Statement], table: PieceTable, cache: BlockCache | None = None,
                     ref: _RefRows | None = None, prepared: StaticInputs | None = None) -> np.ndarray:
    """Every pair (i < j) that clears its threshold, as sorted rows of an array (a wire story's copies give
    millions of pairs: no Python tuple per pair, and pairs are sorted as 8-byte keys, not rows and their lexsort
    copies): speaker blocks exhaustively, the open threshold by neighbours (searched only for articles the cache has
    not seen: resolve.article_pairs). prepared: static_inputs made earlier, whose piece pairs are then taken."""
    found = [np.zeros((0, 2), dtype=np.int64)]
    by_speaker = _by_speaker(statements)
    if ref is None:
        for idx in by_speaker.values():
            if len(idx) > 1:
                a, b = np.nonzero(np.triu(table.similarity(idx) >= SAME_SPEAKER_THRESHOLD, 1))
                found.append(np.asarray(idx, dtype=np.int64)[np.stack([a, b], axis=1)])
    else:  # speakers quoted in several articles by MiniLM, the others by the static table (_minilm_rows)
        found += _speaker_edges(statements, by_speaker, ref, cache)
        for idx in by_speaker.values():
            if len(idx) > 1 and _articles(idx, statements) == 1:
                a, b = np.nonzero(np.triu(table.similarity(idx) >= SAME_SPEAKER_THRESHOLD, 1))
                found.append(np.asarray(idx, dtype=np.int64)[np.stack([a, b], axis=1)])
    m = len(statements)
    keys = [_pair_keys(f[:, 0], f[:, 1], m) for f in found]  # pairs as keys i * m + j (8 bytes a pair) from here
    del found
    owner = np.repeat(np.arange(m), table.counts)
    pieces = prepared.open_pieces if prepared is not None and prepared.open_pieces is not None else \
        _open_pieces(statements, table, cache)
    if prepared is not None:
        prepared.open_pieces = None  # freed below once read (millions of pairs on a wire story's copies)
    n = len(table.index)
    for a in range(0, len(pieces), _KEYS_AT_ONCE):  # piece pairs -> statement pairs, a slice at a time
        lo, hi = np.divmod(pieces[a : a + _KEYS_AT_ONCE], n)
        keys.append(np.unique(_pair_keys(owner[lo], owner[hi], m)))
    del pieces
    i, j = np.divmod(np.unique(np.concatenate(keys)), m)
    del keys
    keep = i != j
    i, j = i[keep], j[keep]
    codes: dict[str, int] = {}
    doc = np.array([codes.setdefault(s.doc_id, len(codes)) for s in statements])
    start = np.array([s.start for s in statements])
    end = np.array([s.end for s in statements])
    overlap = (doc[i] == doc[j]) & (start[i] < end[j]) & (start[j] < end[i])
    return np.stack([i[~overlap], j[~overlap]], axis=1)


def _one_blas_thread() -> ContextManager[Any]:
    """One BLAS thread for the open search's products: in a corpus step the prefetch thread encodes contradictions'
    texts meanwhile (resolve.prefetch), and OpenBLAS' second thread waiting on a busy core cost CPU (the cold step's
    14,398 x 9,731 search of the sample1000 store beside an encoding thread: 4.61-4.73 -> 4.30-4.38 s CPU for both).
    The pairs are the same: threads split a product's rows and columns, never its sums."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


def _open_pieces(statements: Sequence[Statement], table: PieceTable, cache: BlockCache | None) -> np.ndarray:
    """Piece pairs (keys into table.index) at the open-speaker threshold, from the neighbour search."""
    is_open = np.repeat(np.array([not s.speaker for s in statements], dtype=bool), table.counts)
    docs = np.repeat(np.array([s.doc_id for s in statements], dtype=object), table.counts)
    with _one_blas_thread():
        return cached_pair_keys(table.distinct, docs, is_open, raw_threshold(OPEN_SPEAKER_THRESHOLD), cache,
                                name=LAYER, index=table.index)


# Piece pairs of the open search turned into statement pairs at a time (a few int64 temporaries of 2 MB).
_KEYS_AT_ONCE = 1 << 18


def _pair_keys(a: np.ndarray, b: np.ndarray, m: int) -> np.ndarray:
    """Unordered pairs of statements (rows < m) as keys smaller * m + larger."""
    return np.minimum(a, b) * m + np.maximum(a, b)


def _by_speaker(statements: Sequence[Statement]) -> dict[str, list[int]]:
    """Row numbers of each named speaker's statements, in order."""
    out: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        if s.speaker:
            out.setdefault(s.speaker, []).append(i)
    return out


EDGES_LAYER = "claim_speaker_edges"


def _speaker_edges(statements: Sequence[Statement], by_speaker: Mapping[str, list[int]], ref: _RefRows,
                   cache: BlockCache | None) -> list[np.ndarray]:
    """Pairs of one speaker's statements at MiniLM similarity >= SAME_SPEAKER_THRESHOLD, as global row pairs.

    Each speaker's pairs are cached under the texts of its statements (MiniLM vectors are a function of the text),
    so a step adding ten articles compares, and gives MiniLM vectors to, only the speakers they quote."""
    groups = [idx for idx in by_speaker.values() if len(idx) > 1 and _articles(idx, statements) > 1]
    keys = [block_key(EDGES_LAYER, claim_vectors.minilm_version(), [statements[i].text for i in idx]) for idx in groups]
    found = cache.get_many(EDGES_LAYER, list(dict.fromkeys(keys))) if cache is not None else {}
    todo = [g for g, k in enumerate(keys) if k not in found]
    ref.table.prepare([i for g in todo for i in groups[g]])
    fresh: dict[str, np.ndarray] = {}
    for g in todo:
        if keys[g] in fresh:
            continue
        vecs = [ref[i] for i in groups[g]]  # each row's vectors stacked once (not its pieces looked up per group)
        sims = similarity_from(np.concatenate(vecs), [len(v) for v in vecs], mapped=False)
        a, b = np.nonzero(np.triu(sims >= SAME_SPEAKER_THRESHOLD, 1))
        fresh[keys[g]] = np.stack([a, b], axis=1).astype(np.int32)
    if cache is not None and fresh:
        cache.put_many(EDGES_LAYER, fresh)
    return [np.asarray(idx, dtype=np.int64)[fresh[k] if k in fresh else found[k]] for idx, k in zip(groups, keys)]


def _components(n: int, edges: np.ndarray) -> list[list[int]]:
    """Statements joined by edges, as blocks.components orders them: members ascending, blocks by first member."""
    from .graph_components import component_labels

    labels = component_labels(n, edges[:, 0], edges[:, 1])
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g.tolist() for g in np.split(order, cuts)] if n else []
    return sorted(groups, key=lambda g: g[0])


def statement_similarity(texts: Sequence[str]) -> np.ndarray:
    """Pairwise similarity of statements: the best MiniLM cosine between any of their clause pieces."""
    pieces = [clause_pieces(t) for t in texts]
    flat = [p for ps in pieces for p in ps]
    if not flat:
        return np.zeros((0, 0))
    starts = np.cumsum([0] + [len(ps) for ps in pieces[:-1]])  # pieces of one statement are contiguous
    vecs = embed_texts(flat)
    full = vecs @ vecs.T
    rows = np.maximum.reduceat(full, starts, axis=0)
    return np.maximum.reduceat(rows, starts, axis=1)


def solo_claim(m: Statement) -> Claim:
    """A statement nothing else says: a claim of its own (most are)."""
    return Claim("claim-" + hashlib.sha1(f"{m.doc_id}:{m.start}:{m.end}".encode("utf-8")).hexdigest()[:12], m.text,
                 m.speaker, (m,))


def _claim(members: list[Statement], sims: np.ndarray, speaker: str | None) -> Claim:
    """The representative text is the attributed member most similar to the rest."""
    if len(members) == 1:  # most statements are claims of their own: no similarity to weigh
        return solo_claim(members[0]) if speaker == members[0].speaker else Claim(
            solo_claim(members[0]).id, members[0].text, speaker, (members[0],))
    order = sorted(range(len(members)), key=lambda i: (members[i].doc_id, members[i].start))
    members = [members[i] for i in order]
    sims = sims[np.ix_(order, order)]
    # rounded: duplicates tie at 1 +- float noise, and noise (batching, runtime) must not pick the representative
    centrality = np.round(sims.mean(axis=1), 4) + np.array([0.05 if m.speaker else 0.0 for m in members])
    rep = members[int(np.argmax(centrality))]
    key = "|".join(f"{m.doc_id}:{m.start}:{m.end}" for m in members)
    cid = "claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return Claim(cid, rep.text, speaker, tuple(members))


def _overlaps(a: Statement, b: Statement) -> bool:
    return a.start < b.end and b.start < a.end
