"""doc_similarity's own analyzers and row normalisation (written out so a corpus step never imports scikit-learn)
give scikit-learn's tokens and unit rows on real text; computing a similarity leaves scikit-learn unimported."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
DEV_TEXTS = REPO.parent / "shared" / "dev" / "texts"

pytestmark = pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason=f"dev texts not found at {DEV_TEXTS}")


def _bodies() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DEV_TEXTS.iterdir()) if p.suffix in (".txt", ".md")]


def test_analyzers_give_scikit_learns_tokens() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsgraph.resolve.doc_similarity import _NAME_OR_NUMBER, _analyzers

    bodies = _bodies()
    names = [" ".join(_NAME_OR_NUMBER.findall(b)) for b in bodies]
    for ngrams in ((1, 1), (1, 2), (2, 3)):
        words, spaces = _analyzers(ngrams)
        theirs = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=ngrams).build_analyzer()
        their_spaces = TfidfVectorizer(sublinear_tf=True, lowercase=False, token_pattern=r"\S+").build_analyzer()
        for body, name in zip(bodies, names):
            assert words(body) == theirs(body)
            assert spaces(name) == their_spaces(name)
    assert any(" " in g for g in _analyzers((1, 2))[0](bodies[0]))  # word pairs made, not only single words


def test_rows_normalised_as_scikit_learn_does_to_the_bit() -> None:
    from scipy import sparse
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    from newsgraph.resolve.doc_similarity import _normalize_rows_l2

    rng = np.random.default_rng(3)
    dense = rng.random((40, 300)) * (rng.random((40, 300)) < 0.1)
    dense[5] = 0.0  # an empty row stays empty
    ours, theirs = sparse.csr_matrix(dense), sparse.csr_matrix(dense)
    _normalize_rows_l2(ours)
    inplace_csr_row_normalize_l2(theirs)
    assert np.array_equal(ours.data, theirs.data) and ours.nnz == theirs.nnz


def test_a_similarity_does_not_import_scikit_learn() -> None:
    code = ("import sys; from newsgraph.resolve.doc_similarity import document_similarity, split_similarity; "
            f"t = [open(p, encoding='utf-8').read() for p in {[str(p) for p in sorted(DEV_TEXTS.iterdir())[:3]]!r}]; "
            "assert document_similarity(t)[0, 1] > 0 and split_similarity(t)[0, 1] > 0; "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src"), "PATH": ""})
    assert out.stdout.strip() == "False"
