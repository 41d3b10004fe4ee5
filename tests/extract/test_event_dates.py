"""Event dates on real articles (dev fold A, ../shared/dev d1-d4) through the real readers and pipeline: the reference
time a sentence goes on from, dates that belong to another act, headlines, recent and soon-due news, anniversaries.
Fold B (d5-d8) is kept out of tests: it measures generality (bench/dev_score.py)."""
from __future__ import annotations

from dev_articles import dev_record as _record, event_dates as _dates, needs_dev


@needs_dev
def test_a_pronoun_sentence_goes_on_from_the_day_the_sentence_before_gives():
    # d2b (written Wed 26 Aug 2020): the Chinese spokesman responded 'last Friday'; the next paragraph, 'He also
    # defended ...', continues that account, so it is the same Friday, not the day of writing
    assert _dates("d2b", "He also defended") == {"2020-08-21"}


@needs_dev
def test_a_date_inside_a_participle_clause_does_not_set_the_next_sentence_time():
    # d1b: the sentence before 'President Macron also threatened ...' dates only the Takuba force's launch (a
    # participle clause, March 2020); the threat is the story's news, not March 2020
    dates = _dates("d1b", "Macron also threatened")
    assert all(d and not d.startswith("2020") for d in dates)


@needs_dev
def test_a_date_of_what_someone_is_thanked_for_is_not_the_thanks_date():
    # d4a: Zelenskyy thanked Trump for the start of the teams' work in Jeddah on March 11th, in today's call (19 March)
    assert _dates("d4a", "thanked President Trump for a productive start") == {"2025-03-19"}


@needs_dev
def test_a_headline_in_the_present_tense_is_the_news_of_the_writing():
    # d1b: a crosshead in the body says the UN welcomes the G7's achievements (article of 19 June 2021)
    assert all(d and d.startswith("2021-06") for d in _dates("d1b", "UN welcomes G7 achievements"))


@needs_dev
def test_recent_news_and_news_due_in_the_coming_days_take_the_month_of_writing():
    # d2c (28 June 2025): Israel 'recently' considered an assassination; d4a (19 March 2025): teams meet 'in the coming days'
    assert _dates("d2c", "recently considered") == {"2025-06"}
    assert _dates("d4a", "in the coming days") == {"2025-03"}


@needs_dev
def test_an_anniversary_lead_dates_its_past_not_the_news_day():
    # d1c (15 April 2024): 'Exactly a year ago' the collapse began (a day, 2023-04-15); the war that broke out is
    # told in the sentences after it, while the think tank's appeal made now keeps the day of writing
    rec = _record("d1c")
    assert [t.value for t in rec.timex if t.text.lower() == "exactly a year ago"] == ["2023-04-15"]
    assert _dates("d1c", "exploded into open war") == {"2023-04-15"}
    assert _dates("d1c", "International Crisis Group") == {"2024-04-15"}


@needs_dev
def test_a_to_infinitive_takes_the_tense_of_the_verb_it_completes():
    # d4a: in today's call 'President Trump agreed to work with him ...': the work agreed is told in the past tense
    assert _dates("d4a", "agreed to work") == {"2025-03-19"}
    # d1a: an airstrike the Egyptian Air Force flew in 2017 'to support' Haftar's forces: the support is of 2017
    assert _dates("d1a", "Derna and Houn in 2017") == {"2017"}


@needs_dev
def test_now_in_another_clause_does_not_date_the_act():
    # d1b: after the August 2020 coup the UN spokesman stressed the mission must go on, 'and the situation is just as
    # dire now': the 'now' belongs to the situation, so the statement is not dated to the month of writing
    assert all(d is None or not d.startswith("2021") for d in _dates("d1b", "Dujarric stressed"))


@needs_dev
def test_a_bare_quotation_goes_on_from_the_statement_before_it():
    # d1a: '"We don't work alone in Libya," Gargash told the Wall Street Journal in September 2020. "We work with the
    # Egyptians, the French ..."': the second quotation is the same interview, not undated
    assert _dates("d1a", "We work with the Egyptians") == {"2020-09"}


@needs_dev
def test_a_present_perfect_default_month_is_not_a_reference_time_for_the_next_sentence():
    # d2c: 'The UK has deployed additional fast jets' has only the month of writing; the officials' denial in the next
    # sentence is told in the simple past and goes on from the story's day (the briefing on Monday 23 June 2025)
    assert _dates("d2c", "denied it was to support Israel") == {"2025-06-23"}


@needs_dev
def test_what_continues_in_the_present_is_news_of_the_month_of_writing():
    # d4b (6 Oct 2019): 'Despite the truce ... introduced ... on August 31, the terrorists in the Idlib de-escalation
    # zone continue shelling ... daily': the shelling goes on at the writing (the truce keeps its own day)
    shelling = [e for e in _record("d4b").events if e.trigger == "shelling"]
    assert shelling and {e.date for e in shelling} == {"2019-10"}
