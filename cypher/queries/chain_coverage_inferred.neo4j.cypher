// name: chain_coverage_inferred
// description: Platforms linked to a chain or industrial cluster only by the field classifier: the
// description: SERVES {inferred: true, score, terms} links materialised after ingest
// description: (app.services.chains.materialise_inferred; score = matched field tokens / field tokens,
// description: terms = the chain terms matched). Platforms declared to serve it are never inferred: the
// description: derive step skips the inventory's own SERVES, this query the lead and member platforms of a
// description: lab cluster that SERVES it (chain_coverage_declared counts those).
// description: Grouped by type and level; only the sample's properties are read (a chain can have thousands).
// description: Neo4j variant: the lab clusters' platforms are collected once and each linked platform is
// description: tested against that list, instead of a pattern test per linked platform (which expanded
// description: every relationship of each of them: 27k of the 60k db hits on a chain with 5,173 links at 1M
// description: platforms; docs/benchmarks/api.md, session 8). The same answers (test_parity).
// params: id, min_score, per_group
CALL {
  MATCH (c:IndustrialChain {id: $id}) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster {id: $id}) RETURN c
}
WITH c
OPTIONAL MATCH (c)<-[:PART_OF*0..1]-()<-[:SERVES]-(:LabCluster)<-[:MEMBER_OF|LEADS]-(q:Platform)
WITH c, collect(DISTINCT q) AS declared
MATCH (c)<-[r:SERVES]-(p:Platform)
WHERE r.inferred = true AND r.score >= $min_score AND NOT p IN declared
WITH p.type AS type, p.level AS level, collect([p, r]) AS links
RETURN type, level, size(links) AS count,
  [x IN links[0..$per_group] | {id: x[0].id, name: x[0].name, field: x[0].field, score: x[1].score, matched: x[1].terms}]
    AS sample
ORDER BY count DESC, type, level
