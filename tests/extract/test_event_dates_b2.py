"""Event dates on dev fold B2 (d7*, d8*: the design fold of session 7) through the real readers and pipeline."""
from __future__ import annotations

from dev_articles import event_dates as _dates, needs_dev


@needs_dev
def test_a_time_of_day_dates_its_paragraph_to_that_day():
    # d7c, written the morning of 9 March 2021: 'Things came to a head in Yangon late last night ...', then
    # 'Soldiers stormed the township ...' - the night of 8 March, not the day of writing (d6c's 'last night' too)
    assert _dates("d7c", "Soldiers stormed the township") == {"2021-03-08"}
