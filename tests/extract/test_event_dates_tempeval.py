"""Event dates on TempEval-3 news (../shared/benchmarks/tempeval3), read through the JSONL reader and the full
pipeline with the document creation time as the publication date."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.evaluate.tempeval import read_tml
from newsgraph.pipeline import analyse_batch

TIMEBANK = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "tempeval3" / "train" / "TimeBank"
needs_timebank = pytest.mark.skipif(not TIMEBANK.is_dir(), reason="TempEval-3 not present at ../shared/benchmarks")


def _events(name: str, tmp_path: Path):
    doc = read_tml(TIMEBANK / f"{name}.tml")
    jsonl = tmp_path / "doc.jsonl"
    jsonl.write_text(json.dumps({"id": name, "text": doc.text, "published": doc.dct}) + "\n", encoding="utf-8")
    articles, errors = read_inputs([jsonl])
    assert not errors
    return analyse_batch(articles)[0].events


@needs_timebank
def test_a_year_naming_the_subject_does_not_date_what_it_does(tmp_path):
    # APW19980301.0720 (1 March 1998): 'That 1978 resolution calls for Israel's unconditional withdrawal ...': the
    # resolution is from 1978, its call is made as the article is written (TimeBank: the creation day)
    found = [e for e in _events("APW19980301.0720", tmp_path) if "1978 resolution calls" in " ".join(e.evidence.split())]
    assert found and all(e.date != "1978" for e in found)
    # told in the past, the thing's date is its act's: 'your Oct. 23 Centennial Journal item recognized ...' (wsj_0266)
    told = [e for e in _events("wsj_0266", tmp_path) if "item recognized" in " ".join(e.evidence.split())]
    assert told and all(e.date == "1989-10-23" for e in told)

