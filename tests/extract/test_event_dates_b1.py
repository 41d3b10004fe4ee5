"""Event dates on dev fold B1 (d5*, d6*: the design fold from session 6) through the real readers and pipeline:
a paragraph keeps the time its dated sentence set, and an undated article's lead day is not the news day when the
body tells later years. Fold B2 (d7*, d8*) was held out then; its tests (session 7) are in test_event_dates_b2.py."""
from __future__ import annotations

from dev_articles import event_dates as _dates, needs_dev



@needs_dev
def test_a_paragraph_goes_on_at_the_time_its_first_sentence_gives_the_meeting():
    # d5a: 'The meeting of Erdogan and al-Sarraj in Ankara on 4 June was staged ...', then four undated sentences of
    # that meeting: 'Both called Haftar a "war criminal" and ruled out peace talks' is 4 June, not the day of writing
    assert _dates("d5a", "ruled out peace talks") == {"2020-06-04"}


@needs_dev
def test_an_undated_article_lead_day_decades_before_its_story_is_background():
    # d6a has no publication date; its lead recalls 1 December 1958 ('A little more than 60 years ago'), the body
    # tells 2020: Moscow sending instructors is not dated to 1958
    assert "1958-12-01" not in _dates("d6a", "Moscow sent instructors")


@needs_dev
def test_a_statement_that_does_what_it_says_is_dated_the_day_of_the_story():
    # d6c (13 June 2025): the Foreign Ministry's first-person statement with no date of its own - 'We condemn in the
    # strongest terms ...', 'We call on the international community ...' - condemns and calls on the day it is issued
    assert _dates("d6c", "We condemn in the strongest terms") == {"2025-06-13"}
    assert _dates("d6c", "We call on the international community") == {"2025-06-13"}

