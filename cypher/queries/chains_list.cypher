// name: chains_list
// description: Industrial chains and industrial clusters with the platforms and lab clusters that
// description: declare serving them (directly, or a cluster through the chain it is PART_OF); few or
// description: none (declared + inferred) = a gap. `inferred` = platforms linked only by the field classifier (SERVES
// description: {inferred: true}, materialised after ingest); details per chain: chain_coverage_inferred.
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
WITH c, count(DISTINCT p) AS platforms
OPTIONAL MATCH (c)<-[ri:SERVES]-(pi:Platform)
WHERE ri.inferred = true
WITH c, platforms, count(DISTINCT pi) AS inferred
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(y)<-[:SERVES]-(l:LabCluster)
WITH c, platforms, inferred, count(DISTINCT l) AS lab_clusters
OPTIONAL MATCH (c)-[:PART_OF]->(parent:IndustrialChain)
RETURN c.id AS id, labels(c)[0] AS label, c.name AS name, c.region AS region, parent.id AS chain_id,
  platforms, inferred, lab_clusters,
  ($max_platforms IS NOT NULL AND platforms + inferred <= $max_platforms) AS gap
ORDER BY platforms + inferred, name
