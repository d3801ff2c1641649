// name: warm_rel
// description: Warm start on a paged engine (Neo4j): read every relationship of one type with its properties
// description: (the page cache then holds them); how many.
MATCH ()-[r:{rel}]->()
RETURN count(properties(r)) AS n
