"""An extractor that fails on one article costs that article its records, never the batch."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsgraph import api

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found under {SEEDS}")


def test_a_failing_extractor_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch, caplog):
    import newsgraph.extract.quotes as quotes_module

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    bad_text = seeds[0].read_text(encoding="utf-8")
    real = quotes_module.extract_quotes

    def flaky(doc, *args, **kwargs):
        if doc.text[:40] in bad_text:  # the first seed's body: its quote extractor breaks
            raise ValueError("boom on this article")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(quotes_module, "extract_quotes", flaky)
    with caplog.at_level(logging.ERROR):
        paths, errors = api.export_annotations(seeds, tmp_path / "out")
    assert sorted(p.stem for p in paths) == sorted(p.stem for p in seeds)  # both articles exported
    good = json.loads((tmp_path / "out" / f"{seeds[1].stem}.json").read_text(encoding="utf-8"))
    assert good["quotes"] and good["entities"]  # the other article is analysed in full
    bad = json.loads((tmp_path / "out" / f"{seeds[0].stem}.json").read_text(encoding="utf-8"))
    assert bad["body"] and bad["quotes"] == []  # kept, without the records of the failed analysis
    message = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert seeds[0].name in message and "E600" in message and "boom on this article" in message
    assert "Traceback" not in caplog.text
