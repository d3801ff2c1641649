// name: platforms_fields
// description: A page of platforms with their field tokens and the chains/clusters they declare serving
// description: (non-inferred SERVES, directly or through a cluster PART_OF a chain): what the field →
// description: chain classifier reads. Pages are in id order.
// params: skip, limit
MATCH (p:Platform)
WHERE p.field_tokens IS NOT NULL
WITH p ORDER BY p.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (p)-[r:SERVES]->(s)
WHERE r.inferred IS NULL OR r.inferred = false
OPTIONAL MATCH (s)-[:PART_OF]->(sc:IndustrialChain)
RETURN p.id AS id, p.region AS region, p.field_tokens AS field_tokens, collect(DISTINCT s.id) + collect(DISTINCT sc.id) AS declared
ORDER BY id
