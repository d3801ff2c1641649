"""Fill and check the spans of a hand-written gold file of the seeds_gold.json shape.

Generic: it holds no text. For each document it reads the file (`<source_root>/<file>`, source_root taken
relative to the repository root (else the first folder above it holding shared/corpus/real, as from a
git worktree), or from the INNOKG_SHARED environment variable as `$INNOKG_SHARED/corpus/real`)
and, for every annotated string, finds its occurrence with `str.find`:

- `surface` → `surface_span` + `n_occurrences`; `quote` → `quote_span`; cited `title` / `number` →
  `title_span` / `number_span`; a target's `number` is looked up inside its quote (→ `number_span`);
  the document's `title`, `main_document_title`, `doc_number` → `*_span`.
- `occ` (0-based) picks the occ-th occurrence; `anchor` (a longer string containing the surface) picks the
  occurrence inside the first occurrence of the anchor (anchors are dropped from the output).
- Existing spans are kept if they still match, else recomputed; every span is asserted against the text.

Run: python data/gold/locate_spans.py data/gold/real_dev_gold.json [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
_SPAN_OF = {"surface": "surface_span", "quote": "quote_span", "title": "title_span"}


def source_root(gold: dict[str, Any]) -> Path:
    env = os.environ.get("INNOKG_SHARED")
    if env:
        return Path(env) / "corpus" / "real"
    rel = gold.get("source_root", "../shared/corpus/real")
    first = (REPO / rel).resolve()
    if first.is_dir():
        return first
    # a git worktree (/work/wt/<name>) sits one level deeper than the main checkout: look further up
    tail = Path(rel.replace("../", "", 1)) if rel.startswith("../") else Path(rel)
    for up in REPO.parents:
        if (up / tail).is_dir():
            return up / tail
    return first


def find(text: str, s: str, occ: int = 0, anchor: str | None = None, within: tuple[int, int] | None = None) -> int:
    lo, hi = within or (0, len(text))
    if anchor:
        a = text.find(anchor, lo, hi)
        if a < 0:
            raise ValueError(f"anchor not in text: {anchor!r}")
        lo, hi = a, a + len(anchor)
    i = lo - 1
    for _ in range(occ + 1):
        i = text.find(s, i + 1, hi)
        if i < 0:
            raise ValueError(f"not in text (occ {occ}): {s!r}")
    return i


def _place(text: str, item: dict[str, Any], key: str, span_key: str, check: bool) -> None:
    s = item[key]
    old = item.get(span_key)
    if old and text[old[0] : old[1]] == s:
        span = old
    elif check:
        raise ValueError(f"span mismatch for {s!r}: {old}")
    else:
        i = find(text, s, int(item.get("occ", 0)), item.get("anchor"))
        span = [i, i + len(s)]
    item[span_key] = span
    if key == "surface":
        item["n_occurrences"] = text.count(s)


def fill_item(text: str, item: dict[str, Any], check: bool = False) -> None:
    for key, span_key in _SPAN_OF.items():
        if isinstance(item.get(key), str) and item.get(key):
            _place(text, item, key, span_key, check)
    num = item.get("number")
    if isinstance(num, str) and num:
        if "quote_span" in item:
            q0, q1 = item["quote_span"]
            i = find(text, num, 0, None, (q0, q1))
        else:
            i = find(text, num, int(item.get("number_occ", 0)))
        item["number_span"] = [i, i + len(num)]
    item.pop("anchor", None)


def fill_doc(text: str, doc: dict[str, Any], check: bool = False) -> None:
    doc["n_chars"] = len(text)
    for key in ("title", "main_document_title", "doc_number"):
        if doc.get(key):
            i = find(text, doc[key], int(doc.get(key + "_occ", 0)))
            doc[key + "_span"] = [i, i + len(doc[key])]
    for value in doc.values():
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for it in items:
            if isinstance(it, dict):
                fill_item(text, it, check)
    verify(text, doc)


def verify(text: str, doc: dict[str, Any]) -> int:
    """Assert every *_span equals its string; returns the number of spans checked."""
    n = 0
    pairs = [
        ("title", "title_span"),
        ("main_document_title", "main_document_title_span"),
        ("doc_number", "doc_number_span"),
    ]
    for key, sk in pairs:
        if doc.get(sk):
            assert text[doc[sk][0] : doc[sk][1]] == doc[key], (doc["doc_id"], key)
            n += 1
    for value in doc.values():
        for it in value if isinstance(value, list) else []:
            if not isinstance(it, dict):
                continue
            for key in ("surface", "quote", "title", "number"):
                sk = key + "_span"
                if it.get(sk):
                    got = text[it[sk][0] : it[sk][1]]
                    assert got == it[key], (doc["doc_id"], key, it[key], got)
                    n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--check", action="store_true", help="only verify existing spans; do not rewrite")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    root = source_root(gold)
    n = 0
    for doc in gold["documents"]:
        text = (root / doc["file"]).read_text(encoding="utf-8")
        if args.check:
            n += verify(text, doc)
        else:
            fill_doc(text, doc)
            n += verify(text, doc)
    if not args.check:
        args.gold.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.gold}: {len(gold['documents'])} documents, {n} spans match", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
