"""One made-up text through the whole extractor: the helper the rule tests share (title line + body)."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument

REPORT = "2030年某省政府工作报告"  # a work report: the genre several rules read differently
REGULATION = "某省科学技术条例"


def extract_raw(text: str) -> ExtractedDocument:
    """A whole text, its title line included."""
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def extract(body: str, title: str = REPORT) -> ExtractedDocument:
    return extract_raw(title + "\n" + body)


def entity_kinds(body: str, title: str = REPORT) -> dict[str, str]:
    """Each named entity found, with its kind."""
    return {e.name: e.kind for e in extract(body, title).entities}
