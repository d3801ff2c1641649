"""FalkorDB, the embedded engine: server process, store, GRAPH.BULK path."""
