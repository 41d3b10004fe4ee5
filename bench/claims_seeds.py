"""Print the claims that more than one statement carries on the seeds, to check the grouping by reading."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_records import seed_records  # noqa: E402

from newsgraph.resolve.claims import group_claims  # noqa: E402
from newsgraph.resolve.entities import merge_entities  # noqa: E402


def main() -> int:
    records = seed_records()
    ids = merge_entities(records).ids
    claims = group_claims(records, ids)
    statements = sum(len(c.members) for c in claims)
    multi_doc = [c for c in claims if len(c.doc_ids) > 1]
    multi = [c for c in claims if len(c.members) > 1]
    print(f"{statements} statements -> {len(claims)} claims; {len(multi)} with >1 statement, {len(multi_doc)} across articles")
    for c in multi:
        print(f"\n== [{c.speaker}] {len(c.doc_ids)} article(s): {c.text[:110]}")
        for m in c.members:
            print(f"     {m.doc_id[:3]} {m.kind:12s} {m.speaker}: {m.text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
