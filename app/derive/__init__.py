"""Layer 4 (beside ingest) — facts derived from the graph: duplicate construction, inferred chain links."""
