// name: network_reach
// description: The institution–lab-cluster–industry projection of the network (notebook 1's centralities):
// description: an institution is tied to each lab cluster it belongs to or leads, directly or through a
// description: platform it hosts or co-builds, and to each industrial chain or cluster such a platform serves
// description: (declared or inferred); a lab cluster to the chains and clusters it serves. Platforms are
// description: folded into the ties: weight = how many distinct platforms (+ a direct membership) make the tie.
// params:
CALL {
  MATCH (a:Institution)-[:HOSTS|CO_BUILDS]->(p:Platform)-[:MEMBER_OF|LEADS|SERVES]->(b)
  RETURN a, b, count(DISTINCT p) AS n
  UNION ALL
  MATCH (a:Institution)-[r:MEMBER_OF|LEADS]->(b:LabCluster)
  RETURN a, b, count(r) AS n
  UNION ALL
  MATCH (a:LabCluster)-[r:SERVES]->(b)
  RETURN a, b, count(r) AS n
}
// FalkorDB 4.16: rows of CALL {} are grouped by its variables again only after WITH rebinds them.
WITH a, b, n
WITH a, b, toInteger(sum(n)) AS weight
RETURN a.id AS source, labels(a)[0] AS source_label, a.name AS source_name, a.kind AS source_kind,
  b.id AS target, labels(b)[0] AS target_label, b.name AS target_name, weight
ORDER BY source, target
