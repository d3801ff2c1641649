"""Errors shared by every ingestion pipeline (policy texts, inventories)."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file, where (code-point offset or row, when known) and why.

    One bad file never stops a batch: pipelines collect these per file and carry on.
    """

    def __init__(self, path: Path | str, offset: int | None, reason: str) -> None:
        self.path = Path(path)
        self.offset = offset
        self.reason = reason
        where = f" at {offset}" if offset is not None else ""
        super().__init__(f"{self.path}{where}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str]]:
        # Rebuilt from its three parts (the default would call __init__ with the message alone): outcomes
        # cross processes (a bulk run is folded in a child).
        return (InputError, (str(self.path), self.offset, self.reason))

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "offset": self.offset, "reason": self.reason}
