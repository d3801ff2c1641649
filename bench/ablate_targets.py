"""What each numeric-target rule alone contributes (issue #21, round x-targets4).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  .venv/bin/python bench/ablate_targets.py            # table over every tuning split
  .venv/bin/python bench/ablate_targets.py --items    # and the scored (count, type, year) units each rule moves

Every tuning document (seeds, constructed, dev, dev2a … dev7; never test, holdout or dev8) is extracted once with
all rules, then once per rule of `ingest/policy/extract/targets.py` with that rule switched off (a refusal that
never refuses, an adder that adds nothing). A rule's contribution is what the scorer's target sets lose without
it, per document: true units (gold targets matched) and false ones (predicted targets the gold does not hold). A
refusal's contribution is negative in FP (false counts it prevents) and, if it is wrong, in TP (true counts it
hides). The project keeps a rule that moves units in at least three documents of two splits, rightly more often
than wrongly (the tuning rounds' discipline). The kind of a count (total, increment…) is not scored and not here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ablate_types
from ablate_types import _NEVER, Counts, _false, _none, _true

from ingest.policy.extract import targets as tg

# rule → (attribute of targets.py, neutral replacement)
SWITCHES: dict[str, tuple[str, Any]] = {
    "_RANKING (进入…前50强)": ("_RANKING", _NEVER),
    "_PROJECTS_AFTER (…等11个重点项目)": ("_PROJECTS_AFTER", _NEVER),
    "_PLACES_AFTER_UNIT (16个州全覆盖)": ("_PLACES_AFTER_UNIT", _NEVER),
    "_PLACE_AFTER (…冠军县5个)": ("_PLACE_AFTER", _NEVER),
    "_PROMOTED (入选 / 晋升为 Y counts Y)": ("_PROMOTED", _NEVER),
    "_GROUP_AFTER (…等服务载体)": ("_GROUP_AFTER", _NEVER),
    "_SIZE_CLASS (规上 / 上市 / 上云)": ("_SIZE_CLASS", _NEVER),
    "_INFRASTRUCTURE (数据中心)": ("_INFRASTRUCTURE", _NEVER),
    "_CARRIERS (产教 / 托育 / 学校)": ("_CARRIERS", _NEVER),
    "_NOUN_END (a clause's own thing)": ("_NOUN_END", _NEVER),
    "_MEMBERS (成员 / 入驻 / 引进)": ("_MEMBERS", _NEVER),
    "_FIRM_AFTER (…平台公司)": ("_FIRM_AFTER", _NEVER),
    "_in_coinage (“三个全覆盖”)": ("_in_coinage", _false),
    "_own_noun (the subject's head)": ("_own_noun", _false),
    "_right_before (户 only right after)": ("_right_before", _true),
    "_respective (分别 / 均)": ("_respective", lambda *_a: {}),
    "_type_further (kind past the 、)": ("_type_further", _none),
    "_abbreviated (以下简称 short form)": ("_abbreviated", _none),
    "_paragraph_year (a leading 到YYYY年)": ("_paragraph_year", _none),
}


def score() -> Counts:
    """(split, doc) → (gold targets matched, predicted targets the gold lacks) over the tuning documents."""
    return ablate_types.score("targets", lambda unit, units: unit in units)


if __name__ == "__main__":
    ablate_types.main(score, {name: (tg, attr, value) for name, (attr, value) in SWITCHES.items()})
