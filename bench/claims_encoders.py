"""Compare the claims encoders: statement pairs the static vectors keep against MiniLM's at the claims thresholds,
the multi-member claims and contradictions each gives (static: one speaker's statements are
still compared by MiniLM, as claims.group_claims does), and the CPU of each; --knots prints claim_vectors' quantile
map (static cosine -> MiniLM cosine) measured on these records.

usage: bench/claims_encoders.py [--records PICKLE] [--knots]
  PICKLE: a pickled list of ArticleRecord (e.g. /tmp/scale_records.pkl); default: seeds + dev analysed now.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from newsgraph.nlp import embeddings, static_embeddings
from newsgraph.resolve import claim_vectors
from newsgraph.resolve.claim_vectors import clause_pieces
from newsgraph.resolve.claims import OPEN_SPEAKER_THRESHOLD, SAME_SPEAKER_THRESHOLD, article_statements, group_claims
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.entities import merge_entities

from claims_layers import _records  # the same records: a pickle, or seeds + dev analysed now


def _sims(statements: list, vecs: dict[str, np.ndarray], mapped: bool):  # type: ignore[no-untyped-def]
    """(first row, statement similarities of rows first.. against all) in slices of 800 rows."""
    pieces = [clause_pieces(s.text) for s in statements]
    counts = np.array([len(p) for p in pieces])
    offs = np.concatenate([[0], np.cumsum(counts)[:-1]])
    table = np.stack([vecs[p] for ps in pieces for p in ps]).astype(np.float32)
    for a in range(0, len(statements), 800):
        b = min(len(statements), a + 800)
        sims = np.maximum.reduceat(table[offs[a] : offs[b - 1] + counts[b - 1]] @ table.T, offs, axis=1)
        sims = np.maximum.reduceat(sims, offs[a:b] - offs[a], axis=0)
        yield a, (claim_vectors.on_reference_scale(sims) if mapped else sims)


def statement_pairs(statements: list, open_vecs: dict[str, np.ndarray], same_vecs: dict[str, np.ndarray],
                    mapped: bool) -> set[tuple[int, int]]:
    """Pairs (i < j) of statements with different texts that clear the claims thresholds (MiniLM's scale): one
    speaker's statements by same_vecs (MiniLM in both modes), the others by open_vecs."""
    out: set[tuple[int, int]] = set()
    for (a, open_sims), (_, same_sims) in zip(_sims(statements, open_vecs, mapped), _sims(statements, same_vecs, False)):
        for sims, same in ((open_sims, False), (same_sims, True)):
            for i, j in zip(*np.nonzero(sims >= (SAME_SPEAKER_THRESHOLD if same else OPEN_SPEAKER_THRESHOLD))):
                i, j = int(i) + a, int(j)
                x, y = statements[i], statements[j]
                if i >= j or x.text == y.text or (x.doc_id == y.doc_id and x.start < y.end and y.start < x.end):
                    continue
                if same == bool(x.speaker and y.speaker) and (not same or x.speaker == y.speaker):
                    out.add((i, j))
    return out


def knots(texts: list[str], minilm: np.ndarray, static: np.ndarray, sample: int = 5000) -> None:
    """Static cosine at the quantile of each MiniLM cosine, over all pairs of a random sample of pieces."""
    idx = np.random.default_rng(0).choice(len(texts), min(sample, len(texts)), replace=False)
    iu = np.triu_indices(len(idx), 1)
    m = (minilm[idx] @ minilm[idx].T)[iu]
    s = (static[idx] @ static[idx].T)[iu]
    print(f"{len(m)} pairs of {len(idx)} pieces; correlation {np.corrcoef(m, s)[0, 1]:.3f}")
    for ref in (0.30, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95):
        print(f"  ({np.quantile(s, 1 - (m >= ref).mean()):.3f}, {ref:.2f}),")


def _run(records: list, ids: dict, which: str) -> tuple[set, set, float]:
    """Multi-member claims and contradictions with one encoder, and their CPU seconds."""
    os.environ["NEWSGRAPH_CLAIMS"] = which
    claim_vectors.encoder.cache_clear()
    t = time.process_time()
    claims = group_claims(records, ids)
    found = find_contradictions(records, claims, ids)
    cpu = time.process_time() - t
    multi = {tuple(sorted((m.doc_id, m.start, m.end) for m in c.members)) for c in claims if len(c.members) > 1}
    return multi, {(c.kind, c.a["doc_id"], c.a["text"], c.b["doc_id"], c.b["text"]) for c in found}, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records")
    ap.add_argument("--knots", action="store_true")
    args = ap.parse_args()
    if not static_embeddings.available():
        print("static embeddings unavailable (no ONNX Runtime)", file=sys.stderr)
        return 1
    records = _records(args.records)
    ids = dict(merge_entities(records).ids)
    statements = [s for r in records for s in article_statements(r, ids)]
    texts = sorted({p for s in statements for p in clause_pieces(s.text)})
    t = time.process_time()
    minilm = embeddings.embed_texts(texts)
    t_minilm = time.process_time() - t
    t = time.process_time()
    static = static_embeddings.embed(texts)
    t_static = time.process_time() - t
    print(f"{len(statements)} statements, {len(texts)} clause pieces; embedding CPU: MiniLM {t_minilm:.1f} s, "
          f"static {t_static:.1f} s")
    if args.knots:
        knots(texts, minilm, static)
        return 0
    by_minilm = dict(zip(texts, minilm))
    ref = statement_pairs(statements, by_minilm, by_minilm, mapped=False)
    os.environ["NEWSGRAPH_CLAIMS"] = "static"
    claim_vectors.encoder.cache_clear()
    got = statement_pairs(statements, dict(zip(texts, static)), by_minilm, mapped=True)
    both = len(ref & got)
    print(f"statement pairs (different texts) at the claims thresholds: MiniLM {len(ref)}, static {len(got)}, "
          f"both {both} (static keeps {both / max(1, len(ref)):.1%} of MiniLM's; {both / max(1, len(got)):.1%} "
          f"of its own are MiniLM's)")
    m_claims, m_found, m_cpu = _run(records, ids, "minilm")
    s_claims, s_found, s_cpu = _run(records, ids, "static")
    print(f"multi-member claims: MiniLM {len(m_claims)}, static {len(s_claims)}, identical {len(m_claims & s_claims)}")
    print(f"contradictions: MiniLM {len(m_found)}, static {len(s_found)}, identical {len(m_found & s_found)}")
    print(f"claims + contradictions CPU in this process (MiniLM's vectors already made for its run): "
          f"MiniLM {m_cpu:.1f} s, static {s_cpu:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
