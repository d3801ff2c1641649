// name: chains_terms
// description: Every industrial chain and industrial cluster with its name, region and policy terms: the input
// description: of the field → chain classifier that materialises inferred SERVES links after ingest.
// params:
CALL {
  MATCH (c:IndustrialChain) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster) RETURN c
}
RETURN c.id AS id, labels(c)[0] AS label, c.name AS name, c.terms AS terms, c.region AS region
ORDER BY id
