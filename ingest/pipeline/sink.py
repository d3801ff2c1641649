"""The one loop of a run: each prepared file written as it comes, lab-cluster lists last.

Where a file goes is a ``Sink``: the store through MERGE statements (ingest.pipeline.merge) or a
store's in-memory bulk run (ingest.pipeline.bulk). Lab-cluster lists are built after every other file
was written: their members are resolved against the nodes the sink holds by then.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from app.model.schema import Label
from ingest.pipeline.prepare import Prepared, Preparer, resolver
from ingest.pipeline.report import FileOutcome

if TYPE_CHECKING:
    from ingest.inventory.to_graph import MemberStats


class Sink(Protocol):
    @property
    def preparer(self) -> Preparer:
        """How this sink wants batches prepared (a lab-cluster list's batches are prepared here)."""
        ...

    def lookup(self, label: Label, ids: list[str]) -> set[str]:
        """Which of these node ids were written so far (lab-cluster member resolution)."""
        ...

    def write(self, i: int, prep: Prepared) -> FileOutcome | None:
        """Write the ``i``-th file of the run; None when the sink leaves it for later (its own business)."""
        ...


def write_files(stream: Iterable[tuple[int, Prepared]], sink: Sink, finish: Callable[[int, FileOutcome], None]) -> None:
    """Write each prepared file of ``stream`` (index in the run, file) into ``sink``; ``finish`` gets each
    outcome as its file is done (lab-cluster lists come last)."""
    lists: list[tuple[int, Prepared]] = []
    for i, prep in stream:
        if prep.is_list:
            lists.append((i, prep))
        else:
            _write(sink, i, prep, finish)
    for i, prep in lists:
        _write(sink, i, prep, finish, build_list(prep, sink))


def _write(
    sink: Sink, i: int, prep: Prepared, finish: Callable[[int, FileOutcome], None], members: MemberStats | None = None
) -> None:
    outcome = sink.write(i, prep)
    if outcome is None:
        return
    if members is not None:
        outcome.members_existing, outcome.members_new = members.existing, members.new
    finish(i, outcome)


def build_list(prep: Prepared, sink: Sink) -> MemberStats:
    """Build a lab-cluster list's batches, its members resolved against what ``sink`` holds."""
    from ingest.inventory.to_graph import MemberStats, to_batches

    assert prep.deferred is not None
    t = time.process_time()
    stats = MemberStats()
    batches = to_batches(prep.deferred, resolver=resolver(), lookup=sink.lookup, members=stats)
    prep.batches = [sink.preparer(b) for b in batches]
    prep.times.build += time.process_time() - t
    return stats
