"""Layer 1 — the graph model: labels, relationship types, keys (schema), the batches stages pass on, input errors."""
