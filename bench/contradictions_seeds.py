"""List the contradictions found on the seeds next to NOTES.md's nine, and count matches honestly."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_records import seed_records  # noqa: E402

from newsgraph.resolve.claims import group_claims  # noqa: E402
from newsgraph.resolve.contradictions import find_contradictions  # noqa: E402
from newsgraph.resolve.entities import merge_entities  # noqa: E402

# NOTES.md "Contradictions between the five articles": (number, (doc prefix, text), (doc prefix, text)).
NOTES = [
    (1, ("002", "has been operating in Mali for over 5 years"), ("004", "the authorities of Mali have officially requested the group of Russian mercenaries Wagner that they send their units")),
    (1, ("002", "has been operating in Mali for over 5 years"), ("004", "the Wagner group has already begun the recruitment of troops for this new operation on African soil")),
    (1, ("002", "has been operating in Mali for over 5 years"), ("001", "Since seizing power in 2020 in a coup, Mali’s ruling junta has brought in Russian planes, helicopters, and paramilitaries")),
    (2, ("002", "this has never been officially confirmed by authorities"), ("004", "the Malian authorities have not been able to cope with the terrorist threat and have had to turn to a private Russian military company")),
    (2, ("002", "this has never been officially confirmed by authorities"), ("002", "Wagner members work in Mali and the Central African Republic as military instructors")),
    (3, ("000", "the Russian forces in the country are not mercenaries but trainers"), ("001", "The French government claims that the Russian operatives are Wagner mercenaries")),
    (3, ("000", "the Russian forces in the country are not mercenaries but trainers"), ("003", "With Russian mercenaries in Mali")),
    (3, ("000", "the Russian forces in the country are not mercenaries but trainers"), ("002", "The presence of Russian mercenaries in Mali")),
    (4, ("004", "the Russian Government has nothing to do with it"), ("001", "a private military group that Moscow has deployed in Syria and now Ukraine")),
    (4, ("004", "the Russian Government has nothing to do with it"), ("002", "Russia was present at Mali’s request")),
    (4, ("004", "the Russian Government has nothing to do with it"), ("002", "these countries turned to Russia and Wagner for military instructors")),
    (4, ("004", "the Russian Government has nothing to do with it"), ("000", "equipment purchased from Russia")),
    (4, ("004", "the Russian Government has nothing to do with it"), ("004", "the paramilitaries that Russia will send")),
    (5, ("004", "the transformation of our military presence in the Sahel is not an exit from Mali or a unilateral decision"), ("000", "the withdrawal of all French troops from the country")),
    (5, ("004", "the transformation of our military presence in the Sahel is not an exit from Mali or a unilateral decision"), ("001", "France announced the withdrawal of its troops out of the West African nation")),
    (5, ("004", "the transformation of our military presence in the Sahel is not an exit from Mali or a unilateral decision"), ("002", "as Europe and France have withdrawn from these regions")),
    (5, ("004", "has acted unilaterally"), ("004", "denied on Monday that France had abandoned Mali and that the troop withdrawal was a unilateral decision")),
    (6, ("002", "it seems that they have not yielded significant results in the fight against jihadists"), ("002", "Russia has been effectively meeting their strategic needs")),
    (6, ("002", "it seems that they have not yielded significant results in the fight against jihadists"), ("002", "their army has been strengthened through training and equipment provided by Russia")),
    (6, ("003", "the Malian junta will safeguard its rules rather than defeat jihadists"), ("002", "Russia has been effectively meeting their strategic needs")),
    (6, ("003", "the Malian junta will safeguard its rules rather than defeat jihadists"), ("002", "their army has been strengthened through training and equipment provided by Russia")),
    (7, ("003", "in a speech to a UN gathering on January 31"), ("000", "Recently, U.N experts called for an independent investigation")),
    (8, ("000", "Sergey Lavrov, is currently in Baghdad"), ("001", "Lavrov made his first visit to the West African nation")),
    (8, ("000", "Sergey Lavrov, is currently in Baghdad"), ("003", "Sergey Lavrov traveled to Bamako")),
    (9, ("002", "the rebellion and mutiny within the Wagner paramilitary group in Russia"), ("002", "the rebellion of Wagner’s leader, Yevgeny Prigozhin, and his men in Ukraine")),
]


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower().replace("’", "'")).split())


def _overlaps(side: dict, note: tuple[str, str]) -> bool:
    """The found text and the NOTES text overlap: one contains the other, or it has half the NOTES text's content words."""
    if not side["doc_id"].startswith(note[0]):
        return False
    a, b = _norm(side["text"]), _norm(note[1])
    if a in b or b in a:
        return True
    ta = {w for w in a.split() if len(w) >= 4}
    tb = {w for w in b.split() if len(w) >= 4}  # content words only: shared 'the'/'that' prove nothing
    return bool(tb) and len(ta & tb) >= 0.5 * len(tb)


def match(c) -> int | None:
    """The NOTES number a found pair matches, or None for a false alarm."""
    for num, x, y in NOTES:
        if (_overlaps(c.a, x) and _overlaps(c.b, y)) or (_overlaps(c.a, y) and _overlaps(c.b, x)):
            return num
    return None


def main() -> int:
    records = seed_records()
    ids = merge_entities(records).ids
    claims = group_claims(records, ids)
    found = find_contradictions(records, claims, ids)
    hits = set()
    correct = 0
    for c in found:
        num = match(c)
        correct += num is not None
        if num is not None:
            hits.add(num)
        tag = f"NOTES #{num}" if num else "FALSE ALARM"
        print(f"[{tag}] {c.kind}: {c.explanation}")
        print(f"    a {c.a['doc_id'][:3]} {c.a['speaker']}: {c.a['text'][:120]}")
        print(f"    b {c.b['doc_id'][:3]} {c.b['speaker']}: {c.b['text'][:120]}")
    print(f"\nreported {len(found)}, correct {correct}, false alarms {len(found) - correct}")
    print(f"NOTES contradictions found: {sorted(hits)} ({len(hits)} of 9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
