// name: chain_coverage_declared
// description: Platforms declared to serve an industrial chain or cluster, directly or through a cluster
// description: PART_OF the chain: the inventory's industry column (a platform's own SERVES) or a lab
// description: cluster's 服务产业集群 column (the cluster SERVES it; its lead and member platforms, LEADS /
// description: MEMBER_OF, serve it with it). Grouped by type and level; `via` = inventory or the lab
// description: clusters. Inferred links (SERVES {inferred: true}) are not declared: see chain_coverage_inferred.
// params: id, per_group
CALL {
  MATCH (c:IndustrialChain {id: $id}) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster {id: $id}) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(x)<-[r:SERVES]-(p:Platform)
WHERE r.inferred IS NULL OR r.inferred = false
WITH c, [q IN collect(DISTINCT p) | {p: q, via: ['inventory']}] AS direct
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-(y)<-[:SERVES]-(l:LabCluster)<-[:MEMBER_OF|LEADS]-(q:Platform)
WITH direct, q, collect(DISTINCT l.name) AS via_clusters
WITH direct, collect(CASE WHEN q IS NULL THEN NULL ELSE {p: q, via: via_clusters} END) AS through
UNWIND direct + through AS d
WITH d.p AS p, collect(d.via) AS vias
WITH p, reduce(acc = [], v IN vias | acc + v) AS via
WITH p.type AS type, p.level AS level, collect({id: p.id, name: p.name, via: via}) AS platforms
RETURN type, level, size(platforms) AS count, platforms[0..$per_group] AS sample
ORDER BY count DESC, type, level
