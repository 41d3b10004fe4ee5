"""Timex tagger on real text: the seed articles (gold spec) and TempEval-3 documents (quality gate)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkError
from newsgraph.evaluate.tempeval import (_Counts, error_family, errors, load_corpus, read_tml, run, run_seeds,
                                        score_doc)
from newsgraph.extract.timex import extract_timex

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
TE3 = SHARED / "benchmarks" / "tempeval3" / "train"

needs_seeds = pytest.mark.skipif(not GOLD.is_dir(), reason="shared seed gold not present at ../shared")
needs_te3 = pytest.mark.skipif(not TE3.is_dir(), reason="TempEval-3 train not present at ../shared")


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _find(text: str, anchor: str | None, surface: str):
    hits = [t for t in extract_timex(text, anchor) if t.text.lower() == surface.lower()]
    assert hits, f"{surface!r} not found"
    return hits


@needs_seeds
def test_last_year_resolves_to_previous_calendar_year():
    (t,) = _find(_seed("000"), "2023-10-01", "Last year")
    assert t.value == "2022" and t.type == "DATE" and t.anchor == "2023-10-01"


@needs_seeds
def test_header_dateline_is_absolute():
    text = _seed("000")
    (t,) = _find(text, None, "Sun. Oct 1st, 2023")
    assert t.value == "2023-10-01" and text[t.start:t.end] == t.text


@needs_seeds
def test_month_day_takes_year_from_anchor():
    text = _seed("003")
    assert _find(text, "2023-02-15", "February 8")[0].value == "2023-02-08"
    assert _find(text, "2023-02-15", "January 31")[0].value == "2023-01-31"
    assert _find(text, "2023-02-15", "last month")[0].value == "2023-01"
    assert _find(text, "2023-02-15", "48 hours")[0].value == "PT48H"
    assert _find(text, "2023-02-15", "15 February 2023")[0].value == "2023-02-15"


@needs_seeds
def test_weekdays_weeks_and_months_relative_to_anchor():
    text = _seed("004")
    assert {t.value for t in _find(text, "2021-09-28", "Saturday")} == {"2021-09-25"}
    assert _find(text, "2021-09-28", "Last week")[0].value == "2021-W38"
    assert _find(text, "2021-09-28", "Last June")[0].value == "2021-06"
    assert _find(text, "2021-10-19", "Last week")[0].value == "2021-W41"
    assert _find(text, "2021-09-28", "Tuesday, October 19")[0].value == "2021-10-19"


@needs_seeds
def test_vague_and_durations_and_no_former():
    text = _seed("000")
    values = {t.text.lower(): t.value for t in extract_timex(text, "2023-10-01")}
    assert values["recently"] == "PAST_REF"
    assert values["currently"] == "PRESENT_REF"
    assert values["many years"] == "PXY"
    assert not any("former" in k for k in values)
    assert _find(_seed("002"), "2023-06", "over 5 years")[0].value == "P5Y"


@needs_seeds
def test_relative_values_degrade_to_x_without_day_anchor():
    text = _seed("003")
    assert _find(text, "2023-02", "last month")[0].value == "2023-01"
    assert _find(text, None, "last month")[0].value == "XXXX-XX"
    assert _find(text, None, "February 8")[0].value == "XXXX-02-08"
    assert _find(text, None, "15 February 2023")[0].value == "2023-02-15"


@needs_seeds
def test_offsets_point_into_text():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for t in extract_timex(text, "2023-02-15"):
            assert text[t.start:t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET")


@needs_seeds
def test_seed_gold_layer_meets_targets():
    res = run_seeds(SEEDS, GOLD)
    assert res["detect_f1"] >= 0.85
    assert res["value_acc"] >= 0.80


@needs_te3
def test_tml_reader_offsets_match_gold_text():
    doc = read_tml(next((TE3 / "AQUAINT").glob("*.tml")), "AQUAINT")
    assert doc.dct and doc.timex
    for g in doc.timex:
        assert doc.text[g.start:g.end] == g.text


@needs_te3
def test_aquaint_quality_gate():
    total = _Counts()
    for doc in load_corpus(TE3 / "AQUAINT"):
        total.add(score_doc(doc))
    row = total.table()
    # measured 0.925 relaxed F1 / 0.755 value F1 on AQUAINT
    assert row["relaxed_f1"] >= 0.88
    assert row["value_f1"] >= 0.74


@pytest.fixture(scope="module")
def te3_tagged():
    """Every TempEval-3 train document with its predictions (tagged once: about 3 s)."""
    return [(d, list(extract_timex(d.text, d.dct))) for d in load_corpus(TE3)]


def _family_accuracy(tagged, wanted) -> tuple[int, int]:
    """(right values, gold timexes) over the gold timexes `wanted(gold, text)` selects; overlap match."""
    ok = n = 0
    for doc, pred in tagged:
        for g in doc.timex:
            if not wanted(g, doc.text):
                continue
            n += 1
            ok += any(p.start < g.end and g.start < p.end and p.value == g.value for p in pred)
    return ok, n


@needs_te3
def test_both_parts_meet_value_floor():
    res = run(TE3)
    # measured 0.812 TimeBank / 0.761 AQUAINT value F1, 0.848 strict span F1 overall (was 0.802 / 0.755 / 0.834
    # before the duration and possessive-period rules)
    assert res["timebank_value_f1"] >= 0.80
    assert res["aquaint_value_f1"] >= 0.755
    assert res["strict_f1"] >= 0.84


@needs_te3
def test_year_ago_in_earnings_reports_is_the_same_quarter_a_year_before(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.search(r"year[- ](?:ago|earlier)", g.text, re.I)
                             and "-Q" in g.value)
    assert n >= 40 and ok / n >= 0.80  # 45/53 (was 32/53 before the earnings-quarter rule)


@needs_te3
def test_spelled_out_years_from_transcripts(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.search(r"nineteen|thousand|nineties", g.text, re.I))
    assert n >= 8 and ok / n >= 0.85  # 10/11 (was 0/11)


@needs_te3
def test_untensed_months_and_month_days_lean_to_the_past_unless_future(te3_tagged):
    months = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.fullmatch(rf"(?:early |late |mid-)?{months}", g.text))
    assert n >= 60 and ok / n >= 0.85  # 69/79 (was 63/79): "by February", "to be published in early November"
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.fullmatch(r"[A-Z][a-z]+\.? \d{1,2}", g.text))
    assert n >= 100 and ok / n >= 0.93  # 137/145 (was 134/145): "the year ended March 31" is past
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.fullmatch(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
                                                                   g.text))
    assert n >= 250 and ok / n >= 0.89  # 269/298 (was 266/298)


@needs_te3
def test_adjectival_timex_leaves_out_the_determiner(te3_tagged):
    ok = n = 0
    for doc, pred in te3_tagged:
        for g in doc.timex:
            before = doc.text[max(0, g.start - 8):g.start]
            if re.fullmatch(r"\S+-(?:year|month|week|day|hour|minute|quarter|decade)", g.text) and re.search(
                    r"\b(?:the|a|an|its|their)\s+$", before, re.I):
                n += 1
                ok += any(p.start == g.start and p.end == g.end for p in pred)
    assert n >= 30 and ok / n >= 0.95  # 38/38 exact extents (was 12/38)


@needs_te3
def test_financial_year_ended_is_a_one_year_duration(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.fullmatch(r"the (?:fiscal )?year", g.text, re.I)
                             and re.match(r",?\s+end(?:ed|ing)\b", t[g.end:]))
    assert n >= 6 and ok / n >= 0.8  # 7/8 (was 0/8): "net income for [the year] ended March 31" is P1Y


@needs_te3
def test_half_units_are_compound_durations(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: g.type == "DURATION" and re.search(r"1/2|\band a half\b", g.text))
    assert n >= 3 and ok == n  # 3/3 (was 0/3): "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S


@needs_te3
def test_counted_durations_and_ordinal_second(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: g.type == "DURATION"
                             and re.search(r"couple of|additional|trading|-long", g.text, re.I))
    assert n >= 4 and ok / n >= 0.8  # 5/6 (was 1/6): "the next couple of years", "an additional year", "day-long"
    ordinal = [p for doc, pred in te3_tagged for p in pred
               if p.text.lower() == "a second" and re.match(r"\s+[a-z]+", doc.text[p.end:p.end + 12])
               and not re.match(r"\s+(?:later|after|before|earlier|ago)\b", doc.text[p.end:])]
    assert not ordinal  # "a second group", "a second betrayal" are ordinals (was 2 spurious PT1S)


@needs_te3
def test_duration_extent_leaves_out_the_following_signal(te3_tagged):
    ok = n = 0
    for doc, pred in te3_tagged:
        for g in doc.timex:
            if g.type == "DURATION" and re.match(r"\s+(?:after|later|before)\b", doc.text[g.end:]):
                n += 1
                ok += any(p.start == g.start and p.end == g.end for p in pred)
    assert n >= 10 and ok / n >= 0.85  # 13/14 exact extents (was 0/14): "[three days] later", "[a month] after"


@needs_te3
def test_possessive_relative_period_is_a_date(te3_tagged):
    ok, n = _family_accuracy(te3_tagged, lambda g, t: re.fullmatch(r"(?:last|this|next) (?:year|month|week)", g.text, re.I)
                             and re.match(r"['’]s\b", t[g.end:]))
    assert n >= 10 and ok / n >= 0.7  # 10/13 (was 0/13): "[last month]'s shooting", "[next week]'s talks"


@needs_te3
def test_error_listing_groups_into_families():
    rows = errors(TE3, "AQUAINT", files=[p.stem for p in sorted((TE3 / "AQUAINT").glob("*.tml"))[:10]])
    assert rows and all(len(r) == 5 for r in rows)
    fams = {error_family(r) for r in rows}
    assert all(":" in f for f in fams)
    assert all(f.split(": ")[1] in ("wrong value", "missed", "spurious") for f in fams)


def test_missing_benchmark_folder_raises(tmp_path):
    with pytest.raises(BenchmarkError):
        load_corpus(tmp_path / "nope")
    with pytest.raises(BenchmarkError):
        load_corpus(tmp_path)
