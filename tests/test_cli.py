"""The command line on real input: a bad file is named and skipped, the batch goes on, exit code says so."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "newsgraph", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def test_build_with_a_bad_file_processes_the_rest(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        (corpus / f.name).write_bytes(f.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    db = tmp_path / "s.duckdb"
    res = run("build", corpus, "--db", db)
    assert res.returncode == 1
    assert "broken.txt" in res.stderr + res.stdout
    assert "Traceback" not in res.stderr
    out = " ".join(res.stdout.split())
    assert "5 articles" in out and "Sergey Lavrov" in out  # summary with top actors
    ents = run("entities", "--db", db, "--type", "PERSON")
    assert ents.returncode == 0 and "Prigozhin" in ents.stdout


def test_export_annotations_matches_the_exchange_format(tmp_path):
    out = tmp_path / "out"
    res = run("export", "annotations", SEEDS, out)
    assert res.returncode == 0, res.stderr
    files = sorted(p.stem for p in out.glob("*.json"))
    assert files == sorted(p.stem for p in SEEDS.glob("*.txt"))
    doc = json.loads((out / "003_36d08f8a1d051dcd.json").read_text(encoding="utf-8"))
    assert set(doc) >= {"doc_id", "meta", "body", "entities", "events", "quotes", "timex"}
    assert doc["meta"]["published"] == "2023-02-15" and doc["meta"]["published_precision"] == "day"
    for layer in ("entities", "events", "quotes", "timex"):
        assert isinstance(doc[layer], list)
    for t in doc["timex"]:
        if "start" in t:
            assert doc["body"][t["start"]:t["end"]] == t["text"]
    lavrov = [e for e in doc["entities"] if e["type"] == "PERSON" and "Lavrov" in e["name"]]
    assert len(lavrov) == 1 and lavrov[0]["id"] == "sergey-lavrov"


def test_missing_input_is_a_clear_error(tmp_path):
    res = run("build", tmp_path / "nope", "--db", tmp_path / "s.duckdb")
    assert res.returncode == 2 and "no such file" in res.stderr and "Traceback" not in res.stderr


def test_reading_a_store_that_does_not_exist(tmp_path):
    res = run("entities", "--db", tmp_path / "none.duckdb")
    assert res.returncode == 1 and "newsgraph build" in res.stderr and "Traceback" not in res.stderr
