// name: chains_list
// description: Industrial chains and industrial clusters with the platforms and lab clusters declared to
// description: serve them (directly, or a cluster through the chain it is PART_OF). A platform is declared
// description: by the inventory's industry column (its own SERVES) or by a lab cluster's 服务产业集群 column
// description: (it LEADS or is a MEMBER_OF a lab cluster that SERVES the chain). `inferred` = platforms linked
// description: only by the field classifier (SERVES {inferred: true}, materialised after ingest), declared ones
// description: not counted again; details per chain: chain_coverage_declared / chain_coverage_inferred.
// description: few or none (declared + inferred <= max_platforms) = a gap.
// params: max_platforms
CALL {
  MATCH (c:IndustrialChain) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(x)<-[r:SERVES]-(p:Platform)
WHERE r.inferred IS NULL OR r.inferred = false
WITH c, collect(DISTINCT p.id) AS direct
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(y)<-[:SERVES]-(l:LabCluster)
OPTIONAL MATCH (l)<-[:MEMBER_OF|LEADS]-(q:Platform)
WITH c, direct, count(DISTINCT l) AS lab_clusters, collect(DISTINCT q.id) AS through
WITH c, lab_clusters, size(direct) + size([x IN through WHERE NOT x IN direct]) AS platforms
OPTIONAL MATCH (c)<-[ri:SERVES]-(pi:Platform)
WHERE ri.inferred = true AND NOT (pi)-[:MEMBER_OF|LEADS]->(:LabCluster)-[:SERVES]->()-[:PART_OF*0..1]->(c)
WITH c, platforms, lab_clusters, count(DISTINCT pi) AS inferred
OPTIONAL MATCH (c)-[:PART_OF]->(parent:IndustrialChain)
RETURN c.id AS id, labels(c)[0] AS label, c.name AS name, c.region AS region, parent.id AS chain_id,
  platforms, inferred, lab_clusters,
  ($max_platforms IS NOT NULL AND platforms + inferred <= $max_platforms) AS gap
ORDER BY platforms + inferred, name
