"""Stores for the web tests: one built from the real seeds by the real pipeline, one hand-made hostile article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex
from newsgraph.store.db import Store

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"

HOSTILE_ID = "evil-<b>01"
HOSTILE_BODY = (
    "Officials in Gondar said <script>window.__xss = 1</script> the convoy left on 3 March 2024.\n"
    '<a href="javascript:window.__xss=2">click here</a> and <img src=x onerror="window.__xss=3"> '
    "were posted by the Amhara Fano militia.\n"
    '"We will not retreat <b>ever</b>," said Colonel <i>Bad</i> Actor.\n'
)


def _span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def hostile_record() -> ArticleRecord:
    """An article whose title, body, names and quotes are HTML and script, with layers crossing the tags."""
    b = HOSTILE_BODY
    s_script, e_script = _span(b, "<script>window.__xss = 1</script>")
    s_gondar, e_gondar = _span(b, "Gondar")
    s_fano, e_fano = _span(b, "Amhara Fano")
    s_col, e_col = _span(b, "Colonel <i>Bad</i> Actor")
    s_q, e_q = _span(b, "We will not retreat <b>ever</b>,")
    s_date, e_date = _span(b, "3 March 2024")
    ev_start = b.index("said <script>")
    ev_end = b.index("2024.") + 4
    art = Article(doc_id=HOSTILE_ID, body=b, title='<script>window.__xss = 4</script>Convoy "leaves"',
                  published="2024-03-04", published_precision="day", author="<b>Evil</b> Author",
                  outlet="<i>Outlet</i>", url="javascript:window.__xss=5", source="hostile.txt")
    ents = (LocalEntity("Gondar", "Gondar", "GPE", ("Gondar",), iso="ET", lat=12.6, lon=37.47),
            LocalEntity("Fano", "Amhara Fano <script>", "ORG", ("Amhara Fano",)),
            LocalEntity("Actor", "Colonel <i>Bad</i> Actor", "PERSON", ("Colonel <i>Bad</i> Actor",)))
    mentions = (Mention("Gondar", s_gondar, e_gondar, "GPE", "Gondar"),
                Mention("Amhara Fano", s_fano, e_fano, "ORG", "Fano"),
                Mention("Colonel <i>Bad</i> Actor", s_col, e_col, "PERSON", "Actor"),
                # a mention that crosses the script tag boundary
                Mention(b[s_script + 3:e_script - 5], s_script + 3, e_script - 5, "ORG", "Fano"))
    events = (Event("MOBILIZE", "Fano", "Gondar", b[ev_start:ev_end], ev_start, ev_end, trigger="left",
                    location="Gondar", date="2024-03-03", date_precision="day"),)
    quotes = (Quote("Actor", "Colonel <i>Bad</i> Actor", "said", b[s_q:e_q], s_q, e_q, "direct"),)
    timex = (Timex("3 March 2024", s_date, e_date, "2024-03-03"),)
    return ArticleRecord(art, ents, mentions, events, quotes, timex)


def write_hostile_store(path: Path) -> Path:
    """A store holding the hostile article, with hand-written corpus layers that also carry markup."""
    rec = hostile_record()
    with Store(path) as store:
        store.put_record(rec)
        ev = rec.events[0]
        story = {"id": "mobilize-evil", "type": "MOBILIZE", "source": "fano", "target": "gondar", "date": "2024-03-03",
                 "date_precision": "day", "location": "Gondar", "mentions": [[HOSTILE_ID, 0]], "docs": [HOSTILE_ID],
                 "n_sources": 1, "first_doc": HOSTILE_ID, "evidence": [ev.evidence]}
        store.replace_corpus_layers({
            "entities": [["gondar", "Gondar", "GPE", "ET", 12.6, 37.47, 1],
                         ["fano", "Amhara Fano <script>window.__xss=6</script>", "ORG", None, None, None, 1],
                         ["col-actor", "Colonel <i>Bad</i> Actor", "PERSON", None, None, None, 1]],
            "entity_aliases": [["gondar", "Gondar"], ["fano", "Amhara Fano"], ["col-actor", "Colonel <i>Bad</i> Actor"]],
            "entity_map": [[HOSTILE_ID, "Gondar", "gondar"], [HOSTILE_ID, "Fano", "fano"], [HOSTILE_ID, "Actor", "col-actor"]],
            "story_events": [["mobilize-evil", "MOBILIZE", "fano", "gondar", "2024-03-03", "day", "Gondar", 1, HOSTILE_ID,
                              json.dumps(story)]],
            "story_event_mentions": [["mobilize-evil", HOSTILE_ID, 0]],
            "claims": [["claim-evil", "<script>window.__xss=7</script> the convoy left", "col-actor", 1,
                        json.dumps({"members": [[HOSTILE_ID, 0]]})]],
            "contradictions": [[0, "date", HOSTILE_ID, HOSTILE_ID, json.dumps({
                "kind": "date", "a": {"doc_id": HOSTILE_ID, "text": "<img src=x onerror=\"window.__xss=8\">"},
                "b": {"doc_id": HOSTILE_ID, "text": "<a href=\"javascript:window.__xss=9\">b</a>"},
                "explanation": "<b>dates differ</b>"})]],
            "source_profiles": [[HOSTILE_ID, 0.5, False, True, HOSTILE_ID, json.dumps({
                "doc_id": HOSTILE_ID, "copies": [], "machine_translation": {"flagged": False, "score": 0, "reasons": []},
                "content_farm": {"flagged": True, "score": 1, "reasons": [{"reason": "<script>window.__xss=10</script>"}]},
                "stitched": [], "inconsistencies": [], "trust": 0.5, "trust_reasons": ["<b>no byline</b>"],
                "independent_group": HOSTILE_ID})]],
        })
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A store built from ../shared/seeds by the real pipeline (once per test session)."""
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS}")
    from newsgraph import api

    db = tmp_path_factory.mktemp("desk") / "seeds.duckdb"
    report = api.build([SEEDS], db)
    assert report.ok, report.errors
    return db


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    return write_hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture(scope="session")
def big_db(seeds_db, tmp_path_factory) -> Path:
    """A ~1,000-article store: the seed store's analysed records copied 200 times with new ids (no re-parsing)."""
    from newsgraph.web.replicate import replicate

    db = tmp_path_factory.mktemp("desk-big") / "big.duckdb"
    n = replicate(seeds_db, db, copies=200)
    assert n == 200 * 5
    return db
