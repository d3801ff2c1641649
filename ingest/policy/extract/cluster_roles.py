"""Lab-cluster roles (群主任, 牵头单位 …) named in a lab-cluster guideline."""

from __future__ import annotations

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.models import ClusterRole


def find_cluster_roles(doc: Doc) -> list[ClusterRole]:
    """The roles of the lexicon, in a text that speaks of lab clusters (实验室群 at least three times)."""
    text = doc.text[: doc.body_end]
    if text.count("实验室群") < 3:
        return []
    return [
        ClusterRole(span=(s, e), text=doc.q(s, e), role=str(r), rule="cluster_role.dict")
        for s, e, _w, r in lx.longest_matches(lx.role_automaton(), text)
    ]
