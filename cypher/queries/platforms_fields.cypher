// name: platforms_fields
// description: The platforms whose internal id is in [lo, hi) with their field tokens and the chains/clusters
// description: they declare serving (non-inferred SERVES, directly or through a cluster PART_OF a chain):
// description: what the field → chain classifier reads, one internal-id range at a time (spans from
// description: platforms_id_span). Internal ids, not p.id ranges: FalkorDB 4.16's index range scan on
// description: strings returned 60,377 platforms for [plat:, plat:01) instead of 3,798 (1M graph).
// params: lo, hi
MATCH (p:Platform)
WHERE id(p) >= $lo AND id(p) < $hi AND p.field_tokens IS NOT NULL
OPTIONAL MATCH (p)-[r:SERVES]->(s)
WHERE r.inferred IS NULL OR r.inferred = false
OPTIONAL MATCH (s)-[:PART_OF]->(sc:IndustrialChain)
RETURN p.id AS id, p.region AS region, p.field_tokens AS field_tokens, collect(DISTINCT s.id) + collect(DISTINCT sc.id) AS declared
ORDER BY id
