// name: entity_node
// description: Any node by id, with its label (one index seek per label: labels cannot be parameters).
// params: id
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
RETURN labels(n)[0] AS label, properties(n) AS props
