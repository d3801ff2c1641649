// name: clear_graph
// description: Delete every node and relationship (tests and `innokg` maintenance on Neo4j; the
// description: embedded store drops the whole graph instead).
MATCH (n)
DETACH DELETE n
