"""The engine-neutral fold of a bulk run: rows packed by the workers, folded in memory by the parent."""
