"""The policy pipeline: read → normalise → extract → resolve, one ExtractedDocument per file."""

from __future__ import annotations

import re
from pathlib import Path

from app.model.errors import InputError
from app.text.normalise import footer_start, normalise
from ingest.policy import clusters
from ingest.policy import extract as ex
from ingest.policy.extract.model_filter import filter_document
from ingest.policy.models import DateItem, DocNumber, ExtractedDocument
from ingest.policy.read import RawDocument, read_document


def _traditional(raw: str, text: str, sample: int = 4000) -> bool:
    """As app.text.normalise.is_traditional, from the conversion already done: > 3 % of the CJK
    characters of the first `sample` changed."""
    cjk = changed = 0
    for a, b in zip(raw[:sample], text[:sample], strict=True):
        if "\u4e00" <= a <= "\u9fff":
            cjk += 1
            changed += a != b
    return cjk > 0 and changed / cjk > 0.03


def extract_text(raw: RawDocument) -> ExtractedDocument:
    text = normalise(raw.raw_text)
    doc = ex.Doc(text=text, raw=raw.raw_text, body_end=footer_start(text))
    title, main_title = ex.find_title(doc)
    own, cited_nums = ex.find_doc_numbers(doc, title)
    dates = ex.find_dates(doc)
    doc.region = ex.doc_region(doc, title)
    doc.year = _doc_year(own, dates)
    entities = ex.find_entities(doc)
    named = [e.span for e in entities if e.kind in {"platform", "institution", "zone"}]
    out = ExtractedDocument(
        doc_id=raw.doc_id,
        path=raw.path,
        sha256=raw.sha256,
        n_chars=len(raw.raw_text),
        raw_text=raw.raw_text,
        script="zh-Hant" if _traditional(raw.raw_text, text) else "zh-Hans",
        region=doc.region.name if doc.region else None,
        region_code=doc.region.code if doc.region else None,
        year=doc.year,
        title=title,
        doc_numbers=own,
        dates=dates,
        agencies=ex.find_agencies(doc, title),
        cited_documents=ex.find_cited(doc, title, main_title, cited_nums),
        platform_types=ex.find_platform_types(doc, named),
        transitions=ex.find_transitions(doc),
        targets=ex.find_targets(doc),
        entities=entities,
        industries=ex.find_industries(doc),
        cluster_roles=ex.find_cluster_roles(doc),
        cluster_relations=clusters.find_cluster_relations(doc),
        cluster_members=clusters.find_cluster_members(doc),
    )
    # The statistical filters over the grammar's output (issue #21; INNOKG_EXTRACT_MODEL=0 turns them off).
    filter_document(out, text)
    return out


def _doc_year(own: list[DocNumber], dates: list[DateItem]) -> int | None:
    for n in own:
        m = re.search(r"(?:19|20)\d{2}", n.text)
        if m:
            return int(m.group(0))
    sig = [d for d in dates if d.role == "signature"] or dates
    return int(sig[0].iso[:4]) if sig else None


def extract_file(path: Path) -> ExtractedDocument:
    """Extract one file; raises InputError (file, offset, reason) for bad input."""
    return extract_text(read_document(Path(path)))


def extract_paths(paths: list[Path]) -> tuple[list[ExtractedDocument], list[InputError]]:
    """Extract many files; a bad file is reported and the others still go through."""
    docs: list[ExtractedDocument] = []
    errors: list[InputError] = []
    for p in paths:
        try:
            docs.append(extract_file(Path(p)))
        except InputError as err:
            errors.append(err)
    return docs, errors
