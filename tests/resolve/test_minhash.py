"""resolve.minhash gives datasketch's MinHash values bit for bit (the copy signatures stored in block caches were made
by datasketch, and the LSH candidates read them), on the shingles of the real seed and dev bodies and their
paragraphs; and the corpus step's copy detection no longer imports datasketch (its __init__ imports scipy.integrate)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from datasketch import MinHash

from newsgraph.resolve import near_duplicates as nd
from newsgraph.resolve.minhash import minhash_values, permutations

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _bodies() -> list[str]:
    from newsgraph.api import read_inputs

    articles, errors = read_inputs([SHARED / "seeds", SHARED / "dev" / "texts"])
    assert not errors and len(articles) >= 25
    return [a.body for a in articles] + [p for a in articles for p in a.body.split("\n") if len(p.split()) >= 20]


def test_permutations_are_datasketchs() -> None:
    for seed in (1, 7):
        theirs = MinHash(num_perm=nd.NUM_PERM, seed=seed, scheme=nd.SCHEME).permutations
        mine = permutations(nd.NUM_PERM, seed)
        assert mine.dtype == theirs.dtype == np.uint32
        assert np.array_equal(mine, theirs)


def test_signatures_are_datasketchs_on_real_bodies() -> None:
    bodies = _bodies()
    assert len(bodies) > 100
    for body in bodies:
        shingles = [s.encode("utf-8") for s in nd._body_shingles(body)]
        theirs = MinHash(num_perm=nd.NUM_PERM, seed=7, scheme=nd.SCHEME)
        theirs.update_batch(shingles)
        size, mine = nd.signature_block(body)
        assert size == len(shingles)
        assert mine.dtype == theirs.hashvalues.dtype
        assert np.array_equal(mine, theirs.hashvalues)


def test_empty_and_single_items_are_datasketchs() -> None:
    for items in ([], [b"one shingle of five words"]):
        theirs = MinHash(num_perm=16, seed=3, scheme="affine32")
        theirs.update_batch(items)
        assert np.array_equal(minhash_values(items, 16, 3), theirs.hashvalues)


def test_copy_detection_does_not_import_datasketch(tmp_path, monkeypatch) -> None:
    from newsgraph.resolve import copy_candidates

    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    copy_candidates.ensemble_params((nd.LSH_CONTAINMENT, nd.NUM_PERM))  # on disk, as after any first build
    code = ("import sys\nfrom newsgraph.resolve import sources, near_duplicates as nd\n"
            "nd.find_copies([('a', 'one two three four five six seven eight'), ('b', 'one two three four five six')])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy') and '.integrate' in m"
            " or m == 'datasketch'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
