"""What a run reports: seconds per stage, one outcome per file (its summary line), the run's files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.errors import InputError
from app.store.loader import LoadResult

if TYPE_CHECKING:
    from app.derive.chains import InferenceReport


@dataclass
class StageTimes:
    """Seconds per stage, summed over files (read/build: CPU seconds in whichever process ran them;
    write: wall seconds this process spent sending statements and waiting for the engine)."""

    read: float = 0.0
    build: float = 0.0  # resolve + GraphBatches + prepare (merge, clean, encode)
    write: float = 0.0
    wait: float = 0.0  # wall seconds this process waited for a worker's file
    send: float = 0.0  # bulk path: wall seconds of GRAPH.BULK + schema (also counted in write)
    derive: float = 0.0  # wall seconds of the derive step after the load (inferred chain links)
    # bulk path: CPU seconds of the process that folded and sent the run (this one or its child) and of
    # the pool workers it ran (the child's are not this process's RUSAGE_CHILDREN until it ends)
    fold_cpu: float = 0.0
    pool_cpu: float = 0.0

    def add(self, other: StageTimes) -> None:
        self.read += other.read
        self.build += other.build
        self.write += other.write
        self.wait += other.wait


def new_existing(nodes: dict[str, int], created: dict[str, int]) -> str:
    """``Label new/existing, …`` from nodes touched and nodes created per label."""
    return ", ".join(f"{k} {created.get(k, 0)}/{v - created.get(k, 0)}" for k, v in sorted(nodes.items()))


@dataclass
class FileOutcome:
    path: Path
    kind: str
    result: LoadResult | None = None
    error: InputError | None = None
    rows_read: int = 0
    rejects: list[dict[str, object]] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    members_existing: int = 0  # lab-cluster members / leads found in the store
    members_new: int = 0  # lab-cluster members / leads created by this list

    @property
    def rows_loaded(self) -> int:
        return self.rows_read if self.error is None else 0

    def reject_counts(self) -> dict[str, int]:
        """Rejects by reason (dropped rows and ignored cells alike)."""
        return dict(Counter(str(r.get("reason", "?")).split(":")[0] for r in self.rejects))

    def summary(self) -> str:
        """The per-file summary line: rows read / loaded / rejected by reason, new vs existing entities."""
        if self.error is not None:
            return f"error     {self.kind:9} {self.path}  {self.error.reason}"
        r = self.result
        assert r is not None
        dropped = sum(1 for x in self.rejects if x.get("dropped", True))
        line = f"{r.status:9} {self.kind:9} {self.path}  rows read={self.rows_read} loaded={self.rows_read}"
        line += f" rejected={dropped}"
        if self.rejects:
            line += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.reject_counts().items())) + ")"
        if r.status != "unchanged":
            new, old = sum(r.created.values()), sum(r.existing.values())
            line += f" entities new={new} existing={old}"
            line += f" [{new_existing(r.nodes, r.created)} new/existing]"
            line += f" rels={sum(r.rels.values())} evidence={r.evidence}"
        if self.members_existing or self.members_new:
            line += f" members existing={self.members_existing} new={self.members_new}"
        if r.dropped_rels:
            line += f" dropped_rels={r.dropped_rels}"
        return line


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    derived: InferenceReport | None = None  # when the derive step ran

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error is not None]
