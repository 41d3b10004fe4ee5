"""Source profiles on the real seeds: MT / content-farm verdicts per NOTES.md, copies, stale 'currently'."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph.records import Article, ArticleRecord
from newsgraph.resolve.sources import profile_sources

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")


def _record(path: Path, body: str | None = None, doc_id: str | None = None) -> ArticleRecord:
    """A seed as ingest would hand it over: gold meta, furniture lines moved to `removed`."""
    gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
    furniture = set(gold["boilerplate"])
    lines = path.read_text(encoding="utf-8").split("\n")
    meta = gold["meta"]
    return ArticleRecord(Article(
        doc_id=doc_id or path.stem,
        body=body if body is not None else "\n".join(l for l in lines if l.strip() not in furniture),
        title=meta["title"], published=meta["published"], published_precision=meta["published_precision"],
        author=meta["author"], outlet=meta["outlet"],
        removed=tuple(l for l in lines if l.strip() in furniture),
    ))


def _notes_flags() -> dict[str, tuple[bool, bool]]:
    """(machine translation, content farm) per seed, read from the 'Source flags' of NOTES.md."""
    notes = (GOLD / "NOTES.md").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"^## (\d{3}_[0-9a-f]+)(.*?)(?=^## |\Z)", notes, re.S | re.M):
        flags = m.group(2).split("**Source flags:**")[1].lower()
        mt = "machine translation" in flags or "machine-translated" in flags
        farm = "content-farm" in flags or "content farm" in flags
        out[m.group(1)] = (mt, farm)
    return out


@pytest.fixture(scope="module")
def profiles():
    recs = [_record(p) for p in sorted(SEEDS.glob("*.txt"))]
    return {p.doc_id: p for p in profile_sources(recs)}


def test_verdicts_match_notes(profiles):
    expected = _notes_flags()
    assert set(expected) == set(profiles)
    rows = []
    for doc_id, (mt, farm) in sorted(expected.items()):
        p = profiles[doc_id]
        rows.append(f"{doc_id[:3]}  MT {p.machine_translation.flagged!s:5} (NOTES {mt!s:5})  "
                    f"farm {p.content_farm.flagged!s:5} (NOTES {farm!s:5})  trust {p.trust}")
    print("\n" + "\n".join(rows))
    for doc_id, (mt, farm) in expected.items():
        p = profiles[doc_id]
        assert p.machine_translation.flagged == mt, (doc_id, [s.reason for s in p.machine_translation.reasons])
        assert p.content_farm.flagged == farm, (doc_id, [s.reason for s in p.content_farm.reasons])
        if mt:
            assert p.machine_translation.reasons and all(s.reason for s in p.machine_translation.reasons)
        assert 0.0 <= p.trust <= 1.0


def test_reasons_point_at_their_evidence(profiles):
    body = {p.stem: _record(p).article.body for p in SEEDS.glob("*.txt")}
    for doc_id, p in profiles.items():
        for s in p.machine_translation.reasons + p.content_farm.reasons:
            if s.start >= 0:
                assert s.evidence and body[doc_id][s.start:s.end] in s.evidence


def test_no_copies_between_different_seeds(profiles):
    for p in profiles.values():
        assert p.copies == ()
    assert len({p.independent_group for p in profiles.values()}) == len(profiles)


def test_copy_with_a_replaced_paragraph_is_found():
    paths = sorted(SEEDS.glob("*.txt"))
    original = _record(paths[4])
    donor = _record(paths[1]).article.body
    paras = [p for p in original.article.body.split("\n") if len(p.split()) > 40]
    donor_para = max(donor.split("\n"), key=len)
    copy_body = original.article.body.replace(paras[0], donor_para)
    copy = _record(paths[4], body=copy_body, doc_id="copy")
    out = {p.doc_id: p for p in profile_sources([original, copy, _record(paths[2])])}
    rel = out["copy"].copies
    assert [r.other for r in rel] == [original.article.doc_id]
    assert rel[0].near_copy and rel[0].containment > 0.6
    kept = max(paras[1:], key=len)
    passage = max(rel[0].passages, key=lambda x: x.words)
    assert any(" ".join(kept.split()[2:22]) in x.text for x in rel[0].passages)
    assert donor_para not in " ".join(x.text for x in rel[0].passages)
    assert copy_body[passage.start:passage.end] == passage.text
    assert original.article.body[passage.other_start:passage.other_end].lower() == passage.text.lower()
    assert out["copy"].independent_group == out[original.article.doc_id].independent_group
    assert out[paths[2].stem].independent_group != out["copy"].independent_group
    json.dumps(out["copy"].to_dict())


def test_stale_currently_under_the_october_header(profiles):
    p = next(v for k, v in profiles.items() if k.startswith("000"))
    stale = [s for s in p.inconsistencies if s.kind == "stale_present"]
    assert stale and "currently" in stale[0].evidence and "2023-10-01" in stale[0].reason
    assert any("stale" in r for r in p.trust_reasons)


def test_native_wire_news_is_not_flagged():
    """Native English wire stories (TimeBank) are neither machine translations nor content farms."""
    files = sorted((SHARED / "benchmarks" / "tempeval3" / "train" / "TimeBank").glob("*.tml"))[:40]
    if not files:
        pytest.skip("tempeval3 TimeBank not found in shared/benchmarks")
    recs = []
    for f in files:
        raw = f.read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", raw.split("<TEXT>")[1].split("</TEXT>")[0]).strip()
        recs.append(ArticleRecord(Article(doc_id=f.stem, body=text, author="staff")))
    for p in profile_sources(recs):
        assert not p.machine_translation.flagged, (p.doc_id, [s.reason for s in p.machine_translation.reasons])
        assert not p.content_farm.flagged, (p.doc_id, [s.reason for s in p.content_farm.reasons])
