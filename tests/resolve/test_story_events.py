"""Story events: one real-world event reported by several seeds is one record; different events stay apart."""
import json

import pytest

from newsgraph.resolve.corpus import story_events
from newsgraph.resolve.entities import merge_entities


@pytest.fixture(scope="module")
def stories(seed_records):
    records = list(seed_records.values())
    return records, story_events(records, merge_entities(records))


def test_lavrov_bamako_visit_is_one_story_with_three_sources(stories):
    _, found = stories
    visits = [s for s in found if s.type == "CONSULT" and "sergey-lavrov" in (s.source, s.target)
              and "mali" in (s.source, s.target)]
    assert len(visits) == 1
    visit = visits[0]
    assert visit.n_sources >= 3 and visit.date == "2023-02-07" and visit.date_precision == "day"
    assert visit.first_doc in visit.docs


def test_baghdad_visit_is_not_merged_with_bamako(stories):
    records, found = stories
    by_doc = {r.article.doc_id: r for r in records}
    for s in found:
        texts = [by_doc[d].events[i].evidence for d, i in s.mentions]
        if any("Iraq" in t or "Baghdad" in t for t in texts):
            assert not any("Bamako" in t or "West African" in t for t in texts), texts


def test_no_story_mixes_types_dates_or_actors(stories):
    records, found = stories
    by_doc = {r.article.doc_id: r for r in records}
    index = merge_entities(records)
    for s in found:
        evs = [(d, by_doc[d].events[i]) for d, i in s.mentions]
        assert len({e.type for _, e in evs}) == 1
        days = {e.date for _, e in evs if e.date and e.date_precision == "day"}
        assert len(days) <= 1, (s.id, days)
        if s.type not in ("CONSULT", "COOPERATE"):
            sources = {index.ids.get((d, e.source)) for d, e in evs if e.source}
            targets = {index.ids.get((d, e.target)) for d, e in evs if e.target}
            assert len(sources) <= 1 and len(targets) <= 1, (s.id, sources, targets)


def test_each_story_counts_independent_sources_not_mentions(stories):
    _, found = stories
    for s in found:
        assert 1 <= s.n_sources <= len(s.docs) <= len(s.mentions)


def test_undated_reports_inherit_the_story_date_and_say_so(seed_records, stories, tmp_path):
    from newsgraph.export.annotations import write_annotations
    from newsgraph.resolve.corpus import inherited_dates
    from newsgraph.resolve.entities import merge_entities

    records, stories = stories
    inherited = inherited_dates(stories, records)
    # 001 is undated: its report of Lavrov's first visit takes the day the dated reports give
    visit = [(d, i) for (d, i), x in inherited.items() if d.startswith("001")
             and seed_records[d].events[i].type == "CONSULT"]
    assert visit and all(inherited[k].date == "2023-02-07" for k in visit)
    for (doc, i), x in inherited.items():
        own = seed_records[doc].events[i].date
        assert own is None or (x.date.startswith(own) and len(x.date) > len(own))  # text dates are never replaced
    paths = write_annotations(records, merge_entities(records), tmp_path, inherited)
    events = [e for p in paths for e in json.loads(p.read_text(encoding="utf-8"))["events"]]
    marked = [e for e in events if "date_from_story" in e]
    assert len(marked) == len(inherited)
    assert {e["date_from_story"] for e in marked} <= {s.id for s in stories}


def test_an_undated_report_of_a_dated_visit_on_the_named_weekday_is_anchored_to_it(seed_records, stories):
    from newsgraph.api import settle_anchors
    from newsgraph.pipeline import anchor_of
    from newsgraph.resolve.anchors import infer_anchors

    records, stories = stories
    anchors = infer_anchors(records, stories)
    # 001 is undated and says Diop spoke 'on Tuesday' as Lavrov visited; 003 dates the visit Tue 7 Feb 2023
    first = [a for d, a in anchors.items() if d.startswith("001")]
    assert first and first[0].date == "2023-02-07" and "Tuesday" in first[0].evidence
    assert all(not anchor_of(seed_records[d].article) for d in anchors)  # dated articles keep their own date
    assert not any(d.startswith("002") for d in anchors)  # no weekday names the visit there: no guess
    settled, changed = settle_anchors(records)[:2]
    assert [r.article.doc_id for r in changed] == [first[0].doc_id]
    rec = changed[0]
    assert rec.article.published is None and rec.inferred_anchor == "2023-02-07"
    values = {t.text.lower(): t.value for t in rec.timex}
    assert values.get("last year") == "2022" and values.get("last march") == "2022-03"
    assert not settle_anchors(settled)[1]  # settled records stay settled
