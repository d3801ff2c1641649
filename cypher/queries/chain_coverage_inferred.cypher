// name: chain_coverage_inferred
// description: Platforms linked to a chain or industrial cluster only by the field classifier: the
// description: SERVES {inferred: true, score, terms} links materialised after ingest
// description: (app.services.chains.materialise_inferred; score = matched field tokens / field tokens,
// description: terms = the chain terms matched). Platforms declared to serve it are never inferred: the
// description: derive step skips the inventory's own SERVES, this query the lead and member platforms of a
// description: lab cluster that SERVES it (chain_coverage_declared counts those).
// description: Grouped by type and level; only the sample's properties are read (a chain can have thousands).
// params: id, min_score, per_group
CALL {
  MATCH (c:IndustrialChain {id: $id}) RETURN c
  UNION ALL
  MATCH (c:IndustrialCluster {id: $id}) RETURN c
}
// FalkorDB 4.16: a MATCH right after CALL {} ignores the returned variable; WITH rebinds it.
WITH c
MATCH (c)<-[r:SERVES]-(p:Platform)
WHERE r.inferred = true AND r.score >= $min_score
  AND NOT (p)-[:MEMBER_OF|LEADS]->(:LabCluster)-[:SERVES]->()-[:PART_OF*0..1]->(c)
WITH p.type AS type, p.level AS level, collect([p, r]) AS links
RETURN type, level, size(links) AS count,
  [x IN links[0..$per_group] | {id: x[0].id, name: x[0].name, field: x[0].field, score: x[1].score, matched: x[1].terms}]
    AS sample
ORDER BY count DESC, type, level
