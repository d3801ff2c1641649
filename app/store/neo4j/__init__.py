"""Neo4j 5 through the official driver."""
