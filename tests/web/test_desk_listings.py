"""The desk at scale, on the real seed store: paginated, searchable listings and the actor network's controls."""
from __future__ import annotations

import math
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from newsgraph import queries as Q
from newsgraph.store.db import Store
from newsgraph.web.app import create_app

KEYS = {"articles": "doc_id", "entities": "id", "claims": "id", "contradictions": "idx", "sources": "doc_id",
        "events": "id", "events?level=mention": ("doc_id", "idx"), "quotes": ("doc_id", "idx")}


def _key(row: dict, key: str | tuple) -> object:
    return tuple(row[k] for k in key) if isinstance(key, tuple) else row[key]


@pytest.fixture(scope="module")
def client(seeds_db):
    return TestClient(create_app(seeds_db))


def _get(client, what: str, **params) -> dict:
    path, _, level = what.partition("?level=")
    return client.get(f"/api/{path}", params={**({"level": level} if level else {}), **params}).json()


def _all(client, what: str, **params) -> list[dict]:
    return _get(client, what, limit=500, **params)["items"]


@pytest.mark.parametrize("what", sorted(KEYS))
def test_pages_partition_the_listing(client, what):
    """Pages of 3 (by offset and by page number) are disjoint, in order, and together are the whole listing."""
    everything = _all(client, what)
    assert everything, f"the seed store has {what}"
    key = KEYS[what]
    first = _get(client, what, limit=3)
    assert first["total"] == len(everything) and first["pages"] == math.ceil(len(everything) / 3)
    seen = []
    for page in range(1, first["pages"] + 1):
        by_page = _get(client, what, limit=3, page=page)
        by_offset = _get(client, what, limit=3, offset=(page - 1) * 3)
        assert [_key(r, key) for r in by_page["items"]] == [_key(r, key) for r in by_offset["items"]]
        assert by_page["page"] == page and 1 <= len(by_page["items"]) <= 3
        seen += [_key(r, key) for r in by_page["items"]]
    assert seen == [_key(r, key) for r in everything]
    beyond = _get(client, what, limit=3, page=first["pages"] + 1)
    assert beyond["items"] == [] and beyond["total"] == len(everything)


def test_event_filters_match_the_python_date_rule(client, seeds_db):
    """The SQL date overlap of /api/events is queries._in_range: same story events for every filter."""
    with Store(seeds_db, read_only=True) as store:
        everything = Q.story_events(store)
        dates = sorted({s["date"] for s in everything if s["date"]})
        for since, until in ((dates[0], dates[0]), (dates[len(dates) // 2][:7], None), (None, dates[-1][:4]),
                             (dates[0][:4] + "-W10", None)):
            expect = [s["id"] for s in Q.story_events(store, since=since, until=until)]
            got = _all(client, "events", **{k: v for k, v in (("since", since), ("until", until)) if v})
            assert [s["id"] for s in got] == expect, (since, until)
        actor = next(s["source_id"] for s in everything if s["source_id"])
        mine = _all(client, "events", actor=actor)
        assert [s["id"] for s in mine] == [s["id"] for s in Q.story_events(store, actor=actor)]
    mentions = _all(client, "events?level=mention", type=everything[0]["type"])
    assert mentions and all(m["type"] == everything[0]["type"] for m in mentions)


def test_quote_search(client):
    quotes = _all(client, "quotes")
    speaker = next(q for q in quotes if q["speaker_id"])
    mine = _get(client, "quotes", speaker=speaker["speaker_id"], limit=500)
    assert mine["total"] == sum(q["speaker_id"] == speaker["speaker_id"] for q in quotes)
    word = max(speaker["content"].split(), key=len)
    found = _all(client, "quotes", q=word)
    assert (speaker["doc_id"], speaker["idx"]) in {(q["doc_id"], q["idx"]) for q in found}


def test_limits_are_checked(client):
    assert client.get("/api/claims", params={"limit": 0}).status_code == 422
    assert client.get("/api/claims", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/claims", params={"page": 0}).status_code == 422


def test_claim_search_matches_text_or_speaker(client):
    claims = _all(client, "claims")
    speaker = next(c["speaker_name"] for c in claims if c["speaker_name"] and len(c["speaker_name"]) > 3)
    word = speaker.split()[-1]
    found = client.get("/api/claims", params={"q": word.lower(), "limit": 500}).json()
    expect = [c["id"] for c in claims if word.lower() in c["text"].lower()
              or word.lower() in str(c["speaker"]).lower() or word.lower() in str(c["speaker_name"]).lower()]
    assert found["total"] == len(expect) > 0 and [c["id"] for c in found["items"]] == expect
    assert found["q"] == word.lower()
    assert client.get("/api/claims", params={"q": "zzqx no such words"}).json()["total"] == 0


def test_article_search_reads_titles_and_bodies(client, seeds_db):
    with Store(seeds_db, read_only=True) as store:
        arts = store.query("SELECT doc_id, title, outlet, author, body FROM articles")
    def hits(word: str) -> set[str]:
        return {a["doc_id"] for a in arts if any(word.lower() in (a[k] or "").lower()
                                                 for k in ("title", "outlet", "author", "body"))}

    # a title word that some articles lack: the search must find exactly the ones that have it
    word = next(w for a in arts for w in sorted((a["title"] or "").split(), key=len, reverse=True)
                if len(w) > 4 and len(hits(w)) < len(arts))
    expect = hits(word)
    found = client.get("/api/articles", params={"q": word}).json()
    assert 0 < found["total"] < len(arts) and {a["doc_id"] for a in found["items"]} == expect


def test_entity_search_by_alias_and_type(client):
    ents = _all(client, "entities")
    alias = next(a for e in ents for a in e["aliases"] if a != e["name"] and len(a) > 3)
    found = client.get("/api/entities", params={"q": alias, "limit": 500}).json()["items"]
    assert any(alias in e["aliases"] for e in found)
    assert all(alias.lower() in e["name"].lower() or any(alias.lower() in a.lower() for a in e["aliases"])
               for e in found)
    people = client.get("/api/entities", params={"type": "PERSON", "limit": 500}).json()
    assert people["total"] == sum(e["type"] == "PERSON" for e in ents) > 0


def test_contradiction_search(client):
    contra = _all(client, "contradictions")
    kind = contra[0]["kind"]
    found = client.get("/api/contradictions", params={"q": kind}).json()
    assert found["total"] >= sum(c["kind"] == kind for c in contra) > 0


def test_listing_pages_link_their_neighbours(client):
    total = client.get("/api/claims").json()["total"]
    html = client.get("/claims", params={"limit": 10, "page": 2}).text
    page2 = client.get("/api/claims", params={"limit": 10, "page": 2}).json()["items"]
    for c in page2:
        assert f'id="claim-{c["id"]}"' in html
    assert 'href="/claims?limit=10&amp;page=1"' in html and 'href="/claims?limit=10&amp;page=3"' in html
    assert f"11–20 of {total}" in html
    searched = client.get("/entities", params={"q": "an", "limit": 1}).text
    assert 'href="/entities?q=an&amp;limit=1&amp;page=2"' in searched  # the search is kept in the page links


# ------------------------------------------------------------------ actor network
def _graph(store: Store, since: str | None = None, until: str | None = None) -> tuple[dict[str, int], nx.Graph]:
    """Degrees and neighbours computed independently from the story events (the same filter as the timeline)."""
    degree: dict[str, int] = {}
    g = nx.Graph()
    for s in Q.story_events(store, since=since, until=until):
        a, b = s["source_id"], s["target_id"]
        if not (a and b):
            continue
        degree[a] = degree.get(a, 0) + 1
        if a != b:
            degree[b] = degree.get(b, 0) + 1
            g.add_edge(a, b)
    return degree, g


def test_network_keeps_the_top_actors_by_degree(client, seeds_db):
    with Store(seeds_db, read_only=True) as store:
        degree, g = _graph(store)
    full = client.get("/api/network", params={"top": 300, "isolates": True}).json()
    assert full["total_nodes"] == len(degree) and {n["id"]: n["degree"] for n in full["nodes"]} == degree
    top = client.get("/api/network", params={"top": 4}).json()
    cut = sorted(degree.values(), reverse=True)[3]
    assert 0 < len(top["nodes"]) <= 4
    assert all(n["degree"] >= cut for n in top["nodes"])
    ids = {n["id"] for n in top["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in top["edges"])
    assert sum(e["count"] for e in full["edges"]) == full["total_edges"]


def test_network_hides_isolates(client):
    net = client.get("/api/network", params={"top": 6}).json()
    linked = {x for e in net["edges"] if e["source"] != e["target"] for x in (e["source"], e["target"])}
    assert {n["id"] for n in net["nodes"]} == linked
    shown = client.get("/api/network", params={"top": 6, "isolates": True}).json()
    assert len(shown["nodes"]) == len(net["nodes"]) + net["hidden_isolates"]


def test_network_focus_is_a_neighbourhood(client, seeds_db):
    with Store(seeds_db, read_only=True) as store:
        _, g = _graph(store)
    hub = max(g.nodes, key=lambda n: (g.degree(n), n))
    net = client.get("/api/network", params={"focus": hub, "top": 300}).json()
    assert net["focus"]["id"] == hub
    assert {n["id"] for n in net["nodes"]} == {hub} | set(g.neighbors(hub))
    assert [n["id"] for n in net["nodes"] if n["focus"]] == [hub]
    two = client.get("/api/network", params={"focus": hub, "top": 300, "depth": 2}).json()
    assert {n["id"] for n in two["nodes"]} == set(nx.single_source_shortest_path_length(g, hub, cutoff=2))
    page = client.get(f"/entities/{quote(hub, safe='')}").text
    assert f'href="/network?focus={quote(hub, safe="")}"' in page


def test_network_date_range(client, seeds_db):
    full = client.get("/api/network", params={"top": 300, "isolates": True}).json()
    dates = sorted(e["date"][:10] for e in full["edges"] if e["date"] and len(e["date"]) >= 10)
    since = until = dates[len(dates) // 2]
    with Store(seeds_db, read_only=True) as store:
        degree, _ = _graph(store, since=since, until=until)
        in_range = {s["id"] for s in Q.story_events(store, since=since, until=until) if s["source_id"] and s["target_id"]}
    net = client.get("/api/network", params={"top": 300, "isolates": True, "since": since, "until": until}).json()
    assert 0 < net["total_edges"] == len(in_range) < full["total_edges"]
    assert {ev["id"] for e in net["edges"] for ev in e["events"]} == in_range
    assert {n["id"] for n in net["nodes"]} == set(degree)


def test_network_layout_stays_in_the_unit_square(client):
    for params in ({}, {"top": 300, "isolates": True}, {"top": 3}):
        nodes = client.get("/api/network", params=params).json()["nodes"]
        assert nodes and all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in nodes)
        pts = [(n["x"], n["y"]) for n in nodes]
        if len(pts) > 2:  # spread out, not stacked on one spot or one line
            assert min(math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:]) > 0.01
            assert len({round(x, 2) for x, _ in pts}) > 1 and len({round(y, 2) for _, y in pts}) > 1


def test_an_old_store_gets_a_clear_error(seeds_db, tmp_path):
    """A store from an older newsgraph is refused with a message saying what to do, not a traceback."""
    import shutil

    import duckdb

    old = tmp_path / "old.duckdb"
    shutil.copyfile(seeds_db, old)
    con = duckdb.connect(str(old))
    con.execute("DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)")
    con.close()
    r = TestClient(create_app(old)).get("/api/summary")
    assert r.status_code == 503 and "schema version" in r.json()["detail"] and "newsgraph build" in r.json()["detail"]
