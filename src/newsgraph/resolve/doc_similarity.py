"""How alike two documents are by their words: the TF-IDF cosines event coreference compares articles with.

scikit-learn's TfidfVectorizer computed them, fitted twice per story block; its parameter and input validation
cost more than the arithmetic of most blocks, so the same operations run here on the same arrays (the same floats,
tests/resolve/test_event_coref.py compares them to scikit-learn's on real text) with its analyzers built once."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][A-Za-z]+|\d+)\b")


def _tfidf_similarity(texts: Sequence[str], ngram_range: tuple[int, int]) -> np.ndarray:
    """Mean of two TF-IDF cosines: over words (n-grams up to ngram_range) and over names/numbers."""
    n = len(texts)
    out = np.zeros((n, n))
    words, names = _analyzers(ngram_range)
    views = ((texts, words), ([" ".join(_NAME_OR_NUMBER.findall(t)) for t in texts], names))
    for docs, analyze in views:
        mat = _tfidf(docs, analyze)
        if mat is None:  # nothing but stop words in this view
            continue
        out += 0.5 * (mat @ mat.T).toarray()
    return out


@functools.lru_cache(maxsize=4)
def _analyzers(ngram_range: tuple[int, int]) -> tuple:
    """The two views' analyzers, as scikit-learn's TfidfVectorizer builds them (built once: checking the stop list
    against the tokenizer cost more than most blocks' arithmetic)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return (TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=ngram_range).build_analyzer(),
            TfidfVectorizer(sublinear_tf=True, lowercase=False, token_pattern=r"\S+").build_analyzer())


def _tfidf(docs: Sequence[str], analyze) -> "sparse.csr_matrix | None":  # type: ignore[no-untyped-def]
    """TfidfVectorizer(sublinear_tf=True).fit_transform(docs) with the vectorizer's analyzer: the same operations on
    the same arrays in the same order (so the same floats: tests/resolve/test_event_coref.py compares them), without
    its parameter and input validation, which was most of a story block's CPU (two fits per block). None for an
    empty vocabulary (where fit_transform raises)."""
    from scipy import sparse
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    vocabulary: dict[str, int] = {}
    j_indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:  # CountVectorizer._count_vocab
        counts: dict[int, int] = {}
        for feature in analyze(doc):
            idx = vocabulary.setdefault(feature, len(vocabulary))
            counts[idx] = counts.get(idx, 0) + 1
        j_indices.extend(counts)
        values.extend(counts.values())
        indptr.append(len(j_indices))
    if not vocabulary or not docs:
        return None
    mat = sparse.csr_array((np.asarray(values, dtype=np.intc), np.asarray(j_indices, dtype=np.int32),
                            np.asarray(indptr, dtype=np.int32)), shape=(len(docs), len(vocabulary)), dtype=np.float64)
    mat.sort_indices()
    order = np.empty(len(vocabulary), dtype=mat.indices.dtype)  # CountVectorizer._sort_features
    for new, (_, old) in enumerate(sorted(vocabulary.items())):
        order[old] = new
    mat.indices = order.take(mat.indices, mode="clip")
    mat = sparse.csr_matrix(mat[:, np.arange(len(vocabulary))])  # _limit_features keeps every column (min_df 1, max_df 1.0)
    df = np.bincount(mat.indices, minlength=mat.shape[1]).astype(np.float64)  # TfidfTransformer.fit, smooth idf
    df += 1.0
    idf = np.full_like(df, fill_value=len(docs) + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(mat.data, mat.data)  # TfidfTransformer.transform: sublinear tf, idf, rows to unit length
    mat.data += 1.0
    mat.data *= idf[mat.indices]
    inplace_csr_row_normalize_l2(mat)
    return mat


def document_similarity(texts: Sequence[str]) -> np.ndarray:
    """Mean of TF-IDF cosine over words and over names/numbers: who, where and when tell events apart."""
    return _tfidf_similarity(texts, (1, 1))


def split_similarity(texts: Sequence[str]) -> np.ndarray:
    """Mean of TF-IDF cosine over words and word pairs and over names/numbers: phrases like 'killed in
    Menaka' separate two reports of look-alike events better than single words."""
    return _tfidf_similarity(texts, (1, 2))
