// name: chain_coverage_inferred
// description: Platforms linked to a chain or industrial cluster only by the field classifier: the
// description: SERVES {inferred: true, score, terms} links materialised after ingest
// description: (app.services.chains.materialise_inferred; score = matched field tokens / field tokens,
// description: terms = the chain terms matched). Platforms that declare serving it are never inferred.
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
WITH p.type AS type, p.level AS level, collect([p, r]) AS links
RETURN type, level, size(links) AS count,
  [x IN links[0..$per_group] | {id: x[0].id, name: x[0].name, field: x[0].field, score: x[1].score, matched: x[1].terms}]
    AS sample
ORDER BY count DESC, type, level
