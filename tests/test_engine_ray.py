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
