// name: export_nodes
// description: Every node with its label and properties, a page at a time (innokg export).
// description: Not the coverage summaries (CoverageSummary, app.derive.coverage): bookkeeping, not facts.
// params: skip, limit
MATCH (n)
WHERE NOT n:CoverageSummary
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props
ORDER BY id
SKIP $skip LIMIT $limit
