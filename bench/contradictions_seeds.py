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

NOTES_MD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "seeds" / "NOTES.md"
_QUOTED = re.compile(r'"([^"]+)"')
_DOC = re.compile(r"\b(\d{3})\b")


def load_notes(path: Path = NOTES_MD) -> list[tuple[int, tuple[str, str], tuple[str, str]]]:
    """NOTES.md's 'Contradictions between the five articles' as (number, (doc, text), (doc, text)) pairs.

    Each numbered item's first statement is side a; every quote on an 'Against' line is a side b; a 'Within'
    line or an item written on one line pairs its first quote with the rest."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## Contradictions between the five articles", 1)[1]
    items = re.split(r"\n(?=\d+\. \*\*)", section)
    out = []
    for item in items:
        head = re.match(r"(\d+)\. ", item.strip())
        if not head:
            continue
        number = int(head.group(1))
        lines: list[str] = []  # the heading, then one entry per bullet with its wrapped lines joined
        for raw in item.strip().splitlines():
            ln = raw.strip()
            if ln.startswith("- ") or not lines:
                lines.append(ln)
            elif ln:
                lines[-1] += " " + ln
        a_sides: list[tuple[str, str]] = []
        b_sides: list[tuple[str, str]] = []
        first = lines[0]
        if _QUOTED.search(first):  # "9. **...** (inside 002): "a" against "b"."
            doc, quotes = _DOC.findall(first)[0], _QUOTED.findall(first)
            a_sides.append((doc, quotes[0]))
            b_sides += [(doc, q) for q in quotes[1:]]
        rest: list[tuple[str, str]] = []  # statements on non-'Against' lines after the first
        for line in lines[1:]:
            body = line[2:]
            lead = body.split(":", 1)[0]
            quotes = _QUOTED.findall(body) or [body.split(":", 1)[-1].strip()]
            if body.startswith("Against"):
                b_sides += [(doc, q) for doc in _DOC.findall(lead) for q in quotes]
            elif body.startswith("Within"):
                doc = _DOC.findall(lead)[0]
                a_sides.append((doc, quotes[0]))
                b_sides += [(doc, q) for q in quotes[1:]]
            else:
                doc = (_DOC.findall(lead) or _DOC.findall(body))[0]
                if not a_sides:
                    a_sides.append((doc, quotes[0]))
                else:
                    rest.extend((doc, q) for q in quotes)
        if not b_sides:  # no 'Against' line: the first statement is contradicted by the ones after it
            b_sides = rest
        else:
            a_sides += rest
        out += [(number, a, b) for a in a_sides for b in b_sides if a != b]
    return out


NOTES = load_notes()


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
