"""An undated page is dated by the month its embedded pictures were uploaded, never by the pages it links to."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import dates, iter_articles

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not present at ../shared")


@needs_dev
def test_an_undated_feature_takes_the_month_of_its_picture_uploads():
    # d6a (RIA FAN, fold B1) prints no date; its nine pictures sit under /upload/images/2022/12/1/
    (article,) = iter_articles([next(DEV.glob("d6a_*"))])
    assert (article.published, article.published_precision, article.published_source) == ("2022-12", "month", "images")


@needs_dev
def test_links_to_older_pages_do_not_date_the_article():
    # d5b (fold B1) links an Al Jazeera page of 20 May 2024 in its text: no picture, so no upload month
    assert dates.upload_month(next(DEV.glob("d5b_*")).read_text(encoding="utf-8")) == (None, "unknown")
    # d6a's pictures are all it takes
    assert dates.upload_month(next(DEV.glob("d6a_*")).read_text(encoding="utf-8")) == ("2022-12", "month")
