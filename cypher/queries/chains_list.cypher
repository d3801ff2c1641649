// name: chains_list
// description: Industrial chains and industrial clusters with the platforms and lab clusters that
// description: declare serving them (directly, or a cluster through the chain it is PART_OF); few or
// description: none = a gap. Inferred (field-classifier) coverage is per chain: chain_coverage_inferred.
// params: max_platforms
CALL {
  MATCH (c:IndustrialChain) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(x)<-[:SERVES]-(p:Platform)
WITH c, count(DISTINCT p) AS platforms
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(y)<-[:SERVES]-(l:LabCluster)
WITH c, platforms, count(DISTINCT l) AS lab_clusters
OPTIONAL MATCH (c)-[:PART_OF]->(parent:IndustrialChain)
RETURN c.id AS id, labels(c)[0] AS label, c.name AS name, c.region AS region, parent.id AS chain_id,
  platforms, lab_clusters, ($max_platforms IS NOT NULL AND platforms <= $max_platforms) AS gap
ORDER BY platforms, name
