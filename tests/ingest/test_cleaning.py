"""Furniture removal, title and metadata on the real seed pages, checked against the seed gold."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsgraph.ingest import article_from_text, clean_plaintext, detect_language
from newsgraph.ingest.dates import date_bar, date_from_url, find_date, resolve, year_from_weekday
from newsgraph.records import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")


def _score():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _article(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return article_from_text(path.read_text(encoding="utf-8"), doc_id=path.stem, source=str(path))


def _gold(prefix: str) -> dict:
    return json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_body_bounds_and_boilerplate_match_gold(prefix):
    sc, art, gold = _score(), _article(prefix), _gold(prefix)
    body = sc.norm(art.body)
    assert body.startswith(sc.norm(gold["body_first_words"]))
    assert body.endswith(sc.norm(gold["body_last_words"]))
    for line in gold["boilerplate"]:
        assert sc.norm(line) not in body, line
        assert line in art.removed


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_metadata_matches_gold(prefix):
    sc, art, meta = _score(), _article(prefix), _gold(prefix)["meta"]
    assert sc.date_ok(meta["published"], art.published)
    assert art.published_precision == meta["published_precision"]
    if meta["title"]:
        assert sc.overlap(meta["title"], art.title) >= 0.8
    else:
        assert art.title is None
    assert sc.norm(art.author) == sc.norm(meta["author"])
    assert art.language == meta["language"]


def test_warsaw_institute_footer_is_gone_but_last_sentence_stays():
    art = _article("003")
    assert "please support our actions" not in art.body
    assert "TAGS:" not in art.body and "mid.ru" not in art.body
    assert art.body.rstrip().endswith("but protected the incumbent president.")
    assert (art.published, art.published_precision) == ("2023-02-15", "day")
    assert art.author == "Grzegorz Kuczyński"
    assert art.outlet == "Warsaw Institute"  # from the usage notice, legal suffix dropped


def test_weekday_header_gets_its_year_from_the_years_the_article_mentions():
    art = _article("004")
    assert (art.published, art.published_precision) == ("2021-10-19", "day")
    assert "Correspondent in Moscow" in art.removed and art.author is None
    # a subheading between paragraphs is article text
    assert "\nOperation against the local branch of Al Qaida\n" in art.body


def test_author_box_gives_author_and_outlet_and_section_label_is_not_the_title():
    art = _article("001")
    assert art.author == "Caroline Finnegan" and art.outlet == "The Chief Observer"
    assert art.title.startswith("Mali’s Foreign Minister Says")
    assert art.removed[0] == "Mali"
    assert "I cover" not in art.body


def test_furniture_inside_the_body_goes_but_short_sentences_stay():
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    paras = text.split("\n\n")
    inserted = ["Photo: AFP/Getty Images", "Read more: Lavrov lands in Bamako", "Advertisement",
                "Share on Facebook", "The ministry did not comment."]
    page = "\n\n".join(paras[:3] + inserted + paras[3:])
    cleaned = clean_plaintext(page)
    for line in inserted[:4]:
        assert line not in cleaned.body and line in cleaned.removed
    assert "The ministry did not comment." in cleaned.body


def test_comment_form_after_the_article_is_removed_with_everything_below():
    art = _article("002")
    assert art.title == "The Controversial Presence of Wagner in Mali."
    assert "Leave a Reply" not in art.body and "Required fields" not in art.body
    assert (art.published, art.published_precision) == (None, "unknown")


def test_date_helpers():
    assert date_bar("Sun. Oct 1st, 2023") is not None
    assert date_bar("Russia Boosts Presence in Mali") is None
    assert resolve(find_date("Tuesday, October 19"), "in 2013 ... August 2020") == ("2021-10-19", "day")
    assert resolve(find_date("Tuesday, October 19"), "no years here") == (None, "unknown")
    assert resolve(find_date("March 2022"), "") == ("2022-03", "month")
    assert year_from_weekday(2, 7, 1, {2023}) == 2023  # Tue 7 Feb 2023
    assert date_from_url("https://example.org/news/2023/06/30/wagner-mali") == ("2023-06-30", "day")
    assert date_from_url("https://example.org/2022/03/story") == ("2022-03", "month")


def test_language_detection_on_real_text():
    assert detect_language(_article("003").body) == "en"
    assert detect_language("   ") is None


def test_wire_datelines_and_lead_ins_are_not_titles():
    """TempEval newswire: a 'CITY, Month Day (Xinhua) --' line is a dateline, a line ending in ':' a lead-in."""
    from pathlib import Path

    from newsgraph.evaluate.tempeval import load_corpus
    from newsgraph.ingest import clean_plaintext

    root = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "tempeval3" / "train"
    docs = {d.name: d for d in load_corpus(root, files=["XIE19980808.0031.tml", "NYT19981025.0188.tml"])}
    xinhua = clean_plaintext(docs["XIE19980808.0031"].text)
    assert xinhua.title is None or "(Xinhua)" not in xinhua.title
    assert any("(Xinhua)" in line for line in xinhua.date_lines)
    nyt = clean_plaintext(docs["NYT19981025.0188"].text)
    assert nyt.title is None or not nyt.title.endswith(":")
    assert "said in an editorial" in nyt.body


def test_script_text_leaking_through_html_extraction_is_dropped():
    """A real recipe page from the extraction benchmark carries inline JavaScript as text; it is not article body."""
    import gzip
    import json
    from pathlib import Path

    from newsgraph.ingest import article_from_html

    bench = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "article_extraction" / "dev_trafilatura_en"
    pages = json.loads((bench / "evaldata_en.json").read_text(encoding="utf-8"))
    url, entry = next((u, v) for u, v in pages.items() if "pineapple-upside-down-cake" in u)
    html = gzip.decompress((bench / entry["file"]).read_bytes()).decode("utf-8", "replace")
    body = article_from_html(html, doc_id="recipe", source="benchmark page", given={"url": url}).body
    assert "Pineapple" in body
    assert "function()" not in body.replace(" ", "") and "addEventListener" not in body


# Floors a little below what the cleaner measures on the flattened benchmark pages (P 0.861, R 0.967).
PAGE_PRECISION_FLOOR = 0.85
PAGE_RECALL_FLOOR = 0.96


def test_whole_web_pages_as_plain_text_keep_the_article_and_lose_the_furniture():
    """Gate: benchmark pages flattened to text (menus, newsletter boxes, bios, footers and all), scored by the
    benchmark's expected / unexpected snippets; the cleaner must stay well above the whole-page baseline."""
    from newsgraph.evaluate.extraction import run_plaintext

    bench = SHARED / "benchmarks" / "article_extraction" / "dev_trafilatura_en"
    if not (bench / "evaldata_en.json").is_file():
        pytest.skip(f"article extraction benchmark not found at {bench}")
    scores = run_plaintext(bench)
    cleaned, whole = scores["cleaned"], scores["whole page"]
    assert cleaned["precision"] >= PAGE_PRECISION_FLOOR, cleaned
    assert cleaned["recall"] >= PAGE_RECALL_FLOOR, cleaned
    assert cleaned["precision"] > whole["precision"] + 0.25
