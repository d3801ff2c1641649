"""Layer 6 — the innokg command line and the Cypher console."""
