"""Candidate pairs: never all pairs. Eight blocking schemes, each a sparse product restricted to a key:

- ``host``: same host institution (after resolution), any city;
- ``host_collection`` (1.2): a station / germplasm bank probed against its host's platforms at a low
  blocked cosine (0.05): a bank beside a lab of its host shares few terms; 1.3 adds concept columns
  (``concept_columns``: the broader terms of ``resources/broader.tsv`` a name falls under, and 种质资源)
  so a 土壤侵蚀 station meets its host's 地表过程 lab, a 野生棉 nursery its 棉花 bank, with no shared term;
- ``weak_link`` (1.2): a station / bank probed against the institutes of its host's academy /
  university in its province;
- ``city_inst``: same city and a shared institution (host or co-builder on either side);
- ``one_city`` (1.3 ``municipal``; 1.4 any city): two national platforms of one city — a 直辖市 (北京市 …,
  province and city at once), or the city the row or its host's name gives (``place.town_of``) — any
  hosts, at blocked cosine ≥ 0.2 (the column cap keeps a large world's common terms out);
- ``host_variant``: two hosts of one province that are one institution written two ways
  (``features.host_similar``: containment of ≥ 4 characters, or a short form 吉大) — the copy whose host
  the resolver did not expand;
- ``unknown_host``: a platform without a host against every platform of its province and type
  (asymmetric: only rows without a host are probed, so the cost grows with them, not with n²);
- ``co_host`` (1.5): a platform with co-hosts (a host cell listing several, a co-builder its name
  states) against the platforms its co-hosts host, any city: a pair with a station / bank on any shared
  term (a station of one site at two co-hosts shares little: 那曲生态环境 / 那曲高寒草地生态系统), any
  other pair at blocked cosine ≥ 0.2 (the ``host`` scheme's minimum: no rule reports less).

Same province and type with two different, unrelated hosts is no block: such a pair can never be
reported (every kind needs a host link, or a missing host), so comparing it would only cost time.

For a scheme, every record's TF-IDF terms are re-keyed as (block key, term) columns; the product
Y·Yᵀ then only pairs records that share a block AND a term, and its value is their field cosine over
the shared terms. Columns shared by more than ``cap`` records are dropped from blocking (not from
scoring): they are generic within that block and would make the product quadratic. The product runs
in row chunks sized by its own output bound (Σ column sizes), so memory stays flat at any n.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from app.derive.dedup.disciplines import any_discipline_word, block_keys
from app.derive.dedup.observes import any_word, observed, studied
from app.derive.dedup.records import Records
from app.derive.dedup.relations import parent_of
from app.derive.dedup.resources import broader_terms, replace_all, synonyms
from app.derive.dedup.subject import COLLECTION_KINDS, concepts, conjuncts, platform_kind, subject_of
from app.derive.dedup.text import field_of_name

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class BlockingConfig:
    cap: int = 400
    min_sim: dict[str, float] | None = None  # scheme → minimum blocked cosine

    def threshold(self, scheme: str) -> float:
        defaults = {
            "host": 0.2,
            "host_collection": 0.05,
            "weak_link": 0.05,
            "city_inst": 0.25,
            "host_variant": 0.4,
            "one_city": 0.2,
            "unknown_host": 0.4,
            "co_host": 0.2,
        }
        return (self.min_sim or {}).get(scheme, defaults[scheme])


def similar_hosts(recs: Records) -> list[tuple[int, int, int]]:
    """(province code, host code, host code) for two host keys of one province that ``host_similar``
    would call one institution. Containment through one Aho-Corasick automaton per province (linear
    in the names); short forms (≤ 3 characters) only against hosts with their first character."""
    from app.derive.dedup.features import host_similar

    keys = recs.host_coder.values
    ok = (recs.host >= 0) & (recs.region >= 0)
    combo = np.unique(recs.region[ok].astype(np.int64) * (len(keys) + 1) + recs.host[ok])
    by_prov: dict[int, list[int]] = {}
    for c in combo.tolist():
        by_prov.setdefault(c // (len(keys) + 1), []).append(c % (len(keys) + 1))
    out: list[tuple[int, int, int]] = []
    for prov, codes in by_prov.items():
        auto = ahocorasick.Automaton()
        first: dict[str, list[int]] = {}
        for c in codes:
            k = keys[c]
            if len(k) >= 4:
                auto.add_word(k, c)
            first.setdefault(k[0], []).append(c)
        found: set[tuple[int, int]] = set()
        if len(auto):
            auto.make_automaton()
            for c in codes:
                for _, other in auto.iter(keys[c]):
                    if other != c:
                        found.add((min(c, other), max(c, other)))
        for c in codes:
            if 2 <= len(keys[c]) <= 3:
                found.update((min(c, o), max(c, o)) for o in first[keys[c][0]] if o != c)
        out.extend((prov, a, b) for a, b in sorted(found) if host_similar(keys[a], keys[b]))
    return out


def unplaced_similar_hosts(recs: Records) -> list[tuple[int, int]]:
    """1.4: (host code a, host code b): a host of a row without a region (the MoA lists give none for
    many stations) and another host whose name contains it or is contained in it (≥ 4 characters:
    中国热带农业科学院 in 中国热带农业科学院环境与植物保护研究所, an institute and its academy).
    ``similar_hosts`` pairs hosts within one province only, so these rows were never blocked with
    them. Two automata (the unplaced names, all names): linear in the names."""
    keys = recs.host_coder.values
    unplaced = sorted(set(np.unique(recs.host[(recs.host >= 0) & (recs.region < 0)]).tolist()))
    if not unplaced:
        return []
    found: set[tuple[int, int]] = set()
    for patterns, texts, flip in ((unplaced, range(len(keys)), True), (range(len(keys)), unplaced, False)):
        auto = ahocorasick.Automaton()
        for c in patterns:
            if len(keys[c]) >= 4:
                auto.add_word(keys[c], c)
        if not len(auto):
            continue
        auto.make_automaton()
        for c in texts:
            for _, other in auto.iter(keys[c]):
                if other != c:
                    found.add((other, c) if flip else (c, other))  # (unplaced, other)
    return sorted(found)


def weak_link_keys(recs: Records) -> tuple[I64, I64]:
    """1.2: (record, key) for the weak institutional link of relations.py: one parent academy /
    university of the host in one province (四川省农业科学院园艺研究所 / …作物研究所)."""
    rows: list[int] = []
    keys: list[int] = []
    parents: dict[tuple[str, int], int] = {}
    for i in np.flatnonzero(recs.host >= 0).tolist():
        parent = parent_of(recs.hosts[i])
        if parent:
            rows.append(i)
            keys.append(parents.setdefault((parent, int(recs.region[i])), len(parents)))
    return np.asarray(rows, np.int64), np.asarray(keys, np.int64)


def scheme_keys(recs: Records, scheme: str) -> tuple[I64, I64]:
    """(record index, block key) for every key a record has under a scheme."""
    n = len(recs)
    if scheme == "host":
        idx = np.flatnonzero(recs.host >= 0)
        return idx.astype(np.int64), recs.host[idx].astype(np.int64)
    if scheme == "unknown_host":
        ok = (recs.region >= 0) & (recs.type >= 0)
        idx = np.flatnonzero(ok)
        n_types = max(len(recs.type_coder.values), 1)
        return idx.astype(np.int64), (recs.region[idx].astype(np.int64) * n_types + recs.type[idx])
    if scheme == "host_variant":
        return _host_variant_keys(recs)
    if scheme == "co_host":
        return co_host_keys(recs)
    if scheme == "weak_link":
        return weak_link_keys(recs)
    if scheme == "one_city":  # national platforms (国家级) of one city: records.town (place.py)
        idx = np.flatnonzero(recs.town >= 0)
        return idx.astype(np.int64), recs.town[idx].astype(np.int64)
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


def _host_variant_keys(recs: Records) -> tuple[I64, I64]:
    """Keys of ``host_variant``: one per similar-host pair of one province (rows of that province and
    either host)."""
    pairs = similar_hosts(recs)
    n_hosts = len(recs.host_coder.values) + 1
    pair_of: dict[int, list[int]] = {}  # province × host → the similar-host pairs it belongs to
    for p, (prov, a, b) in enumerate(pairs):
        pair_of.setdefault(prov * n_hosts + a, []).append(p)
        pair_of.setdefault(prov * n_hosts + b, []).append(p)
    if not pair_of:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    combo = recs.region.astype(np.int64) * n_hosts + recs.host
    hit = np.flatnonzero((recs.host >= 0) & (recs.region >= 0) & np.isin(combo, list(pair_of)))
    rows_l: list[int] = []
    keys_l: list[int] = []
    for i, c in zip(hit.tolist(), combo[hit].tolist(), strict=True):
        for p in pair_of[c]:
            rows_l.append(i)
            keys_l.append(p)
    return np.asarray(rows_l, np.int64), np.asarray(keys_l, np.int64)


def co_host_keys(recs: Records) -> tuple[I64, I64]:
    """Keys of ``co_host`` (1.5): an institution named as a co-host (a host cell listing several, a
    co-builder the name states) — the platforms naming it as host or co-host. Probed from the rows with
    co-hosts only, so the cost grows with them."""
    if not recs.has_cohost.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    named = {c for k in np.flatnonzero(recs.has_cohost).tolist() for c in recs.cohosts[k]}
    if not named:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows: list[int] = []
    keys: list[int] = []
    for i, (own, co) in enumerate(zip(recs.host_insts, recs.cohosts, strict=True)):
        for c in co or ((own,) if own in named else ()):
            rows.append(i)
            keys.append(c)
    return np.asarray(rows, np.int64), np.asarray(keys, np.int64)


def host_collection_keys(recs: Records) -> tuple[I64, I64]:
    """Keys of ``host_collection``: the host; and (1.4) per unplaced similar-host pair (a, b), the rows
    of host a without a region with every row of host b — a station of an institute listed without a
    region meets the platforms of its academy (儋州: 热科院环植所 / 热科院)."""
    rec = np.flatnonzero(recs.host >= 0).astype(np.int64)
    key = recs.host[rec].astype(np.int64)
    pairs = unplaced_similar_hosts(recs)
    if not pairs:
        return rec, key
    n_hosts = len(recs.host_coder.values)
    rows_l: list[I64] = [rec]
    keys_l: list[I64] = [key]
    for p, (a, b) in enumerate(pairs):
        side = np.flatnonzero(((recs.host == a) & (recs.region < 0)) | (recs.host == b)).astype(np.int64)
        rows_l.append(side)
        keys_l.append(np.full(len(side), n_hosts + p, np.int64))
    return np.concatenate(rows_l), np.concatenate(keys_l)


def blocked_pairs(
    x: sp.csr_matrix,
    rec: I64,
    key: I64,
    *,
    cap: int,
    min_sim: float,
    probe: npt.NDArray[np.bool_] | None = None,
    budget: int = 8_000_000,
) -> tuple[I64, I64, npt.NDArray[np.float64]]:
    """Pairs (i < j) sharing a key and terms whose blocked cosine ≥ min_sim. ``probe``: only rows with
    probe[i] are multiplied against the block (asymmetric schemes); else every row. ``budget``: the
    most product entries one chunk may produce before thresholding."""
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
    if len(rows) == 0:
        return empty
    # Compact columns after dropping, and only rows that still have entries.
    ucol, col = np.unique(col, return_inverse=True)
    y = sp.csr_matrix((data, (rows, col)), shape=(n, len(ucol)))
    y.sum_duplicates()
    yt = y.T.tocsr()
    active = np.unique(rows)
    if probe is not None:
        active = active[probe[active]]
    # Output bound per row: Σ over its columns of the column's size; chunks keep it under budget.
    col_size = np.diff(yt.indptr)
    entry_row = np.repeat(np.arange(n), np.diff(y.indptr))
    row_cost = np.bincount(entry_row, weights=col_size[y.indices], minlength=n)[active]
    bounds = np.searchsorted(np.cumsum(row_cost), np.arange(budget, row_cost.sum() + budget, budget))
    cuts = np.unique(np.concatenate(([0], np.minimum(bounds + 1, len(active)), [len(active)])))
    out_i, out_j, out_s = [], [], []
    for s, e in itertools.pairwise(cuts.tolist()):
        part = active[s:e]
        prod = (y[part] @ yt).tocoo()
        gi = part[prod.row]
        gj = prod.col.astype(np.int64)
        sel = (gj != gi if probe is not None else gj > gi) & (prod.data >= min_sim)
        gi, gj = gi[sel], gj[sel]
        out_i.append(np.minimum(gi, gj))
        out_j.append(np.maximum(gi, gj))
        out_s.append(prod.data[sel])
    if not out_i:
        return empty
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


SCHEMES = (
    "host",
    "host_collection",
    "weak_link",
    "city_inst",
    "one_city",
    "host_variant",
    "unknown_host",
    "co_host",
)


def collection_rows(recs: Records) -> npt.NDArray[np.bool_]:
    """Records that keep a site or a collection (stations, germplasm banks / nurseries): 1.2 probes
    them against their host's platforms at a low blocked cosine (a 水稻 bank and a 水稻生物学 lab share
    few terms); every other pair of one host still needs the host scheme's cosine."""
    return np.fromiter(
        (platform_kind(n, t) in COLLECTION_KINDS for n, t in zip(recs.names, recs.types, strict=True)),
        np.bool_,
        len(recs),
    )


_GERMPLASM = "种质资源"


@lru_cache(maxsize=2)
def _any_concept(city: bool = False) -> re.Pattern[str]:
    """One pass that says whether a name can have a concept at all (most names of a large world do not)."""
    _, table = synonyms()
    words = {*broader_terms(city), *table, _GERMPLASM}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def name_concepts(name: str, city: bool = False) -> tuple[str, ...]:
    """The concepts of one name: thesaurus broader terms, synonym canonical words (建材 = 建筑材料),
    种质资源. ``city``: the thesaurus lines for two hosts of one city only (1.4, ``one_city``).

    >>> name_concepts("国家野生棉种质资源圃"), name_concepts("信息安全国家重点实验室")
    (('棉花', '种质资源'), ())
    >>> name_concepts("智能电网国家重点实验室"), name_concepts("智能电网国家重点实验室", city=True)
    (('电力',), ())
    """
    if not _any_concept(city).search(name):
        return ()
    pattern, table = synonyms()
    text = replace_all(name, (pattern, table))
    found = set(concepts(text, city))
    if pattern is not None:
        found |= {table[m] for m in pattern.findall(text)}
    if _GERMPLASM in text:
        found.add(_GERMPLASM)
    return tuple(sorted(found))


def discipline_concepts(name: str, field: str) -> tuple[str, ...]:
    """1.7: the disciplines of GB/T 13745 a field falls in (``disciplines.block_keys`` of its conjuncts,
    as the name writes them), as blocking concepts: a 冻土 station meets a 自然地理学 lab with no shared
    term. ``field``: the cleaned field (the cheap test; most fields name no discipline).

    >>> discipline_concepts("冻土工程国家重点实验室", "冻土工程")
    ('d:170.45', 'd:170.4510', 'd:170.4510/冻土学')
    """
    if not any_discipline_word(field):
        return ()
    if _JOINED.search(name):  # the conjuncts as the name writes them (the cleaned field lost 与 / 及)
        raw, _ = field_of_name(name)
        return _discipline_keys(conjuncts(raw) if raw else (field,))
    return _discipline_keys((field,))


_JOINED = re.compile("[与及和、]")
_FIELD_STATION = "野外科学观测研究站"


@lru_cache(maxsize=200_000)
def observe_concepts(name: str, field: str, type_: str | None) -> tuple[str, ...]:
    """1.8: the objects of ``observes.tsv`` a field station observes, or a lab's subject studies, as
    blocking concepts: a 农田 station meets its host's 土壤 lab with no shared term.

    >>> observe_concepts("江苏常熟农田生态系统国家野外科学观测研究站", "江苏常熟农田生态系统", "野外科学观测研究站")
    ('o:农田',)
    >>> observe_concepts("土壤与农业可持续发展国家重点实验室", "土壤农业可持续发展", "重点实验室")
    ('o:农田',)
    """
    if not any_word(field):
        return ()  # the cheap test first, on the field: most fields name no object nor discipline
    kind = platform_kind(name, type_)
    if kind == _FIELD_STATION:
        found = observed(subject_of(field, kind).text)
    else:
        raw, _ = field_of_name(name) if _JOINED.search(name) else (field, None)
        found = studied(conjuncts(raw) if raw else (field,))
    return tuple(f"o:{o}" for o in sorted(found))


@lru_cache(maxsize=200_000)
def _discipline_keys(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"d:{k}" for k in block_keys(parts))


def concept_columns(recs: Records, rows: npt.NDArray[np.bool_], city: bool = False) -> sp.csr_matrix:
    """Blocking-only columns (1.3), weight 1, for the ``rows`` given (records of a host that has a
    station / bank): one per broader term of the thesaurus a record's name falls under, and one for a
    name holding 种质资源 (a 种质资源 station and its host's banks). Never used for scoring.

    >>> from app.derive.dedup.records import build_records
    >>> r = build_records([{"id": "a", "name": "国家野生棉种质资源圃", "host": "棉花所"},
    ...                    {"id": "b", "name": "棉花生物学国家重点实验室", "host": "棉花所"}])
    >>> k = concept_columns(r, np.ones(2, bool))
    >>> int(k[0].multiply(k[1]).sum())  # no shared term, one shared concept: 棉花
    1
    """
    n = len(recs)
    names: dict[str, int] = {}
    ri: list[int] = []
    ci: list[int] = []
    cache = recs.concept_cache  # detection and its report block twice: compute once per index
    for i in np.flatnonzero(rows).tolist():
        found = cache.get((i, city))
        if found is None:
            # field + type (1.4: repeats across a list, so the cached call is cheap; no place word of the
            # name is read as a subject), the whole name when the field is empty (国家农作物种质资源库)
            fld = recs.fields[i]
            text = recs.name_keys[i] if fld and fld != "国家" else recs.names[i]
            found = name_concepts(text or "", city) + discipline_concepts(recs.names[i], fld)
            if not city:  # 1.8: one host only
                found += observe_concepts(recs.names[i], fld, recs.types[i])
            cache[(i, city)] = found
        for c in found:
            ri.append(i)
            ci.append(names.setdefault(c, len(names)))
    data = np.ones(len(ri))
    return sp.csr_matrix((data, (ri, ci)), shape=(n, max(len(names), 1)))


def _with_concepts(recs: Records, x: sp.csr_matrix, rows: npt.NDArray[np.bool_], city: bool) -> sp.csr_matrix:
    """``x`` plus the concept columns of ``rows`` (``city``: the city thesaurus only)."""
    if not rows.any():
        return x
    return sp.hstack([x, concept_columns(recs, rows, city)], format="csr")


def _concept_rows(recs: Records, scheme: str, collections: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_] | None:
    """Which records get concept columns under a scheme: those sharing a host with a station / bank
    (``host_collection``), national platforms of a known city (``one_city``); None: the scheme has none."""
    if scheme == "host_collection":
        hosts = np.unique(recs.host[collections & (recs.host >= 0)])
        return np.isin(recs.host, hosts) & (recs.host >= 0)
    if scheme == "one_city":
        rec, _ = scheme_keys(recs, "one_city")
        rows = np.zeros(len(recs), np.bool_)
        rows[rec] = True
        return rows
    return None


def _probe(recs: Records, scheme: str, collections: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_] | None:
    if scheme == "unknown_host":
        return recs.host < 0
    if scheme in ("host_collection", "weak_link"):
        return collections
    if scheme == "co_host":
        return recs.has_cohost
    return None


def candidate_pairs(
    recs: Records, x: sp.csr_matrix, config: BlockingConfig | None = None
) -> tuple[I64, I64, dict[str, int]]:
    """Union of every scheme's pairs (i < j), and how many each scheme contributed (for the docs)."""
    config = config or BlockingConfig()
    n = len(recs)
    all_keys: list[I64] = []
    stats: dict[str, int] = {}
    collections = collection_rows(recs)
    for scheme in SCHEMES:
        if scheme == "host_collection":  # the host, and unplaced similar hosts (1.4)
            rec, key = host_collection_keys(recs)
        else:
            rec, key = scheme_keys(recs, scheme)
        probe = _probe(recs, scheme, collections)
        if probe is not None and not probe.any():
            stats[scheme] = 0
            continue
        with_concepts = _concept_rows(recs, scheme, collections)
        xs = x if with_concepts is None else _with_concepts(recs, x, with_concepts, scheme == "one_city")
        floor = 0.0 if scheme == "co_host" else config.threshold(scheme)
        i, j, sim = blocked_pairs(xs, rec, key, cap=config.cap, min_sim=floor, probe=probe)
        if scheme == "co_host":  # a station / bank on any shared term, else the scheme's minimum
            keep = (sim >= config.threshold(scheme)) | collections[i] | collections[j]
            i, j = i[keep], j[keep]
        stats[scheme] = len(i)
        all_keys.append(i * n + j)
    merged = np.unique(np.concatenate(all_keys)) if all_keys else np.zeros(0, np.int64)
    stats["candidates"] = len(merged)
    return merged // n, merged % n, stats
