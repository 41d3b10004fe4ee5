"""The one-pass word test of the furniture gates (ingest.line_gates) answers as each pattern's own Gated.found."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import furniture
from newsgraph.ingest.line_gates import LineGates
from newsgraph.ingest.paragraphs import unwrap_lines
from newsgraph.regex_prefilter import Gated

pytest.importorskip("ahocorasick_rs")

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FURNITURE = [
    "Sign up for our newsletter to get the latest updates delivered straight to your inbox.",
    "Please consider supporting our journalism with a donation: donations are essential to keep us independent.",
    "© 2024 Example Media. All rights reserved. Texts may not be reproduced without written permission.",
    "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.",
    "This post contains affiliate links; we may earn a commission from qualifying purchases.",
    "Comments are moderated. Tell us what you think: write a letter to the editor via our form.",
    "Your browser version is not supported: update your browser or turn off your ad-blocker.",
    "Follow us on Twitter and download our app for breaking news alerts.",
    "var x = document.getElementById('main'); window.onload = () => { init(); };",
    "Subscribe to our e-mail edition and never miss a story. Enter your email here.",
    "SUBSCRİBE TO OUR NEWSLETTER",  # a dotted capital I folds to 'i' as re.IGNORECASE reads it
]


def _lines() -> list[str]:
    paths = sorted((SHARED / "seeds").iterdir()) + sorted((SHARED / "dev" / "texts").iterdir())
    lines = [line.strip() for p in paths if p.suffix in (".txt", ".md")
             for line in unwrap_lines(p.read_text(encoding="utf-8")) if line.strip()]
    assert len(lines) > 200
    return lines + FURNITURE


def test_every_gate_answers_as_its_pattern_on_real_lines() -> None:
    gates = [g for g in vars(furniture).values() if isinstance(g, Gated)]
    one_pass = LineGates(gates)
    assert one_pass.enabled and len(gates) >= 10
    hits = 0
    for line in _lines():
        present = one_pass.present(line)
        for gate in gates:
            expected = gate.found(line)
            assert one_pass.found(gate, line, present) == expected, (gate.pattern[:60], line)
            hits += expected
    assert hits >= len(FURNITURE)


def test_furniture_kind_names_the_families_it_named_before() -> None:
    kinds = [furniture.furniture_kind(line, len(furniture.words_of(line))) for line in FURNITURE]
    assert kinds[:3] == ["promo", "donation", "copyright"] and "consent" in kinds and "code" in kinds
