// name: entity_neighbours
// description: A node's relationships (both directions, evidence links excluded) with the neighbour's
// description: id, label and name, and the relationship's properties; at most $limit rows per call.
// params: id, limit
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
MATCH (n)-[r]-(m)
WHERE NOT type(r) IN ['EVIDENCED_BY', 'FROM_DOCUMENT']
RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
  m.id AS id, labels(m)[0] AS label, coalesce(m.name, m.title) AS name, properties(r) AS props
ORDER BY type, direction, name
LIMIT $limit
