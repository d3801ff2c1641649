// name: chain_coverage_declared
// description: Platforms that declare serving an industrial chain or cluster (inventory industry
// description: column), directly or through a cluster PART_OF the chain, grouped by type and level.
// description: Inferred links (SERVES {inferred: true}) are not declared: see chain_coverage_inferred.
// params: id, per_group
CALL {
  MATCH (c:IndustrialChain {id: $id}) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster {id: $id}) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
MATCH (c)<-[:PART_OF*0..1]-(x)<-[r:SERVES]-(p:Platform)
WHERE r.inferred IS NULL OR r.inferred = false
WITH DISTINCT p
WITH p.type AS type, p.level AS level, collect(p) AS platforms
RETURN type, level, size(platforms) AS count, [x IN platforms[0..$per_group] | {id: x.id, name: x.name}] AS sample
ORDER BY count DESC, type, level
