"""The desk's JSON API, HTML safety, path handling, exports and the report, through FastAPI's TestClient."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from newsgraph import queries as Q
from newsgraph.export.graph import export_graph
from newsgraph.export.report import render_report
from newsgraph.export.tables import EVENT_COLUMNS, ExportError, export_table
from newsgraph.store.db import Store
from newsgraph.web.app import create_app
from newsgraph.web.highlight import Span, highlight
from newsgraph.web.palette import PLOVER_COLOURS

REPO = Path(__file__).resolve().parents[2]
HOSTILE_ID = "evil-<b>01"  # the doc_id conftest.hostile_record gives the hostile article


@pytest.fixture(scope="module")
def client(seeds_db):
    return TestClient(create_app(seeds_db))


@pytest.fixture(scope="module")
def evil(hostile_db):
    return TestClient(create_app(hostile_db))


# ------------------------------------------------------------------ API answers on the real seeds
def test_api_lists_what_the_store_holds(client, seeds_db):
    with Store(seeds_db, read_only=True) as store:
        n_articles = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_stories = store.con.execute("SELECT count(*) FROM story_events").fetchone()[0]
        n_claims = store.con.execute("SELECT count(*) FROM claims").fetchone()[0]
    listing = client.get("/api/articles").json()
    arts = listing["items"]
    assert len(arts) == listing["total"] == n_articles == 5
    assert client.get("/api/summary").json()["articles"] == 5
    listing = client.get("/api/events", params={"limit": 500}).json()
    events = listing["items"]
    assert len(events) == listing["total"] == n_stories > 0
    assert all(e["colour"].startswith("#") for e in events)
    assert client.get("/api/claims").json()["total"] == n_claims
    assert isinstance(client.get("/api/contradictions").json()["items"], list)
    sources = client.get("/api/sources").json()["items"]
    assert {s["doc_id"] for s in sources} == {a["doc_id"] for a in arts}


def test_article_offsets_point_into_the_body(client):
    doc_id = client.get("/api/articles").json()["items"][0]["doc_id"]
    art = client.get(f"/api/articles/{quote(doc_id, safe='')}").json()
    body = art["body"]
    assert art["mentions"], "seed articles name entities"
    for m in art["mentions"]:
        assert body[m["start_char"]:m["end_char"]] == m["text"]
    for q in art["quotes"]:  # the highlighted span holds the quote (punctuation at its edges may differ)
        assert q["content"].strip(" .,;:!?\"'“”") in body[q["start_char"]:q["end_char"]]
    for t in art["timex"]:  # dates from the header (outside the body) carry offsets outside it
        if 0 <= t["start_char"] < t["end_char"] <= len(body):
            assert body[t["start_char"]:t["end_char"]] == t["text"]


def test_entities_search_and_entity_page(client):
    ents = client.get("/api/entities", params={"limit": 500}).json()["items"]
    top = ents[0]
    assert top["n_docs"] >= ents[-1]["n_docs"]
    one = client.get(f"/api/entities/{quote(top['id'], safe='')}").json()
    assert one["name"] == top["name"] and one["articles"]
    assert {a["doc_id"] for a in one["articles"]} == set(top["docs"])
    # search finds an entity by one of its aliases and articles by body text
    alias = next(a for e in ents for a in e["aliases"] if len(a) > 4)
    found = client.get("/api/search", params={"q": alias}).json()
    assert any(alias in e["aliases"] for e in found["entities"])
    assert found["articles"] and all(a["snippet"]["match"].lower() == alias.lower() for a in found["articles"])
    page = client.get(f"/entities/{quote(top['id'], safe='')}")
    assert page.status_code == 200 and top["name"] in page.text


def test_timeline_filters(client):
    full = client.get("/api/timeline").json()
    assert full["items"], "the seeds have dated story events"
    for it in full["items"]:
        assert it["start"] <= it["end"] and it["date"]
    t = full["items"][0]["type"]
    only = client.get("/api/timeline", params={"type": t}).json()
    assert only["items"] and all(i["type"] == t for i in only["items"])
    year = full["items"][-1]["start"][:4]
    ranged = client.get("/api/timeline", params={"since": f"{year}-01-01", "until": f"{year}-12-31"}).json()["items"]
    assert ranged and all(i["end"] >= f"{year}-01-01" and i["start"] <= f"{year}-12-31" for i in ranged)
    actor = next(i["source_id"] for i in full["items"] + full["undated"] if i["source_id"])
    mine = client.get("/api/timeline", params={"actor": actor}).json()
    assert all(actor in (i["source_id"], i["target_id"]) for i in mine["items"] + mine["undated"])


def test_network_edges_join_known_nodes(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])


@pytest.mark.parametrize("path", ["/", "/timeline", "/network", "/entities", "/claims", "/sources", "/docs",
                                  "/search?q=Mali", "/articles", "/contradictions", "/articles?q=Mali&page=2&limit=1"])
def test_html_views_render_with_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.text  # only <script src=...> from /static
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", r.text)
    assert not re.search(r"""(src|href)=["']https?://""", r.text)


def test_date_span():
    assert Q.date_span("2023") == ("2023-01-01", "2023-12-31")
    assert Q.date_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert Q.date_span("2023-02-07") == ("2023-02-07", "2023-02-07")
    assert Q.date_span("2023-W05") == ("2023-01-30", "2023-02-05")
    assert Q.date_span("PAST_REF") is None


# ------------------------------------------------------------------ untrusted text stays text
def test_highlight_escapes_every_segment():
    import html as _html

    body = '<script>alert(1)</script> & <a href="javascript:x()">y</a>'
    out = str(highlight(body, [Span("mention", 3, 20, "mention-0", "<b>", href="/entities/x"),
                               Span("event", 0, len(body), "event-0", "E"),
                               Span("quote", 10, 40, "quote-0", "Q"),
                               Span("timex", 50, 999, "timex-0", "out of range")]))
    assert "<script>" not in out and '<a href="javascript' not in out
    # removing our own markers and tags gives back exactly the body
    assert _html.unescape(re.sub(r"<[^>]+>", "", out)) == body


HOSTILE_MARKUP = ("<script>window", "<i>Bad", "<b>ever", "<b>Evil", "<i>Outlet", "<b>dates", "<b>no byline",
                  "<img src=x", 'href="javascript:')


def test_hostile_article_is_shown_as_text(evil):
    r = evil.get(f"/articles/{quote(HOSTILE_ID, safe='')}")
    assert r.status_code == 200
    html = r.text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in re.sub(r"<[^>]+>", "", html)
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)
    assert not [m for m in HOSTILE_MARKUP if m in html]
    assert "&lt;b&gt;ever&lt;/b&gt;" in html
    # highlights are there and link to records
    assert 'class="hl hl-mention' in html and 'href="#event-0"' in html and 'href="#quote-0"' in html
    assert 'href="/entities/col-actor"' in html


@pytest.mark.parametrize("path", ["/", "/claims", "/sources", "/entities", "/entities/fano", "/entities/col-actor",
                                  "/events/mobilize-evil", "/search?q=%3Cscript%3E", "/search?q=Fano", "/articles",
                                  "/contradictions", "/claims?q=%3Cscript%3E", "/articles?q=%3Cscript%3E",
                                  "/contradictions?q=%3Cimg", "/entities?q=%3Cscript%3E"])
def test_hostile_layers_are_escaped_everywhere(evil, path):
    html = evil.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), path
    assert not [m for m in HOSTILE_MARKUP if m in html], path


def test_hostile_json_is_data(evil):
    art = evil.get(f"/api/articles/{quote(HOSTILE_ID, safe='')}").json()
    assert "<script>window.__xss = 1</script>" in art["body"]  # the API returns the text as it is
    assert evil.get("/api/articles").headers["content-type"].startswith("application/json")


# ------------------------------------------------------------------ paths
@pytest.mark.parametrize("path", [
    "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2fpyproject.toml", "/static/../app.py", "/static/%2e%2e/app.py",
    "/articles/..%2F..%2Fetc%2Fpasswd", "/articles/../../etc/passwd", "/api/articles/..%2F..%2Fetc%2Fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/entities/..%2F..%2Fetc%2Fpasswd",
    "/api/entities/%2Fetc%2Fpasswd", "/events/..%2F..%2Fetc%2Fpasswd",
])
def test_path_traversal_is_404(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "import" not in r.text


def test_static_files_are_served(client):
    for name in ("desk.css", "common.js", "timeline.js", "network.js"):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"


def test_css_knows_every_plover_colour(client):
    css = client.get("/static/desk.css").text
    for t, c in PLOVER_COLOURS.items():
        assert f".t-{t.lower()}" in css and c in css


# ------------------------------------------------------------------ exports and report
def test_events_csv_columns(seeds_db, tmp_path):
    out = tmp_path / "events.csv"
    n = export_table(seeds_db, "events", out, "csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and len(rows) == n
    assert list(rows[0]) == EVENT_COLUMNS
    with Store(seeds_db, read_only=True) as store:
        assert n == store.con.execute("SELECT count(*) FROM story_events").fetchone()[0]
        n_mentions = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert export_table(seeds_db, "events", tmp_path / "m.csv", "csv", level="mention") == n_mentions
    iso = [r for r in rows if r["actor_iso"]]
    assert all(len(r["actor_iso"]) == 2 for r in iso)


@pytest.mark.parametrize("what", ["events", "entities", "quotes"])
def test_jsonl_and_parquet_round_trip(seeds_db, tmp_path, what):
    import pyarrow.parquet as pq

    n = export_table(seeds_db, what, tmp_path / "t.jsonl", "jsonl")
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == n
    assert export_table(seeds_db, what, tmp_path / "t.parquet", "parquet") == n
    assert pq.read_table(tmp_path / "t.parquet").num_rows == n


def test_export_rejects_unknown_format(seeds_db, tmp_path):
    with pytest.raises(ExportError):
        export_table(seeds_db, "events", tmp_path / "x", "xlsx")


def test_csv_cells_cannot_be_formulas(hostile_db, tmp_path):
    from newsgraph.export.tables import _csv_safe

    assert _csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_safe("plain") == "plain" and _csv_safe(3) == 3


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_load_with_networkx(seeds_db, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    nodes, edges = export_graph(seeds_db, out, fmt)
    g = reader(out)
    assert g.number_of_nodes() == nodes > 0 and g.number_of_edges() == edges
    with Store(seeds_db, read_only=True) as store:
        both = store.con.execute("SELECT count(*) FROM story_events WHERE source_id IS NOT NULL "
                                 "AND target_id IS NOT NULL").fetchone()[0]
    assert edges == both


def test_report_is_self_contained(seeds_db):
    html = render_report(seeds_db)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "<svg" in html
    # every internal link lands on an anchor inside the report
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids, sorted(targets - ids)[:5]
    with Store(seeds_db, read_only=True) as store:
        for (doc_id,) in store.con.execute("SELECT doc_id FROM articles").fetchall():
            assert doc_id in html


def test_report_escapes_hostile_text(hostile_db):
    html = render_report(hostile_db)
    assert "<script" not in html.lower() and 'href="javascript:' not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_cli_registers_desk_commands():
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    for args in (["serve", "--help"], ["report", "--help"], ["export", "events", "--help"], ["export", "graph", "--help"]):
        assert runner.invoke(app, args).exit_code == 0, args


def test_cli_exports(seeds_db, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["export", "entities", "--db", str(seeds_db), "--format", "csv", "--out", str(tmp_path / "e.csv")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").startswith("id,name,type,iso")
    r = runner.invoke(app, ["report", "--db", str(seeds_db), "--out", str(tmp_path / "r.html")])
    assert r.exit_code == 0 and (tmp_path / "r.html").stat().st_size > 1000
    r = runner.invoke(app, ["export", "graph", "--db", str(tmp_path / "missing.duckdb"), "--out", str(tmp_path / "g")])
    assert r.exit_code == 2


def test_gitignore_covers_artifacts():
    assert "test-artifacts" in (REPO / ".gitignore").read_text(encoding="utf-8")


def test_undated_reports_show_their_story_date_in_listings_and_article_view(seeds_db):
    from newsgraph import queries
    from newsgraph.store.db import Store

    rows = queries.list_events(seeds_db, etype="CONSULT")
    inherited = [r for r in rows if r["date_from_story"]]
    # the undated seeds (001, 002) report the Feb 2023 Lavrov visit; one dates it only through its story
    assert any(r["doc_id"][:3] in ("001", "002") and r["date"] == "2023-02-07" for r in inherited)
    with Store(seeds_db, read_only=True) as store:
        own = {(r["doc_id"], r["idx"]): r["date"] for r in store.query("SELECT doc_id, idx, date FROM events")}
        for r in inherited:
            mine = own[(r["doc_id"], r["idx"])]
            assert mine is None or (r["date"].startswith(mine) and len(r["date"]) > len(mine))
        doc = next(r["doc_id"] for r in inherited)
        view = queries.article(store, doc)
    assert any(e["date_from_story"] for e in view["events"])
    # the listing filters on the date it shows
    since = queries.list_events(seeds_db, etype="CONSULT", since="2023-02-07")
    assert {(r["doc_id"], r["idx"]) for r in inherited} <= {(r["doc_id"], r["idx"]) for r in since}


def test_an_undated_article_profile_says_when_it_was_written(seeds_db):
    from newsgraph import queries

    profiles = {r["doc_id"]: r["profile"] for r in queries.list_sources(seeds_db)}
    written = {d: p["written_around"] for d, p in profiles.items() if p.get("written_around")}
    assert any(d.startswith("001") and w == "2023-02-07" for d, w in written.items())
    assert all(d[:3] in ("001", "002") for d in written)  # only the two undated seeds can have one
