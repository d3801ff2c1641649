// name: cluster_overlap
// description: Members two lab clusters share: directly (the same member in both), or an institution
// description: whose hosted/co-built platforms sit in both (`path` = via_platforms).
// params: a, b
CALL {
  MATCH (ca:LabCluster {id: $a})<-[ra:MEMBER_OF|LEADS]-(m)-[rb:MEMBER_OF|LEADS]->(cb:LabCluster {id: $b})
  RETURN m, 'direct' AS path, collect(DISTINCT ra.role) AS roles_a, collect(DISTINCT rb.role) AS roles_b
  UNION ALL
  MATCH (ca:LabCluster {id: $a})<-[:MEMBER_OF|LEADS]-(pa:Platform)<-[:HOSTS|CO_BUILDS]-(m:Institution)
  MATCH (m)-[:HOSTS|CO_BUILDS]->(pb:Platform)-[:MEMBER_OF|LEADS]->(cb:LabCluster {id: $b})
  WHERE pa <> pb
  RETURN m, 'via_platforms' AS path, collect(DISTINCT pa.name) AS roles_a, collect(DISTINCT pb.name) AS roles_b
}
RETURN m.id AS id, labels(m)[0] AS label, m.name AS name, path, roles_a, roles_b
ORDER BY path, name
