"""A build with worker processes analyses its undated articles again in those workers, never in the parent."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def test_a_parallel_build_reanalyses_undated_articles_in_its_workers(tmp_path) -> None:
    db = tmp_path / "seeds.duckdb"
    code = ("import sys, json; from newsgraph.api import build; from newsgraph.store.db import Store\n"
            "import newsgraph.pipeline as p; p._analyse_in_child = lambda *a: sys.exit('a child process parsed')\n"
            f"report = build([{str(SEEDS)!r}], {str(db)!r}, n_process=2)\n"
            f"with Store({str(db)!r}, read_only=True) as s: anchors = [r.inferred_anchor for r in s.records()]\n"
            "print(json.dumps([report.corpus_recomputed, anchors, 'spacy' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    recomputed, anchors, parent_has_spacy = json.loads(out.stdout.strip().splitlines()[-1])
    assert recomputed and "2023-02-07" in anchors  # seed 001 is undated: analysed again against its inferred date
    assert not parent_has_spacy  # the workers parsed it: neither a child nor the build process
