"""The dedup index: records + field vectors + policy rules, built once; detection and screening on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from app.derive.dedup import METHOD_VERSION
from app.derive.dedup.blocking import BlockingConfig, candidate_pairs, scheme_keys, unplaced_similar_hosts
from app.derive.dedup.features import (
    KIND_CODES,
    NATIONAL,
    Features,
    Side,
    Thresholds,
    compute,
    contributions,
    gather,
    reasons,
    score,
)
from app.derive.dedup.groups import connected_groups
from app.derive.dedup.kinds import classify
from app.derive.dedup.model import KINDS, Candidate, DuplicateReport, Pair, PlatformRef, Proposal
from app.derive.dedup.place import site_city, town_of
from app.derive.dedup.policy import PolicyIndex, province_name
from app.derive.dedup.records import Records, build_records, has_town, host_key, named_cobuilders
from app.derive.dedup.relations import parent_of
from app.derive.dedup.text import clean_field, field_of_name, name_key, terms, whole_word
from app.derive.dedup.vectors import FieldVectors, build_vectors, pair_cosine
from app.text.cells import simplified
from app.text.gazetteer import region_by_name
from app.text.taxonomy import by_name

I64 = npt.NDArray[np.int64]
_KIND_OF_CODE = {v: k for k, v in KIND_CODES.items()}


@dataclass
class Scored:
    """Detection output before it is shaped into the JSON contract."""

    i: I64
    j: I64
    kind: npt.NDArray[np.int32]
    score: npt.NDArray[np.float64]
    features: Features
    contribs: dict[str, npt.NDArray[np.float64]]
    stats: dict[str, int] = field(default_factory=dict)


@dataclass
class DedupIndex:
    recs: Records
    vectors: FieldVectors
    policy: PolicyIndex
    thresholds: Thresholds = field(default_factory=Thresholds)
    blocking: BlockingConfig = field(default_factory=BlockingConfig)
    _blocks: dict[str, dict[int, I64]] | None = None
    _host_links: dict[int, list[tuple[int, bool]]] | None = None

    @classmethod
    def build(
        cls,
        platform_rows: Iterable[Mapping[str, Any]],
        policy: PolicyIndex | None = None,
        thresholds: Thresholds | None = None,
    ) -> DedupIndex:
        recs = build_records(platform_rows)
        return cls(recs, build_vectors(recs.terms), policy or PolicyIndex(), thresholds or Thresholds())

    # ------------------------------------------------------------------ detection
    def score_pairs(self, i: I64, j: I64) -> Scored:
        sim = pair_cosine(self.vectors.matrix, i, j)
        feats = compute(gather(self.recs, i), gather(self.recs, j), sim, self.policy)
        contribs = contributions(feats)
        s = score(contribs)
        return Scored(i, j, classify(feats, s, self.thresholds), s, feats, contribs)

    def detect(self) -> Scored:
        """Every duplicate pair of the index (kind > 0), with features kept for explanation."""
        i, j, stats = candidate_pairs(self.recs, self.vectors.matrix, self.blocking)
        scored = self.score_pairs(i, j)
        keep = np.flatnonzero(scored.kind > 0)
        out = Scored(
            i[keep],
            j[keep],
            scored.kind[keep],
            scored.score[keep],
            _take(scored.features, keep),
            {k: v[keep] for k, v in scored.contribs.items()},
            {**stats, "reported": len(keep)},
        )
        return out

    def pair(self, sc: Scored, k: int) -> Pair:
        a, b = int(sc.i[k]), int(sc.j[k])
        kind = _KIND_OF_CODE[int(sc.kind[k])]
        rule = sc.features.rules.get(k)
        if rule is not None and not rule[1]:
            a, b = b, a  # legacy type first
        ta, tb = self.recs.types[a], self.recs.types[b]
        region = self.recs.regions[a] or self.recs.regions[b]
        basis, why = self.policy.grounded(kind, ta, tb, region, rule[0] if rule else None)
        return Pair(
            a=self.recs.ref(a),
            b=self.recs.ref(b),
            kind=kind,
            score=round(float(sc.score[k]), 4),
            reasons=reasons(sc.features, sc.contribs, k),
            policy_basis=basis,
            no_basis_reason=why,
        )

    def report(
        self,
        *,
        region: str | None = None,
        type_: str | None = None,
        kind: str | None = None,
        min_score: float | None = None,
        scored: Scored | None = None,
        city: str | None = None,
    ) -> DuplicateReport:
        sc = scored if scored is not None else self.detect()
        mask = np.ones(len(sc.i), np.bool_)
        if kind is not None:
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
            mask &= sc.kind == KIND_CODES[kind]
        if min_score is not None:
            mask &= sc.score >= min_score
        if region is not None:
            prov = province_name(region) or region
            code = self.recs.region_coder.get(prov)
            mask &= ((self.recs.region[sc.i] == code) | (self.recs.region[sc.j] == code)) & (code >= 0)
        if city is not None:
            ccode = self.recs.city_coder.get(city)  # -1: no platform in that city (never "no city")
            mask &= ((self.recs.city[sc.i] == ccode) | (self.recs.city[sc.j] == ccode)) & (ccode >= 0)
        if type_ is not None:
            spec = by_name().get(type_)
            code = self.recs.type_coder.get(spec.name if spec else type_)
            mask &= (self.recs.type[sc.i] == code) | (self.recs.type[sc.j] == code)
        sel = np.flatnonzero(mask)
        sel = sel[np.argsort(-sc.score[sel], kind="stable")]
        pairs = [self.pair(sc, int(k)) for k in sel]
        groups = connected_groups((p.a.id, p.b.id) for p in pairs)
        return DuplicateReport(method_version=METHOD_VERSION, pairs=pairs, groups=groups)

    # ------------------------------------------------------------------ screening
    def _block_index(self) -> dict[str, dict[int, I64]]:
        """key → record positions per scheme (built on first screening call)."""
        if self._blocks is None:
            r = self.recs
            n_types = max(len(r.type_coder.values), 1)
            blocks: dict[str, dict[int, I64]] = {}
            for scheme, keys in (
                ("host", r.host.astype(np.int64)),
                (
                    "region_type",
                    np.where((r.region >= 0) & (r.type >= 0), r.region.astype(np.int64) * n_types + r.type, -1),
                ),
            ):
                ok = np.flatnonzero((keys >= 0) & r.active)
                order = ok[np.argsort(keys[ok], kind="stable")]
                uniq, starts = np.unique(keys[order], return_index=True)
                ends = np.append(starts[1:], len(order))
                blocks[scheme] = {int(u): order[s:e] for u, s, e in zip(uniq, starts, ends, strict=True)}
            inst: dict[int, list[int]] = {}
            for i, ins in enumerate(r.insts):
                if r.active[i]:
                    for code in ins:
                        inst.setdefault(code, []).append(i)
            blocks["inst"] = {k: np.asarray(v, np.int64) for k, v in inst.items()}
            cohost: dict[int, list[int]] = {}  # 1.5: institution → platforms it hosts or co-hosts
            for i, co in enumerate(r.cohosts):
                if r.active[i]:
                    for code in co:
                        cohost.setdefault(code, []).append(i)
            blocks["cohost"] = {k: np.asarray(v, np.int64) for k, v in cohost.items()}
            blocks["parent"] = self._parent_block()
            blocks["one_city"] = self._one_city_block()
            self._blocks = blocks
        return self._blocks

    def _parent_block(self) -> dict[int, I64]:
        """Institutes of one academy in one province (the weak link of relations.py), keyed by
        ``_parent_key``."""
        r = self.recs
        out: dict[int, list[int]] = {}
        for i in np.flatnonzero(r.active).tolist():
            key = self._parent_key(r.hosts[i], r.regions[i])
            if key is not None:
                out.setdefault(key, []).append(i)
        return {k: np.asarray(v, np.int64) for k, v in out.items()}

    def _one_city_block(self) -> dict[int, I64]:
        """National platforms of one city (a 直辖市, or the hosts' city: place.py), keyed by town code
        (the 1.3 municipality link, 1.4 any city)."""
        rec, key = scheme_keys(self.recs, "one_city")
        keep = self.recs.active[rec]
        rec, key = rec[keep], key[keep]
        return {int(k): rec[key == k] for k in np.unique(key).tolist()}

    def _cohost_parts(
        self,
        blocks: dict[str, dict[int, I64]],
        host_code: int,
        hk: str | None,
        cohosts: tuple[int, ...],
        province: str | None,
    ) -> list[I64]:
        """1.5, what detection blocks beside the host: the platforms co-hosted by the proposal's host or
        by one of its co-hosts (``co_host``), and — for a proposal without a region — the platforms of
        hosts containing its host's name or contained in it (an institute and its academy: detection's
        ``host_collection`` block for an unplaced host)."""
        r = self.recs
        out: list[I64] = []
        own = r.inst_coder.get(hk)
        for code in {*cohosts, own} - {-1}:
            if (b := blocks["cohost"].get(code)) is not None:
                out.append(b)
            if code != own and (b := blocks["inst"].get(code)) is not None:  # what a co-host hosts
                out.append(b)
        if host_code < 0:
            return out
        for other, other_unplaced in self._unplaced_links().get(host_code, []):
            b = blocks["host"].get(other)
            if b is None:
                continue
            if province is None:  # the proposal is the unplaced side: its academy's platforms
                out.append(b)
            elif other_unplaced:  # the other host's platforms listed without a region
                out.append(b[r.region[b] < 0])
        return out

    def _unplaced_links(self) -> dict[int, list[tuple[int, bool]]]:
        """host code → (similar host code, that host is the one listed without a region), from
        ``blocking.unplaced_similar_hosts``."""
        if self._host_links is None:
            links: dict[int, list[tuple[int, bool]]] = {}
            for a, b in unplaced_similar_hosts(self.recs):
                links.setdefault(a, []).append((b, False))
                links.setdefault(b, []).append((a, True))
            self._host_links = links
        return self._host_links

    def _parent_key(self, host: str | None, province: str | None) -> int | None:
        parent = parent_of(host)
        return None if parent is None else hash((parent, province))

    def screen(self, proposal: Proposal, *, limit: int = 20, exclude: str | None = None) -> list[Candidate]:
        """Existing platforms the proposal would duplicate, best first, each explained."""
        r = self.recs
        region_obj = region_by_name(proposal.region) if proposal.region else None
        province = province_name(proposal.region)
        city = region_obj.name if region_obj is not None and region_obj.level == "city" else None
        fld, parsed_type = field_of_name(proposal.name)
        fld = whole_word(proposal.field or fld, proposal.name)
        spec = by_name().get(proposal.type or "") or by_name().get(parsed_type or "")
        type_name = spec.name if spec else None
        host = proposal.host
        hk = host_key(host)
        host_code = r.host_coder.get(hk)
        inst_codes = [c for c in (r.inst_coder.get(host_key(x)) for x in [host, *proposal.co_builders]) if c >= 0]
        host_inst = r.inst_coder.get(hk)
        named = [*proposal.co_hosts, *named_cobuilders(proposal.name)]
        co_keys = [k for k in map(host_key, named) if k and k != hk]
        co_codes = [c for c in map(r.inst_coder.get, co_keys) if c >= 0]
        own = [host_inst] if host_inst >= 0 else []
        cohost_codes = tuple(dict.fromkeys([*own, *co_codes])) if co_codes else ()
        blocks = self._block_index()
        parts: list[I64] = []
        if host_code >= 0 and (b := blocks["host"].get(host_code)) is not None:
            parts.append(b)
        for code in inst_codes:
            if (b := blocks["inst"].get(code)) is not None:
                parts.append(b)
        parts.extend(self._cohost_parts(blocks, host_code, hk, cohost_codes, province))
        pkey = self._parent_key(host, province)
        if pkey is not None and (b := blocks["parent"].get(pkey)) is not None:
            parts.append(b)
        region_code, type_code = r.region_coder.get(province), r.type_coder.get(type_name)
        site = site_city(proposal.name, clean_field(fld), type_name)
        placed = has_town(proposal.level, proposal.name, type_name)  # 1.8: and a national programme's station
        town_host = host if proposal.level == NATIONAL else None  # 1.8: a station's city is not its host's
        town_code = r.town_coder.get(town_of(town_host, proposal.region, city, site))
        if placed and (b := blocks["one_city"].get(town_code)) is not None:
            parts.append(b)
        if region_code >= 0 and type_code >= 0:
            key = region_code * max(len(r.type_coder.values), 1) + type_code
            if (b := blocks["region_type"].get(key)) is not None:
                parts.append(b)
        if not parts:
            return []
        cand = np.unique(np.concatenate(parts))
        if exclude is not None and exclude in r.index:
            cand = cand[cand != r.index[exclude]]
        if len(cand) == 0:
            return []
        qv, _ = self.vectors.vector(terms(fld))
        sim = np.asarray((self.vectors.matrix[cand] @ qv.T).todense()).ravel()
        n = len(cand)
        fam = spec.family if spec else None
        level = proposal.level
        q = Side(
            host=np.full(n, host_code if host_code >= 0 else (-2 if hk else -1), np.int32),
            city=np.full(n, r.city_coder.get(city) if city else -1, np.int32),
            town=np.full(n, town_code if placed else -1, np.int32),
            region=np.full(n, region_code, np.int32),
            type=np.full(n, type_code if type_code >= 0 else -2, np.int32),
            family=np.full(n, r.family_coder.get(fam) if fam else -1, np.int32),
            level=np.full(n, r.level_coder.get(level) if level else -1, np.int32),
            year=np.zeros(n, np.int32),
            active=np.ones(n, np.bool_),
            insts=[tuple(inst_codes)] * n,
            name_keys=[name_key(proposal.name, fld, type_name)] * n,
            names=[proposal.name] * n,
            fields=[clean_field(fld)] * n,
            types=[type_name] * n,
            families=[fam] * n,
            hosts=[host] * n,
            regions=[province] * n,
            trad=np.full(n, simplified(proposal.name) != proposal.name, np.bool_),
            national=np.full(n, level == NATIONAL, np.bool_),
            host_inst=np.full(n, host_inst, np.int32),
            cohosts=[cohost_codes] * n,
            has_cohost=np.full(n, bool(cohost_codes), np.bool_),
        )
        feats = compute(q, gather(r, cand), sim, self.policy)
        contribs = contributions(feats)
        s = score(contribs)
        kinds = classify(feats, s, self.thresholds)
        order = [k for k in np.argsort(-s, kind="stable").tolist() if kinds[k] > 0][:limit]
        out: list[Candidate] = []
        for k in order:
            kind = _KIND_OF_CODE[int(kinds[k])]
            rule = feats.rules.get(k)
            other = int(cand[k])
            basis, why = self.policy.grounded(
                kind, type_name, r.types[other], province or r.regions[other], rule[0] if rule else None
            )
            out.append(
                Candidate(
                    platform=r.ref(other),
                    kind=kind,
                    score=round(float(s[k]), 4),
                    reasons=reasons(feats, contribs, k),
                    policy_basis=basis,
                    no_basis_reason=why,
                )
            )
        return out

    def duplicates_of(self, platform_id: str, *, limit: int = 50) -> list[Candidate] | None:
        """A platform already in the graph, screened against all the others (None: no such platform)."""
        i = self.recs.index.get(platform_id)
        if i is None:
            return None
        r = self.recs
        return self.screen(
            Proposal(
                name=r.names[i],
                type=r.types[i],
                host=r.hosts[i],
                region=r.cities[i] or r.regions[i],
                field=r.fields[i] or None,
                level=r.levels[i],
                co_builders=[r.inst_coder.values[c] for c in r.insts[i] if c != r.inst_coder.get(host_key(r.hosts[i]))],
                co_hosts=[r.inst_coder.values[c] for c in r.cohosts[i] if c != r.host_inst[i]],
            ),
            limit=limit,
            exclude=platform_id,
        )


def _take(f: Features, keep: I64) -> Features:
    pos = {int(k): n for n, k in enumerate(keep.tolist())}
    return Features(
        f.field_sim[keep],
        f.name_sim[keep],
        f.host_rel[keep],
        f.shared_inst[keep],
        f.type_rel[keep],
        f.level_rel[keep],
        f.city_rel[keep],
        f.active[keep],
        f.year_gap[keep],
        f.municipal[keep],
        f.one_city[keep],
        f.national[keep],
        f.co_host[keep],
        f.rel.take(keep),
        {pos[k]: v for k, v in f.rules.items() if k in pos},
    )


def refs(index: DedupIndex, ids: Iterable[str]) -> list[PlatformRef]:
    return [index.recs.ref(index.recs.index[x]) for x in ids if x in index.recs.index]


__all__ = ["DedupIndex", "Scored", "clean_field"]
