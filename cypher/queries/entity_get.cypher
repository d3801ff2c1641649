// name: entity_get
// description: Any node by id in one read (GET /entities/{id}): its label and properties, its relationships
// description: (both directions, evidence links excluded; the first $limit by type, direction, neighbour
// description: name) and its evidence (the first $evidence_limit by document, start, row). The same answers
// description: as entity_node + entity_neighbours + entity_evidence, in one round trip instead of three
// description: (docs/benchmarks/api.md, session 8).
// params: id, limit, evidence_limit
CALL {
  MATCH (n:Document {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Agency {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Region {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Category {id: $id}) RETURN n
  UNION ALL
  MATCH (n:PlatformType {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Platform {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Institution {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Person {id: $id}) RETURN n
  UNION ALL
  MATCH (n:LabCluster {id: $id}) RETURN n
  UNION ALL
  MATCH (n:IndustrialCluster {id: $id}) RETURN n
  UNION ALL
  MATCH (n:IndustrialChain {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Industry {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Zone {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Programme {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Target {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Evidence {id: $id}) RETURN n
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH n
OPTIONAL MATCH (n)-[r]-(m)
WHERE NOT type(r) IN ['EVIDENCED_BY', 'FROM_DOCUMENT']
WITH n, r, m, type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
  coalesce(m.name, m.title) AS name
ORDER BY type, direction, name
LIMIT $limit
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {type: type, direction: direction, id: m.id,
  label: labels(m)[0], name: name, props: properties(r)} END) AS neighbours
OPTIONAL MATCH (n)-[:EVIDENCED_BY]->(e:Evidence)
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d:Document)
WITH n, neighbours, e, d
ORDER BY d.id, e.start, e.row
LIMIT $evidence_limit
WITH n, neighbours, collect(CASE WHEN e IS NULL THEN null ELSE {id: e.id, document: d.id, title: d.title,
  start: e.start, end: e.end, row: e.row, quote: e.quote, rule: e.rule, confidence: e.confidence} END) AS evidence
RETURN labels(n)[0] AS label, properties(n) AS props, neighbours, evidence
