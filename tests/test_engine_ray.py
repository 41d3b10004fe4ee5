"""The Ray Data engine writes exactly what the local engine writes (run through the real CLI)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")


def _inputs() -> list[str]:
    """Two seed articles: cheap enough for CI (a local Ray takes ~10 s to start)."""
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]]


def _export(out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("RAY_ADDRESS", None)  # a private local Ray, never someone's cluster
    return subprocess.run([sys.executable, "-m", "newsgraph", "export", "annotations", *_inputs(), str(out), *extra],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_ray_engine_matches_local_byte_for_byte(tmp_path: Path) -> None:
    local, ray = tmp_path / "local", tmp_path / "ray"
    done_local = _export(local)
    assert done_local.returncode == 0, done_local.stderr[-2000:]
    done_ray = _export(ray, "--engine", "ray")
    assert done_ray.returncode == 0, done_ray.stderr[-2000:]
    local_files = sorted(p.name for p in local.glob("*.json"))
    assert local_files and local_files == sorted(p.name for p in ray.glob("*.json"))
    assert len(local_files) == len(_inputs())
    for name in local_files:
        assert (local / name).read_bytes() == (ray / name).read_bytes(), name


def test_articles_cross_to_workers_losslessly() -> None:
    """Articles travel to Ray workers as JSON strings; the round trip must not change one field."""
    from newsgraph.api import read_inputs
    from newsgraph.engine_ray import article_from_json, article_to_json

    articles, _ = read_inputs([SEEDS])
    assert [article_from_json(article_to_json(a)) for a in articles] == articles


@pytest.fixture(scope="module")
def local_ray():
    """A private local Ray in this process for the corpus-step tests (never someone's cluster), shut down after."""
    import ray

    from newsgraph.engine_ray import ensure_ray

    address = os.environ.pop("RAY_ADDRESS", None)
    ensure_ray()
    yield
    ray.shutdown()
    if address is not None:
        os.environ["RAY_ADDRESS"] = address


def test_ray_mapper_returns_block_results_in_order(local_ray, seed_records) -> None:
    """Pending blocks run as Ray tasks in chunks; results come back one per block, in block order."""
    from newsgraph.engine_ray import ray_mapper
    from newsgraph.store.serialize import record_to_json

    records = [seed_records[d] for d in sorted(seed_records)] * 3  # more blocks than tasks per core
    assert ray_mapper()(record_to_json, records) == [record_to_json(r) for r in records]
    assert ray_mapper()(record_to_json, []) == []


def _corpus_tables(db: Path) -> dict[str, list]:
    from newsgraph.store.db import Store
    from newsgraph.store.schema import CORPUS_TABLES

    with Store(db, read_only=True) as store:
        return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CORPUS_TABLES}


def test_ray_corpus_step_writes_what_the_local_one_writes(local_ray, seed_records, tmp_path, monkeypatch) -> None:
    """--engine ray computes the corpus layers' pending blocks as Ray tasks; the tables are the local ones."""
    from newsgraph import api
    from newsgraph.store.db import Store

    sent: list[int] = []
    real_mapper = api.corpus_mapper

    def counting_mapper(engine: str = "local", n_process: int = 1):
        inner = real_mapper(engine, n_process)
        if inner is None:
            return None

        def mapper(fn, items):
            sent.append(len(items))
            return inner(fn, items)

        return mapper

    monkeypatch.setattr(api, "corpus_mapper", counting_mapper)
    for engine in ("local", "ray"):
        with Store(tmp_path / f"{engine}.duckdb") as store:
            for rec in seed_records.values():
                store.put_record(rec)
            api.update_corpus_layers(store, engine=engine)
    assert sum(sent) > 0, "no corpus layer handed blocks to the Ray mapper"
    local, ray = _corpus_tables(tmp_path / "local.duckdb"), _corpus_tables(tmp_path / "ray.duckdb")
    assert local["entities"] and local["story_events"] and local["claims"]
    assert local == ray
