"""Locate, check and count the spans of a hand-labelled gold file of the seeds_gold.json shape.

Generic: it holds no text and no labels. Each document is read from `<source root>/<file>`; the source
root is `$INNOKG_SHARED/corpus/real` when INNOKG_SHARED is set, else the gold file's `source_root`
(default `../shared/corpus/real`) taken relative to the repository root, or to the main checkout when
the repository is a git worktree. Every annotated string is found with `str.find` over
`Path.read_text(encoding="utf-8")`:

- `surface` -> `surface_span` + `n_occurrences`; `quote` -> `quote_span`; a cited document's `title` /
  `number` -> `title_span` / `number_span`; a target's `number` is looked up inside its quote.
- the document's `title`, `main_document_title`, `doc_number` -> `*_span`.
- hints: `occ` (0-based) picks the occ-th occurrence, `anchor` (a longer string around the surface) picks
  the occurrence inside the first occurrence of the anchor; anchors are dropped from the output.
- spans already present are kept when they still match, else recomputed; every span is asserted.
- `counts_per_doc` / `counts_total` are recomputed with the keys seeds_gold.json uses.

Run: python data/gold/gold_spans.py data/gold/real_test_gold.json [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
_SPAN_OF = {"surface": "surface_span", "quote": "quote_span", "title": "title_span"}
_DOC_STRINGS = ("title", "main_document_title", "doc_number")


def _main_checkout(repo: Path) -> Path | None:
    dot_git = repo / ".git"
    if not dot_git.is_file():  # a worktree's .git is a file: "gitdir: <main>/.git/worktrees/<name>"
        return None
    gitdir = Path(dot_git.read_text(encoding="utf-8").split(":", 1)[1].strip())
    return gitdir.parents[2] if gitdir.parent.name == "worktrees" else None


def source_root(gold: dict[str, Any], repo: Path = REPO) -> Path:
    env = os.environ.get("INNOKG_SHARED")
    rel = gold.get("source_root", "../shared/corpus/real")
    if env:
        candidates = [Path(env) / "corpus" / "real"]
    else:
        main = _main_checkout(repo)
        candidates = [repo / rel] + ([main / rel] if main is not None else [])
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    raise FileNotFoundError(f"no source root among {[str(c) for c in candidates]}; set INNOKG_SHARED")


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


def _place(text: str, item: dict[str, Any], key: str, span_key: str) -> None:
    s = item[key]
    old = item.get(span_key)
    if not (old and text[old[0] : old[1]] == s):
        i = find(text, s, int(item.get("occ", 0)) if key != "title" else 0, item.get("anchor"))
        item[span_key] = [i, i + len(s)]
    if key == "surface":
        item["n_occurrences"] = text.count(s)


def fill_item(text: str, item: dict[str, Any]) -> None:
    for key, span_key in _SPAN_OF.items():
        if isinstance(item.get(key), str) and item[key]:
            _place(text, item, key, span_key)
    num = item.get("number")
    if isinstance(num, str) and num:
        q = item.get("quote_span")
        within = (int(q[0]), int(q[1])) if q else None
        i = find(text, num, 0 if within else int(item.get("number_occ", 0)), None, within)
        item["number_span"] = [i, i + len(num)]
    item.pop("anchor", None)


def fill_doc(text: str, doc: dict[str, Any]) -> None:
    doc["n_chars"] = len(text)
    for key in _DOC_STRINGS:
        if doc.get(key):
            i = find(text, doc[key], int(doc.get(key + "_occ", 0)))
            doc[key + "_span"] = [i, i + len(doc[key])]
    for value in list(doc.values()):
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for it in items:
            if isinstance(it, dict):
                fill_item(text, it)


def verify(text: str, doc: dict[str, Any]) -> int:
    """Assert every *_span equals its string; returns the number of spans checked."""
    n = 0
    for key in _DOC_STRINGS:
        sp = doc.get(key + "_span")
        if sp:
            assert text[sp[0] : sp[1]] == doc[key], (doc["doc_id"], key)
            n += 1
    for value in doc.values():
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for it in items:
            if not isinstance(it, dict):
                continue
            for key in ("surface", "quote", "title", "number"):
                sp = it.get(key + "_span")
                if sp:
                    got = text[sp[0] : sp[1]]
                    assert got == it[key], (doc["doc_id"], key, it[key], got)
                    n += 1
    return n


def _count_targets(c: Counter[str], targets: list[dict[str, Any]]) -> None:
    if not targets:
        return
    c["numeric_target_mention"] = len(targets)
    c["numeric_target_unique"] = sum(1 for t in targets if t.get("duplicate_of") is None)
    for t in targets:
        if t.get("duplicate_of") is None:
            c[f"target_kind={t['kind']}"] += 1


def count_doc(doc: dict[str, Any]) -> dict[str, int]:
    c: Counter[str] = Counter()
    c["doc_number"] = 1 if doc.get("doc_number") else 0
    c["issuing_agency"] = len(doc.get("issuing_agencies") or [])
    c["date"] = len(doc.get("dates") or [])
    cited = doc.get("cited_documents") or []
    c["cited_document"] = len(cited)
    c["cited_document_number"] = sum(1 for x in cited if x.get("number"))
    c["taxonomy_type(core)"] = len(doc.get("taxonomy") or [])
    c["platform_type_mentioned(non-core)"] = len(doc.get("platform_types_mentioned") or [])
    trans = doc.get("transitions") or []
    c["transition"] = len(trans)
    core = {"merge", "convert", "stop_new", "revoke", "restructure"}
    c["transition(core: merge/convert/stop_new/revoke/restructure)"] = sum(1 for t in trans if t["kind"] in core)
    _count_targets(c, doc.get("targets") or [])
    c["other_quantity"] = len(doc.get("other_quantities") or [])
    ents = doc.get("named_entities") or []
    c["named_entity"] = len(ents)
    for e in ents:
        c[f"named_entity:{e['kind']}"] += 1
    c["agency_mentioned"] = len(doc.get("agencies_mentioned") or [])
    c["industry/chain/cluster"] = len(doc.get("industries") or [])
    return {k: v for k, v in c.items() if v}


def recount(gold: dict[str, Any]) -> None:
    per = {d["doc_id"]: count_doc(d) for d in gold["documents"]}
    total: Counter[str] = Counter()
    for counts in per.values():
        total.update(counts)
    gold["counts_total"] = dict(sorted(total.items()))
    gold["counts_per_doc"] = per


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--check", action="store_true", help="only verify the spans; do not rewrite the file")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    root = source_root(gold)
    n = 0
    for doc in gold["documents"]:
        text = (root / doc["file"]).read_text(encoding="utf-8")
        if not args.check:
            fill_doc(text, doc)
        assert doc.get("n_chars") == len(text), (doc["doc_id"], "n_chars")
        n += verify(text, doc)
    if not args.check:
        recount(gold)
        args.gold.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.gold}: {len(gold['documents'])} documents, {n} spans match ({root})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
