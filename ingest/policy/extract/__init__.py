"""Stage 4: rules over the normalised text (same offsets as the raw text).

Each function takes the `Doc` context and returns typed items; rule ids name the rule that fired so
that evidence says why a fact was extracted. Confidence: 1.0 for dictionary + strict pattern, lower
for names proposed from a pattern that no dictionary knows.

One module per kind: meta (title, numbers, dates, region, cited documents), agencies, typehits and
platform_types, entities (names helped by names / lexical / regions), transitions, targets, industries.
"""

from __future__ import annotations

from ingest.policy.extract.agencies import find_agencies
from ingest.policy.extract.cluster_roles import find_cluster_roles
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.entities import find_entities
from ingest.policy.extract.industries import find_industries
from ingest.policy.extract.meta import doc_region, find_cited, find_dates, find_doc_numbers, find_title
from ingest.policy.extract.platform_types import find_platform_types
from ingest.policy.extract.regions import region_before
from ingest.policy.extract.targets import find_targets
from ingest.policy.extract.transitions import find_transitions
from ingest.policy.extract.typehits import TypeHit, find_types

__all__ = [
    "Doc",
    "TypeHit",
    "doc_region",
    "find_agencies",
    "find_cited",
    "find_cluster_roles",
    "find_dates",
    "find_doc_numbers",
    "find_entities",
    "find_industries",
    "find_platform_types",
    "find_targets",
    "find_title",
    "find_transitions",
    "find_types",
    "region_before",
]
