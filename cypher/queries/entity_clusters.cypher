// name: entity_clusters
// description: The lab clusters a platform, institution or person belongs to: directly (MEMBER_OF /
// description: LEADS / DIRECTS), or through a platform an institution hosts or co-builds; `path` says which.
// params: id
CALL {
  MATCH (x:Platform {id: $id})-[r:MEMBER_OF|LEADS]->(c:LabCluster)
  RETURN c, type(r) AS rel, r.role AS role, 'direct' AS path, null AS via_id, null AS via_name
  UNION ALL
  MATCH (x:Institution {id: $id})-[r:MEMBER_OF|LEADS]->(c:LabCluster)
  RETURN c, type(r) AS rel, r.role AS role, 'direct' AS path, null AS via_id, null AS via_name
  UNION ALL
  MATCH (x:Person {id: $id})-[r:MEMBER_OF|DIRECTS]->(c:LabCluster)
  RETURN c, type(r) AS rel, r.role AS role, 'direct' AS path, null AS via_id, null AS via_name
  UNION ALL
  MATCH (x:Institution {id: $id})-[h:HOSTS|CO_BUILDS]->(p:Platform)-[r:MEMBER_OF|LEADS]->(c:LabCluster)
  RETURN c, type(r) AS rel, r.role AS role,
    CASE type(h) WHEN 'HOSTS' THEN 'hosted_platform' ELSE 'co_built_platform' END AS path,
    p.id AS via_id, p.name AS via_name
}
RETURN c.id AS cluster_id, c.name AS cluster_name, rel, role, path, via_id, via_name
ORDER BY cluster_name, path, via_name
