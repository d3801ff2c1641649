// name: entity_evidence
// description: The evidence of a node: document, span or row, quote, rule and confidence.
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
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH n
MATCH (n)-[:EVIDENCED_BY]->(e:Evidence)
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d:Document)
RETURN e.id AS id, d.id AS document, d.title AS title, e.start AS start, e.end AS end, e.row AS row,
  e.quote AS quote, e.rule AS rule, e.confidence AS confidence
ORDER BY document, start, row
LIMIT $limit
