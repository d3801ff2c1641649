// name: entity_clusters_of
// description: GET /entities/{id}/clusters in one read: one row when the node exists (none when it does
// description: not), holding the lab clusters it belongs to as entity_clusters lists them — directly
// description: (MEMBER_OF / LEADS / DIRECTS) or through a platform an institution hosts or co-builds —
// description: ordered by cluster name, path, platform name; an empty list for a node in no cluster.
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
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH n
OPTIONAL MATCH (n)-[r:MEMBER_OF|LEADS|DIRECTS]->(c:LabCluster)
WITH n, collect(CASE WHEN c IS NULL THEN null ELSE {cluster_id: c.id, cluster_name: c.name, rel: type(r),
  role: r.role, path: 'direct', via_id: null, via_name: null} END) AS direct
OPTIONAL MATCH (n)-[h:HOSTS|CO_BUILDS]->(p:Platform)-[r:MEMBER_OF|LEADS]->(c:LabCluster)
WITH n, direct, collect(CASE WHEN c IS NULL THEN null ELSE {cluster_id: c.id, cluster_name: c.name, rel: type(r),
  role: r.role, path: CASE type(h) WHEN 'HOSTS' THEN 'hosted_platform' ELSE 'co_built_platform' END,
  via_id: p.id, via_name: p.name} END) AS through
UNWIND CASE WHEN size(direct) + size(through) = 0 THEN [null] ELSE direct + through END AS link
WITH n, link
ORDER BY link.cluster_name, link.path, link.via_name
RETURN n.id AS id, collect(link) AS clusters
