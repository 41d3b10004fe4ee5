"""Score ingest on the seed gold with score.py's metadata and body rules (published, title, author, body, boilerplate)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from newsgraph.ingest import iter_articles
from newsgraph.records import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _score_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def main() -> int:
    sc = _score_module()
    accs = {k: sc.Acc() for k in ("published", "title", "author", "body_start", "body_end", "boilerplate_removed")}
    arts = {a.doc_id: a for a in iter_articles([SHARED / "seeds"]) if isinstance(a, Article)}
    for gpath in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        art = arts.get(gpath.stem)
        gm = gold.get("meta", {})
        body = art.body if art else ""
        pm = {"published": art.published, "title": art.title, "author": art.author} if art else {}
        checks = []
        if gm.get("published"):
            checks.append(("published", sc.date_ok(gm["published"], pm.get("published"))))
        if gm.get("title"):
            checks.append(("title", sc.overlap(gm["title"], pm.get("title")) >= 0.8))
        if gm.get("author"):
            checks.append(("author", sc.norm(gm["author"]) == sc.norm(pm.get("author"))))
        if gold.get("body_first_words"):
            checks.append(("body_start", sc.norm(body).startswith(sc.norm(gold["body_first_words"]))))
        if gold.get("body_last_words"):
            checks.append(("body_end", sc.norm(body).endswith(sc.norm(gold["body_last_words"]))))
        for line in gold.get("boilerplate") or []:
            checks.append(("boilerplate_removed", bool(body) and sc.norm(line) not in sc.norm(body)))
        for name, ok in checks:
            accs[name].add(ok)
            if not ok:
                print(f"  miss {gpath.stem} {name}")
    for name, acc in accs.items():
        print(f"{name:22s} {acc.row()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
