"""Drive headless Chromium through the desk's main views on a store built from the seeds.

Needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver) and Selenium;
without them the tests FAIL with a message saying what to install (they never skip silently).
Screenshots go to test-artifacts/ (gitignored): look at them.
"""
from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
DRIVER = Path("/usr/bin/chromedriver")
BROWSERS = (Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium"))
CHROME_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--window-size=1400,1000")
HOSTILE_ID = "evil-<b>01"  # the doc_id conftest.hostile_record gives the hostile article


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn in a thread on 127.0.0.1, stopped at teardown."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from newsgraph.web.app import create_app

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def json(self, path: str):
        with urlopen(self.url + path, timeout=10) as r:  # noqa: S310 - local test server
            return json.loads(r.read())

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through Selenium with the system chromedriver (no Selenium Manager download)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("Selenium is not installed in the venv: pip install selenium")
    binary = next((b for b in BROWSERS if b.exists()), None)
    if binary is None or not DRIVER.exists():
        pytest.fail("Chromium is not installed: run 'apt-get update && apt-get install -y chromium chromium-driver' "
                    f"(looked for {', '.join(map(str, BROWSERS))} and {DRIVER})")
    profile = tempfile.mkdtemp(prefix="newsgraph-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(binary)
    for arg in CHROME_ARGS:
        opts.add_argument(arg)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=opts)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def desk(seeds_db):
    server = _Server(seeds_db)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def evil_desk(hostile_db):
    server = _Server(hostile_db)
    yield server
    server.stop()


def _wait(driver, condition, timeout: float = 10.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _shot(driver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _console_errors(driver) -> list[str]:
    """Severe console messages: script errors and Content-Security-Policy violations."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
            and "favicon.ico" not in e["message"]]


def test_overview_lists_articles_and_actors(browser, desk):
    from selenium.webdriver.common.by import By

    browser.get(desk.url + "/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    assert len(rows) == desk.json("/api/articles")["total"] == 5
    _shot(browser, "overview")
    assert not _console_errors(browser)


def test_article_view_highlights_and_links(browser, desk):
    from selenium.webdriver.common.by import By

    arts = desk.json("/api/articles")["items"]
    doc = max(arts, key=lambda a: a["n_events"] + a["n_quotes"])
    art = desk.json(f"/api/articles/{quote(doc['doc_id'], safe='')}")
    browser.get(f"{desk.url}/articles/{quote(doc['doc_id'], safe='')}")
    body = browser.find_element(By.ID, "body")
    # the shown text is exactly the article (markers add no text); WebDriver's .text folds some whitespace
    assert browser.execute_script("return arguments[0].textContent", body) == art["body"]
    mentions = browser.find_elements(By.CSS_SELECTOR, "#body a.hl-mention")
    linked = [m for m in art["mentions"] if m["entity_id"]]
    assert len(mentions) >= len(linked) > 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "#events li[id^='event-']")) == len(art["events"])
    assert len(browser.find_elements(By.CSS_SELECTOR, "#quotes li[id^='quote-']")) == len(art["quotes"])
    if art["events"]:
        assert browser.find_elements(By.CSS_SELECTOR, "#body a.mark-event")
    assert "Source profile" in browser.find_element(By.ID, "profile").text
    _shot(browser, "article")
    first = mentions[0]
    entity_id = first.get_attribute("href").rsplit("/entities/", 1)[1]
    first.click()
    _wait(browser, lambda d: "/entities/" in d.current_url)
    assert browser.find_element(By.ID, "entity-name").text == desk.json(f"/api/entities/{entity_id}")["name"]
    assert doc["doc_id"] in [a.get_attribute("href").rsplit("/", 1)[1]
                             for a in browser.find_elements(By.CSS_SELECTOR, "#entity-articles a")]
    _shot(browser, "entity")
    assert not _console_errors(browser)


def test_timeline_draws_every_dated_event_and_zooms(browser, desk):
    from selenium.webdriver.common.by import By

    data = desk.json("/api/timeline")
    browser.get(desk.url + "/timeline")
    _wait(browser, lambda d: d.find_element(By.ID, "timeline").get_attribute("data-count") is not None)
    circles = browser.find_elements(By.CSS_SELECTOR, "#timeline circle.ev")
    assert len(circles) == len(data["items"]) > 0
    lanes = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline text.lane-label")]
    assert set(lanes) == {i["type"] for i in data["items"]}
    _shot(browser, "timeline")
    ticks_before = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline .axis text")]
    for _ in range(3):
        browser.find_element(By.ID, "zoom-in").click()
    ticks_after = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline .axis text")]
    assert ticks_after != ticks_before
    browser.find_element(By.ID, "zoom-reset").click()
    circle = browser.find_elements(By.CSS_SELECTOR, "#timeline circle.ev")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", circle)
    detail = browser.find_element(By.ID, "event-detail")
    item = next(i for i in data["items"] if i["id"] == circle.get_attribute("data-id"))
    assert item["type"] in detail.text and detail.find_elements(By.CSS_SELECTOR, "a[href^='/articles/']")
    _shot(browser, "timeline-detail")
    # filtering by type redraws with only that type
    t = data["items"][0]["type"]
    browser.get(f"{desk.url}/timeline?type={t}")
    _wait(browser, lambda d: d.find_element(By.ID, "timeline").get_attribute("data-count") is not None)
    n = sum(1 for i in data["items"] if i["type"] == t)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline circle.ev")) == n
    assert not _console_errors(browser)


def test_network_draws_nodes_and_typed_edges(browser, desk):
    from selenium.webdriver.common.by import By

    net = desk.json("/api/network")
    browser.get(desk.url + "/network")
    _wait(browser, lambda d: d.find_element(By.ID, "network").get_attribute("data-nodes") is not None)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network g.node")) == len(net["nodes"])
    edges = browser.find_elements(By.CSS_SELECTOR, "#network path.edge")
    assert len(edges) == len(net["edges"])
    assert {e.get_attribute("data-type") for e in edges} == {e["type"] for e in net["edges"]}
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#network g.node text")]
    assert set(labels) <= {n["name"] for n in net["nodes"]} and net["nodes"][0]["name"] in labels
    assert len(labels) >= len(net["nodes"]) // 2
    assert browser.execute_script(_OVERLAPS_JS) == 0
    _shot(browser, "network")
    assert not _console_errors(browser)


def test_claims_sources_and_search(browser, desk):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(desk.url + "/claims")
    claims = desk.json("/api/claims")["items"]
    contradictions = desk.json("/api/contradictions")["items"]
    assert [li.get_attribute("id") for li in browser.find_elements(By.CSS_SELECTOR, "#claims li[id^='claim-']")] == \
        [f"claim-{c['id']}" for c in claims]
    _shot(browser, "claims")
    browser.get(desk.url + "/contradictions")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#contradictions .contra")) == len(contradictions)
    _shot(browser, "contradictions")
    browser.get(desk.url + "/sources")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr")) == 5
    _shot(browser, "sources")
    top = desk.json("/api/entities")["items"][0]
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys(top["name"], Keys.ENTER)
    _wait(browser, lambda d: "/search" in d.current_url)
    found = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#search-entities a")]
    assert top["name"] in found
    assert browser.find_elements(By.CSS_SELECTOR, "#search-articles li a")
    _shot(browser, "search")
    assert not _console_errors(browser)


def test_hostile_article_runs_no_script(browser, evil_desk):
    from selenium.webdriver.common.by import By

    browser.get(f"{evil_desk.url}/articles/{quote(HOSTILE_ID, safe='')}")
    body = browser.find_element(By.ID, "body").text
    assert "<script>window.__xss = 1</script>" in body
    assert '<a href="javascript:window.__xss=2">click here</a>' in body
    assert "<img src=x" in body
    assert browser.find_element(By.ID, "title").text.startswith("<script>")
    assert browser.execute_script("return window.__xss === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "#body img, #body script, #body i, #body b")
    _shot(browser, "hostile-article")
    for page in ("/claims", "/sources", "/entities/fano", "/timeline", "/network"):
        browser.get(evil_desk.url + page)
        assert browser.execute_script("return window.__xss === undefined"), page
    _shot(browser, "hostile-network")


@pytest.mark.parametrize("raw", ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                 "/static/..%2f..%2f..%2fetc%2fpasswd", "/articles/..%2f..%2fetc%2fpasswd"])
def test_raw_traversal_paths_on_the_real_server(desk, raw):
    """The path exactly as sent (no client-side normalisation) never reaches a file outside static/."""
    import http.client

    con = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=10)
    con.putrequest("GET", raw, skip_accept_encoding=True)
    con.endheaders()
    resp = con.getresponse()
    body = resp.read().decode("utf-8", "replace")
    con.close()
    assert resp.status in (400, 404) and "root:" not in body


# ------------------------------------------------------------------ the desk at scale
_OUTSIDE_JS = """
var svg = document.getElementById('network-svg'), vb = svg.viewBox.baseVal, out = [];
svg.querySelectorAll('g.node').forEach(function (g) {
  var b = g.getBBox(), m = g.transform.baseVal.consolidate().matrix;
  var x0 = b.x + m.e, x1 = b.x + b.width + m.e, y0 = b.y + m.f, y1 = b.y + b.height + m.f;
  if (x0 < 0 || y0 < 0 || x1 > vb.width || y1 > vb.height) out.push(g.getAttribute('data-id'));
});
return out;"""


_OVERLAPS_JS = """
var boxes = Array.prototype.map.call(document.querySelectorAll('#network g.node text'), function (t) {
  return t.getBoundingClientRect(); }), n = 0;
for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
  var a = boxes[i], b = boxes[j];
  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) n++;
}
return n;"""


def _network_drawn(browser, url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(url)
    _wait(browser, lambda d: d.find_element(By.ID, "network").get_attribute("data-nodes") is not None)


@pytest.fixture(scope="module")
def big_desk(big_db):
    server = _Server(big_db)
    yield server
    server.stop()


def test_network_controls_on_the_seeds(browser, desk):
    """Top-N, focus by clicking a node, clearing it; every node and label inside the drawing."""
    from selenium.webdriver.common.by import By

    _network_drawn(browser, desk.url + "/network?top=4")
    net = desk.json("/api/network?top=4")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network g.node")) == len(net["nodes"]) <= 4
    _shot(browser, "network-top4")
    assert browser.execute_script(_OUTSIDE_JS) == []
    assert browser.find_element(By.CSS_SELECTOR, "input[name=top]").get_attribute("value") == "4"
    hub = net["nodes"][0]
    node = browser.find_element(By.CSS_SELECTOR, f"#network g.node[data-id='{hub['id']}'] circle")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    _wait(browser, lambda d: d.find_element(By.ID, "focus-box").is_displayed())
    focused = desk.json(f"/api/network?top=4&focus={quote(hub['id'], safe='')}")
    _wait(browser, lambda d: d.find_element(By.ID, "network").get_attribute("data-nodes") == str(len(focused["nodes"])))
    assert {g.get_attribute("data-id") for g in browser.find_elements(By.CSS_SELECTOR, "#network g.node")} == \
        {n["id"] for n in focused["nodes"]}
    assert "focus=" in browser.current_url and hub["name"] in browser.find_element(By.ID, "focus-box").text
    _shot(browser, "network-focus")
    browser.find_element(By.ID, "focus-clear").click()
    _wait(browser, lambda d: not d.find_element(By.ID, "focus-box").is_displayed())
    assert not _console_errors(browser)


def test_the_desk_on_a_thousand_articles(browser, big_desk):
    """Listings show one page with page links, the network its top 50 actors inside the view: screenshots."""
    from selenium.webdriver.common.by import By

    assert big_desk.json("/api/summary")["articles"] == 1000
    for path, rows in (("/articles", "#articles tbody tr"), ("/entities", "#entities tbody tr"),
                       ("/claims", "#claims li[id^='claim-']"), ("/contradictions", "#contradictions .contra"),
                       ("/sources", "#sources tbody tr")):
        browser.get(big_desk.url + path)
        listing = big_desk.json("/api/" + path.strip("/"))
        assert listing["total"] > 50 and len(browser.find_elements(By.CSS_SELECTOR, rows)) == 50, path
        assert browser.find_elements(By.CSS_SELECTOR, "nav.pager a.page-next"), path
        _shot(browser, "big" + path.replace("/", "-"))
    browser.find_element(By.CSS_SELECTOR, "nav.pager a.page-next").click()
    _wait(browser, lambda d: "page=2" in d.current_url)
    second = big_desk.json("/api/sources?page=2")["items"]
    assert browser.find_element(By.CSS_SELECTOR, "#sources tbody tr a").text == (second[0]["title"] or second[0]["doc_id"])
    browser.get(big_desk.url + "/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#articles tbody tr")) == 20
    _shot(browser, "big-overview")
    browser.get(big_desk.url + "/timeline")
    _wait(browser, lambda d: d.find_element(By.ID, "timeline").get_attribute("data-count") is not None)
    timeline = big_desk.json("/api/timeline")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline circle.ev")) == len(timeline["items"]) > 0
    if timeline["total_dated"] > len(timeline["items"]):
        assert f"of {timeline['total_dated']} dated" in browser.find_element(By.ID, "undated").text
    _shot(browser, "big-timeline")
    _network_drawn(browser, big_desk.url + "/network")
    net = big_desk.json("/api/network")
    assert len(net["nodes"]) == 50 and net["total_nodes"] > 50
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network g.node")) == 50
    _shot(browser, "big-network")
    assert browser.execute_script(_OUTSIDE_JS) == [] and browser.execute_script(_OVERLAPS_JS) == 0
    hub = net["nodes"][0]["id"]
    browser.get(f"{big_desk.url}/entities/{quote(hub, safe='')}")
    _shot(browser, "big-entity")
    browser.find_element(By.ID, "entity-network").click()
    _wait(browser, lambda d: d.find_element(By.ID, "network").get_attribute("data-nodes") is not None)
    _shot(browser, "big-network-focus")
    assert browser.execute_script(_OUTSIDE_JS) == []
    assert not _console_errors(browser)
