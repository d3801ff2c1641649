"""Policy-text ingestion: read → normalise → match/segment → extract → resolve → GraphBatch."""
