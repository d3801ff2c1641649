"""Ingest orchestration: files → extract/read → to_graph → load (MERGE or bulk) → derive."""
