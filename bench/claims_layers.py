"""Time the claims, contradictions and source-profile layers as a build runs them: once without a block cache,
then with one (first build of all but the last N records, a rebuild, and the build that adds the N), so the
incremental cost can be read next to the full cost. CPU seconds of this process, per layer; MiniLM keeps
what it embedded in the process, so only the first line pays for embedding statements.

usage: bench/claims_layers.py [--records PICKLE] [--add 10]
  PICKLE: a pickled list of ArticleRecord (for instance a store's records); default: seeds + dev analysed now.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claims import group_claims
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.sources import profile_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _records(path: str | None) -> list:
    if path:
        return list(pickle.loads(Path(path).read_bytes()))
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([SHARED / "seeds", SHARED / "dev" / "texts"])
    for e in errors:
        print(e, file=sys.stderr)
    return analyse_articles(articles)


def _run(label: str, records: list, ids: dict, cache: MemoryBlockCache | None) -> None:
    times = {}
    t = time.process_time()
    profile_sources(records, cache=cache)
    times["profiles"] = time.process_time() - t
    t = time.process_time()
    claims = group_claims(records, ids, cache=cache)
    times["claims"] = time.process_time() - t
    t = time.process_time()
    found = find_contradictions(records, claims, ids, cache=cache)
    times["contradictions"] = time.process_time() - t
    cells = " ".join(f"{k} {v:.2f}" for k, v in times.items())
    print(f"{label:<34} {cells}  total {sum(times.values()):.2f} s  ({len(claims)} claims, {len(found)} contradictions)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records")
    ap.add_argument("--add", type=int, default=10)
    args = ap.parse_args()
    records = _records(args.records)
    ids = dict(merge_entities(records).ids)
    base = records[: max(0, len(records) - args.add)]
    _run(f"{len(records)} records, no cache", records, ids, None)
    cache = MemoryBlockCache()
    _run(f"{len(base)} records, empty cache", base, ids, cache)
    _run(f"{len(base)} records, rebuild", base, ids, cache)
    _run(f"add {len(records) - len(base)} -> {len(records)}", records, ids, cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
