// name: network_edges
// description: The institution–platform–cluster network as an edge list (notebooks, export): who
// description: hosts/co-builds which platform, and which platform/institution belongs to or leads which
// description: lab cluster, with both ends' labels and names.
// params:
CALL {
  MATCH (a:Institution)-[r:HOSTS|CO_BUILDS]->(b:Platform) RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:MEMBER_OF|LEADS]->(b:LabCluster) WHERE NOT a:Person RETURN a, r, b
}
RETURN a.id AS source, labels(a)[0] AS source_label, a.name AS source_name, a.kind AS source_kind,
  b.id AS target, labels(b)[0] AS target_label, b.name AS target_name, type(r) AS type, r.role AS role
ORDER BY source, target, type
