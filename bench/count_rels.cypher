// name: count_rels
// description: Relationships in the graph (bench_load.py's edge count).
MATCH ()-[r]->()
RETURN count(r) AS n
