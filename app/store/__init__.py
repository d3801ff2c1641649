"""Layer 3 — the store: the GraphStore protocol (protocol.py), the factory (factory.py), named queries and the
MERGE loader; one folder per engine (falkordb/, neo4j/) holds everything engine-specific."""
