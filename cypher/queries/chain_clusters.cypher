// name: chain_clusters
// description: Lab clusters serving an industrial chain or cluster, directly or through a cluster
// description: PART_OF the chain.
// params: id
CALL {
  MATCH (c:IndustrialChain {id: $id}) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster {id: $id}) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
MATCH (c)<-[:PART_OF*0..1]-(x)<-[:SERVES]-(l:LabCluster)
RETURN DISTINCT l.id AS id, l.name AS name, x.name AS via
ORDER BY name
