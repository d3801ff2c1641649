"""TF-IDF rows over field terms, L2-normalised: the dot product of two rows is the field similarity.

IDF makes a term shared by few platforms (玉米, 育种) count more than one shared by many; the domain
multiplier (text.GENERIC_TERMS) pushes 技术/工程/研究 further down whatever the corpus says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from app.derive.dedup.text import term_multiplier


@dataclass
class FieldVectors:
    vocab: dict[str, int]
    idf: npt.NDArray[np.float64]  # idf × domain multiplier per term
    df: npt.NDArray[np.int64]
    n_docs: int
    matrix: sp.csr_matrix  # records × terms, rows L2-normalised

    def vector(self, terms: Sequence[str]) -> tuple[sp.csr_matrix, float]:
        """A proposal's row (known terms only) and the share of its norm that unseen terms take."""
        unseen = (math.log(self.n_docs + 1) + 1.0) ** 2
        cols, vals, extra = [], [], 0.0
        for t in terms:
            j = self.vocab.get(t)
            if j is None:
                extra += unseen * term_multiplier(t) ** 2
            else:
                cols.append(j)
                vals.append(self.idf[j])
        w = np.asarray(vals, np.float64)
        norm = math.sqrt(float(w @ w) + extra) or 1.0
        row = sp.csr_matrix((w / norm, (np.zeros(len(cols), np.int64), cols)), shape=(1, len(self.vocab)))
        return row, norm


def build_vectors(term_lists: Sequence[Sequence[str]]) -> FieldVectors:
    vocab: dict[str, int] = {}
    indptr = np.zeros(len(term_lists) + 1, np.int64)
    cols: list[int] = []
    for i, ts in enumerate(term_lists):
        for t in ts:
            j = vocab.get(t)
            if j is None:
                j = vocab[t] = len(vocab)
            cols.append(j)
        indptr[i + 1] = len(cols)
    indices = np.asarray(cols, np.int64)
    n = len(term_lists)
    df = np.bincount(indices, minlength=len(vocab)).astype(np.int64)
    mult = np.ones(len(vocab), np.float64)
    for t, j in vocab.items():
        mult[j] = term_multiplier(t)
    idf = (np.log((n + 1) / (df + 1)) + 1.0) * mult
    data = idf[indices]
    counts = np.diff(indptr)
    row_of = np.repeat(np.arange(n), counts)
    sq = np.bincount(row_of, weights=data * data, minlength=n)
    sq = np.where(counts > 0, sq, 1.0)
    data = data / np.sqrt(np.repeat(sq, counts))
    matrix = sp.csr_matrix((data, indices, indptr), shape=(n, len(vocab)))
    return FieldVectors(vocab, idf, df, n, matrix)


def pair_cosine(m: sp.csr_matrix, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Row-wise dot products m[i[k]] · m[j[k]], chunked to bound memory."""
    out = np.empty(len(i), np.float64)
    step = 500_000
    for s in range(0, len(i), step):
        a = m[i[s : s + step]]
        b = m[j[s : s + step]]
        out[s : s + step] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out
