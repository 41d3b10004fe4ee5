"""Time GET /api/timeline on a store holding 10,000 synthetic story events (measures the query path, not NLP).

Run: PYTHONPATH=src .venv/bin/python bench/api_timeline.py [--events N] [--repeat R]
Prints the median request time and `ratio timeline_10k/1s: X.XX` (median seconds against a 1 s budget).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa
from fastapi.testclient import TestClient

from newsgraph.store.db import Store
from newsgraph.web.app import create_app
from newsgraph.web.palette import PLOVER_COLOURS

PRECISIONS = (("day", 10), ("month", 7), ("year", 4))


def fill(db: Path, n_events: int, n_entities: int = 300, n_docs: int = 2000, seed: int = 7) -> None:
    """Write synthetic entities, articles-free story events and their mention rows."""
    rng = random.Random(seed)
    types = sorted(PLOVER_COLOURS)
    ents = [[f"ent-{i}", f"Entity {i}", rng.choice(["PERSON", "ORG", "GPE"]), None, None, None, rng.randint(1, 9)]
            for i in range(n_entities)]
    stories, mentions = [], []
    for i in range(n_events):
        prec, cut = rng.choice(PRECISIONS) if rng.random() > 0.15 else (None, 0)
        day = f"20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        date = day[:cut] if prec else None
        src = rng.choice(ents)[0] if rng.random() > 0.2 else None
        tgt = rng.choice(ents)[0] if rng.random() > 0.3 else None
        docs = sorted({f"doc-{rng.randrange(n_docs)}" for _ in range(rng.randint(1, 4))})
        sid = f"{rng.choice(types).lower()}-{i}"
        data = {"id": sid, "type": sid.split("-")[0].upper(), "source": src, "target": tgt, "date": date,
                "date_precision": prec, "location": None, "mentions": [[d, 0] for d in docs], "docs": docs,
                "n_sources": len(docs), "first_doc": docs[0],
                "evidence": [f"synthetic evidence sentence number {i} for the benchmark"] * min(2, len(docs))}
        stories.append([sid, data["type"], src, tgt, date, prec, None, len(docs), docs[0], json.dumps(data)])
        mentions += [[sid, d, 0] for d in docs]
    tables = {"entities": ents, "entity_aliases": [[e[0], e[1]] for e in ents], "story_events": stories,
              "story_event_mentions": mentions}
    with Store(db) as store:  # bulk insert through Arrow: executemany would take longer than the benchmark
        for name, rows in tables.items():
            cols = [d[0] for d in store.con.execute(f"SELECT * FROM {name} LIMIT 0").description]
            store.con.register("bulk", pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)}))
            store.con.execute(f"INSERT INTO {name} SELECT * FROM bulk")
            store.con.unregister("bulk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        fill(db, args.events)
        print(f"filled {args.events} synthetic story events in {time.perf_counter() - t0:.2f} s")
        client = TestClient(create_app(db))
        first = client.get("/api/timeline")
        first.raise_for_status()
        body = first.json()
        print(f"/api/timeline: {len(body['items'])} dated + {len(body['undated'])} undated items, "
              f"{len(first.content) / 1e6:.1f} MB")
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            client.get("/api/timeline").raise_for_status()
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        t = time.perf_counter()
        client.get("/api/timeline", params={"type": "ASSAULT", "since": "2020-01-01", "until": "2021-12-31"})
        filtered = time.perf_counter() - t
        print(f"runs: {', '.join(f'{x:.3f}' for x in times)} s; median {med:.3f} s; "
              f"filtered (type+range) {filtered:.3f} s")
        print(f"ratio timeline_10k/1s: {med / 1.0:.2f}")


if __name__ == "__main__":
    main()
