// name: export_nodes
// description: Every node with its label and properties, a page at a time (innokg export).
// params: skip, limit
MATCH (n)
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props
ORDER BY id
SKIP $skip LIMIT $limit
