// name: platforms_fields
// description: The platforms whose id is in [lo, hi) with their field tokens and the chains/clusters they
// description: declare serving (non-inferred SERVES, directly or through a cluster PART_OF a chain): what
// description: the field → chain classifier reads, one id range at a time (an index range scan: no sort of
// description: every platform per page, app.graph.schema.id_ranges).
// params: lo, hi
MATCH (p:Platform)
WHERE p.id >= $lo AND p.id < $hi AND p.field_tokens IS NOT NULL
OPTIONAL MATCH (p)-[r:SERVES]->(s)
WHERE r.inferred IS NULL OR r.inferred = false
OPTIONAL MATCH (s)-[:PART_OF]->(sc:IndustrialChain)
RETURN p.id AS id, p.region AS region, p.field_tokens AS field_tokens, collect(DISTINCT s.id) + collect(DISTINCT sc.id) AS declared
ORDER BY id
