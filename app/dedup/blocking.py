"""Candidate pairs: never all pairs. Three blocking schemes, each a sparse product restricted to a key:

- ``host``: same host institution (after resolution), any city;
- ``city_inst``: same city and a shared institution (host or co-builder on either side);
- ``region_type``: same province and canonical type (a platform recorded twice whose host was written
  in a form the resolver did not expand lands here).

For a scheme, every record's TF-IDF terms are re-keyed as (block key, term) columns; the product
Y·Yᵀ then only pairs records that share a block AND a term, and its value is their field cosine over
the shared terms. Columns shared by more than ``cap`` records are dropped from blocking (not from
scoring): they are generic within that block and would make the product quadratic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from app.dedup.records import Records

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class BlockingConfig:
    cap: int = 400
    min_sim: dict[str, float] | None = None  # scheme → minimum blocked cosine

    def threshold(self, scheme: str) -> float:
        defaults = {"host": 0.2, "city_inst": 0.25, "region_type": 0.4}
        return (self.min_sim or {}).get(scheme, defaults[scheme])


def scheme_keys(recs: Records, scheme: str) -> tuple[I64, I64]:
    """(record index, block key) for every key a record has under a scheme."""
    n = len(recs)
    if scheme == "host":
        idx = np.flatnonzero(recs.host >= 0)
        return idx.astype(np.int64), recs.host[idx].astype(np.int64)
    if scheme == "region_type":
        ok = (recs.region >= 0) & (recs.type >= 0)
        idx = np.flatnonzero(ok)
        n_types = max(len(recs.type_coder.values), 1)
        return idx.astype(np.int64), (recs.region[idx].astype(np.int64) * n_types + recs.type[idx])
    if scheme == "city_inst":
        n_inst = max(len(recs.inst_coder.values), 1)
        rows: list[int] = []
        keys: list[int] = []
        city = recs.city
        for i in range(n):
            c = int(city[i])
            ins = recs.insts[i]
            if c < 0 or not ins:
                continue
            for k in ins:
                rows.append(i)
                keys.append(c * n_inst + k)
        return np.asarray(rows, np.int64), np.asarray(keys, np.int64)
    raise ValueError(f"unknown blocking scheme {scheme!r}")


def blocked_pairs(
    x: sp.csr_matrix, rec: I64, key: I64, *, cap: int, min_sim: float, chunk: int = 20_000
) -> tuple[I64, I64, npt.NDArray[np.float64]]:
    """Pairs (i < j) sharing a key and terms whose blocked cosine ≥ min_sim."""
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if len(rec) == 0:
        return empty
    n, v = x.shape
    counts = np.diff(x.indptr)[rec]
    total = int(counts.sum())
    if total == 0:
        return empty
    starts = x.indptr[rec]
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    pos = np.arange(total, dtype=np.int64) + offsets
    rows = np.repeat(rec, counts)
    raw = np.repeat(key, counts) * v + x.indices[pos]
    uniq, col = np.unique(raw, return_inverse=True)
    df = np.bincount(col, minlength=len(uniq))
    keep = (df[col] >= 2) & (df[col] <= cap)
    rows, col, data = rows[keep], col[keep], x.data[pos][keep]
    # Compact columns after dropping, and only rows that still have entries.
    ucol, col = np.unique(col, return_inverse=True)
    y = sp.csr_matrix((data, (rows, col)), shape=(n, len(ucol)))
    y.sum_duplicates()
    yt = y.T.tocsr()
    active = np.unique(rows)
    out_i, out_j, out_s = [], [], []
    for s in range(0, len(active), chunk):
        part = active[s : s + chunk]
        prod = (y[part] @ yt).tocoo()
        gi = part[prod.row]
        sel = (prod.col > gi) & (prod.data >= min_sim)
        out_i.append(gi[sel])
        out_j.append(prod.col[sel].astype(np.int64))
        out_s.append(prod.data[sel])
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def candidate_pairs(
    recs: Records, x: sp.csr_matrix, config: BlockingConfig | None = None
) -> tuple[I64, I64, dict[str, int]]:
    """Union of every scheme's pairs (i < j), and how many each scheme contributed (for the docs)."""
    config = config or BlockingConfig()
    n = len(recs)
    all_keys: list[I64] = []
    stats: dict[str, int] = {}
    for scheme in ("host", "city_inst", "region_type"):
        rec, key = scheme_keys(recs, scheme)
        i, j, _ = blocked_pairs(x, rec, key, cap=config.cap, min_sim=config.threshold(scheme))
        stats[scheme] = len(i)
        all_keys.append(i * n + j)
    merged = np.unique(np.concatenate(all_keys)) if all_keys else np.zeros(0, np.int64)
    stats["candidates"] = len(merged)
    return merged // n, merged % n, stats
