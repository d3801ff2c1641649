"""Child process for fault tests and bench/fault_kill.py: ingest DIR into GRAPH of the embedded store
at PATH (MERGE path, in this process), printing one line per file so the parent can kill it mid-load."""

from __future__ import annotations

import sys
from pathlib import Path

from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths


def main(path: str, graph: str, data: str) -> int:
    store = FalkorStore(path, graph=graph)
    report = ingest_paths(store, [Path(data)], workers=0, bulk=False, on_file=lambda f: print(f.path, flush=True))
    print("DONE", len(report.files), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
