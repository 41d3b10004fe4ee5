"""How alike two documents are by their words: the TF-IDF cosines event coreference compares articles with.

scikit-learn's TfidfVectorizer computed them, fitted twice per story block; its parameter and input validation
cost more than the arithmetic of most blocks, so the same operations run here on the same arrays (the same floats,
tests/resolve/test_event_coref.py compares them to scikit-learn's on real text). Its analyzers and row normalisation
are written out here too: importing scikit-learn cost 1.7 s CPU in every corpus step that computed a story block
(a build adding ten articles), more than the blocks themselves (tests/resolve/test_doc_similarity.py compares them)."""
from __future__ import annotations

import functools
import importlib.util
import re
import runpy
from collections.abc import Callable, Sequence
from pathlib import Path
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


_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern
_SPACE_TOKEN = re.compile(r"\S+")


@functools.lru_cache(maxsize=4)
def _analyzers(ngram_range: tuple[int, int]) -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """The two views' analyzers as scikit-learn's TfidfVectorizer builds them: words lower-cased, English stop words
    dropped, n-grams up to ngram_range (TfidfVectorizer(stop_words="english", ngram_range=...)); and whitespace
    tokens as written (lowercase=False, token_pattern=r"\\S+")."""
    stop = _stop_words()
    low, high = ngram_range

    def words(doc: str) -> list[str]:  # _VectorizerMixin._word_ngrams after _preprocess and the tokenizer
        tokens = [w for w in _WORD_TOKEN.findall(doc.lower()) if w not in stop]
        if high == 1:
            return tokens
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    return words, _SPACE_TOKEN.findall


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """scikit-learn's English stop list (TfidfVectorizer's "english"), read from its own file: the module holds only
    the list, and importing it through the package would import all of scikit-learn."""
    spec = importlib.util.find_spec("sklearn")  # a top-level package's spec: found, not imported
    if spec is not None and spec.submodule_search_locations:
        path = Path(list(spec.submodule_search_locations)[0]) / "feature_extraction" / "_stop_words.py"
        if path.is_file():
            return frozenset(runpy.run_path(str(path))["ENGLISH_STOP_WORDS"])
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # an unusual install: the slow way

    return frozenset(ENGLISH_STOP_WORDS)


def _normalize_rows_l2(mat: "sparse.csr_matrix") -> None:
    """Rows to unit length in place, as sklearn.utils.sparsefuncs_fast.inplace_csr_row_normalize_l2 does it: each row's
    squares summed left to right in float64 (a cumulative sum: the same order), all-zero rows left alone."""
    data, bounds = mat.data, mat.indptr.tolist()
    for a, b in zip(bounds[:-1], bounds[1:]):
        if a == b:
            continue
        row = data[a:b]
        total = np.cumsum(row * row)[-1]
        if total != 0.0:
            row /= np.sqrt(total)


def _tfidf(docs: Sequence[str], analyze: Callable[[str], list[str]]) -> "sparse.csr_matrix | None":
    """TfidfVectorizer(sublinear_tf=True).fit_transform(docs) with the vectorizer's analyzer: the same operations on
    the same arrays in the same order (so the same floats: tests/resolve/test_event_coref.py compares them), without
    its parameter and input validation, which was most of a story block's CPU (two fits per block). None for an
    empty vocabulary (where fit_transform raises)."""
    from scipy import sparse

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
    _normalize_rows_l2(mat)
    return mat


def document_similarity(texts: Sequence[str]) -> np.ndarray:
    """Mean of TF-IDF cosine over words and over names/numbers: who, where and when tell events apart."""
    return _tfidf_similarity(texts, (1, 1))


def split_similarity(texts: Sequence[str]) -> np.ndarray:
    """Mean of TF-IDF cosine over words and word pairs and over names/numbers: phrases like 'killed in
    Menaka' separate two reports of look-alike events better than single words."""
    return _tfidf_similarity(texts, (1, 2))
