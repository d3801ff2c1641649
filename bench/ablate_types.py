"""What each platform-type rule alone contributes (issue #21, round x-types12).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  .venv/bin/python bench/ablate_types.py            # table over every tuning split
  .venv/bin/python bench/ablate_types.py --items    # and the scored (type, level) units each rule alone moves

Every tuning document (seeds, constructed, dev, dev2a … dev7; never test, holdout or dev8) is extracted once with
all rules, then once per rule with that rule switched off (its function or pattern replaced by the neutral one:
a refusal that never refuses, an adder that adds nothing). A rule's own contribution is what the scorer's
platform-type counts lose without it, per document: true units (gold types matched) and false ones (predicted
types the gold does not hold). A refusal's contribution is negative in FP (false kinds it prevents) and may be
negative in TP (true kinds it hides). The broad-head rules are x-types11's audit and are not repeated here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.policy.eval import REPO_ROOT, SPLITS, _gold_sets, _pred_sets, gold_paths, type_hit
from ingest.policy.extract import broad_types as bt
from ingest.policy.extract import kind_hits as kh
from ingest.policy.extract import open_types as ot
from ingest.policy.extract import platform_types as pt
from ingest.policy.pipeline import extract_paths

TUNING = ("seeds", "constructed", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7")
_NEVER = re.compile(r"(?!)")
_ALWAYS = re.compile(r"")


def _false(*_a: Any, **_k: Any) -> bool:
    return False


def _true(*_a: Any, **_k: Any) -> bool:
    return True


def _none(*_a: Any, **_k: Any) -> None:
    return None


def _empty(*_a: Any, **_k: Any) -> list[Any]:
    return []


# rule → (module, attribute, neutral replacement)
SWITCHES: dict[str, tuple[Any, str, Any]] = {
    "pt._name_tail (bare kind glued to a name)": (pt, "_name_tail", _false),
    "pt._PROJECT (…示范项目)": (pt, "_PROJECT", _NEVER),
    "pt._state_designated (国家 + kind in a name)": (pt, "_state_designated", _false),
    "pt._ungraded_head (facility head of a name)": (pt, "_ungraded_head", _false),
    "pt.in_name_list (name list → no level)": (pt, "in_name_list", _false),
    "pt.head_level (level of a named unit's head)": (pt, "head_level", _none),
    "pt.designation_as_kind (entity-flag kinds)": (pt, "designation_as_kind", _false),
    "pt.entity-flag refusal (off: all entity kinds)": (pt, "designation_as_kind", _true),
    "pt._actor_designation (off: refusal on places too)": (pt, "_actor_designation", _true),
    "pt._bare_labs (listed bare 实验室)": (pt, "_bare_labs", _empty),
    "pt.bracket_kinds (both bracket readings)": (pt, "bracket_kinds", _empty),
    "pt.quoted_twins": (pt, "quoted_twins", _empty),
    "pt.level_twins (国家和省级 X)": (pt, "level_twins", _empty),
    "pt._list_levels (level over a counted list)": (pt, "_list_levels", lambda _d: {}),
    "pt._project_list (…等项目)": (pt, "_project_list", _false),
    "pt._branch_of (place after a known kind)": (pt, "_branch_of", _false),
    "pt._class_of_kinds (等 + class word)": (pt, "_class_of_kinds", _false),
    "bt.levelled_clusters (国家级…集群)": (bt, "levelled_clusters", _empty),
    "bt.place_kinds": (bt, "place_kinds", _empty),
    "bt.ellipsis_hits (shared head)": (bt, "ellipsis_hits", _empty),
    "bt._class_members (list members of a class)": (bt, "_class_members", _empty),
    "bt._social (social-service refusal)": (bt, "_social", _false),
    "bt._financing (finance refusal)": (bt, "_financing", _false),
    "bt._DATA_CENTRE refusal": (bt, "_DATA_CENTRE", _NEVER),
    "bt._short_region_name (region-named lab head)": (bt, "_short_region_name", _false),
    "bt.item_without_place": (bt, "item_without_place", lambda x: x),
    "kh._OWNER (owner class stripped)": (kh, "_OWNER", _NEVER),
    "kh._field_owner (field firms' kind)": (kh, "_field_owner", lambda x: x),
    "kh._without_field (field inside a kind)": (kh, "_without_field", lambda k: (k, ot.UNMAPPED)),
    "ot._UMBRELLA_MOD refusal": (ot, "_UMBRELLA_MOD", _NEVER),
    "ot._ENTERPRISE_MOD refusal": (ot, "_ENTERPRISE_MOD", _ALWAYS),
}

Counts = dict[tuple[str, str], tuple[set[Any], set[Any]]]  # (split, doc) → (true units, false units)


@contextmanager
def switched_off(module: Any, attr: str, value: Any) -> Iterator[None]:
    old = getattr(module, attr)
    setattr(module, attr, value)
    try:
        yield
    finally:
        setattr(module, attr, old)


def score(kind: str = "platform_types", hit: Callable[[Any, set[Any]], bool] = type_hit) -> Counts:
    """(split, doc) → (gold units of ``kind`` the extractor finds, units it predicts the gold lacks) over the
    tuning documents; ``hit`` is the scorer's match (a type matches at any level the gold leaves open)."""
    out: Counts = {}
    for split in TUNING:
        for g in SPLITS[split]:
            path = REPO_ROOT / g
            golds = {d["doc_id"]: _gold_sets(d)[kind] for d in json.loads(path.read_text())["documents"]}
            docs, errors = extract_paths(gold_paths(path))
            if errors:
                raise SystemExit(f"{g}: {errors}")
            for d in docs:
                gold, pred = golds.get(d.doc_id, set()), _pred_sets(d)[kind]
                tp = {x for x in gold if hit(x, pred)}
                fp = {x for x in pred if not hit(x, gold)}
                out[(split, d.doc_id)] = (tp, fp)
    return out


def diff(base: Counts, off: Counts) -> tuple[int, int, set[str], set[str], dict[str, list[str]]]:
    tp = fp = 0
    docs: set[str] = set()
    splits: set[str] = set()
    items: dict[str, list[str]] = {}
    for key, (btp, bfp) in base.items():
        otp, ofp = off[key]
        if btp == otp and bfp == ofp:
            continue
        docs.add(key[1])
        splits.add(key[0])
        tp += len(btp) - len(otp)
        fp += len(bfp) - len(ofp)
        items[key[1]] = (
            [f"+{x}" for x in sorted(map(str, btp - otp))]
            + [f"(hid +{x})" for x in sorted(map(str, otp - btp))]
            + [f"-{x}" for x in sorted(map(str, bfp - ofp))]
            + [f"(prevents -{x})" for x in sorted(map(str, ofp - bfp))]
        )
    return tp, fp, docs, splits, items


def main(run: Callable[[], Counts] = score, switches: dict[str, tuple[Any, str, Any]] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", action="store_true", help="list the units each rule alone moves, per document")
    args = ap.parse_args()
    base = run()
    print("| rule | documents | splits | TP | FP | net |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (module, attr, value) in (SWITCHES if switches is None else switches).items():
        with switched_off(module, attr, value):
            off = run()
        tp, fp, docs, splits, items = diff(base, off)
        print(f"| {name} | {len(docs)} | {len(splits)} | {tp:+d} | {fp:+d} | {tp - fp:+d} |", flush=True)
        if args.items:
            for doc_id, xs in items.items():
                print(f"    {doc_id}: {' '.join(xs)}", flush=True)


if __name__ == "__main__":
    main()
