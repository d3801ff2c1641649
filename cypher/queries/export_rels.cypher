// name: export_rels
// description: Every relationship with its endpoints' ids, type and properties, a page at a time.
// params: skip, limit
MATCH (a)-[r]->(b)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
ORDER BY source, target, type
SKIP $skip LIMIT $limit
