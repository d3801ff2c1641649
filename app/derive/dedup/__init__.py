"""Duplicate-construction detection (重复建设): blocking, explained pairwise scores, policy basis.

Stages (each a small module): ``records`` (graph rows → columnar records), ``text`` (field phrase →
weighted terms), ``vectors`` (TF-IDF rows), ``blocking`` (candidate pairs, never all pairs),
``features`` (pairwise features, contributions, score, kind), ``policy`` (transition rules and clauses
from the graph), ``groups`` (connected groups), ``engine`` (the index that ties them together).
"""

from __future__ import annotations

# Bump on any change to features, weights, thresholds or blocking: every output carries it.
METHOD_VERSION = "dedup-1.9.0"
