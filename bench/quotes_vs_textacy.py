"""Side by side on the seeds: newsgraph's extract_quotes against textacy's direct_quotations (quotes F1, speaker accuracy)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import textacy.extract.triples as triples

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_seeds import pred_json, score_layer, seed_docs  # noqa: E402

from newsgraph.extract.entities import actor_key  # noqa: E402
from newsgraph.extract.quotes import extract_quotes  # noqa: E402


def textacy_quotes(doc, ents, mentions) -> list[dict]:
    """textacy's (speaker, cue, content) triples, speakers mapped to entity keys through our mentions."""
    by_key = {e.key: e for e in ents}
    out = []
    try:
        found = list(triples.direct_quotations(doc))
    except ValueError:  # textacy bails out on an odd number of quote marks
        return out
    for speaker, cue, content in found:
        key = None
        for tok in speaker:
            for m in mentions:
                if m.start <= tok.idx < m.end and m.kind != "demonym":
                    key = actor_key(m, by_key)
        out.append({"speaker": key, "cue": " ".join(t.text for t in cue),
                    "content": " ".join(t.text for t in content).strip('"“” '), "kind": "direct"})
    return out


def main() -> int:
    ours, theirs = {}, {}
    for doc_id, _text, doc, ents, mentions in seed_docs():
        qs = list(extract_quotes(doc, ents, mentions))
        ours[doc_id] = pred_json(ents, [{"speaker": q.speaker, "cue": q.cue, "content": q.content, "kind": q.kind} for q in qs])
        theirs[doc_id] = pred_json(ents, textacy_quotes(doc, ents, mentions))
    print(json.dumps({"newsgraph": score_layer(ours), "textacy": score_layer(theirs)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
