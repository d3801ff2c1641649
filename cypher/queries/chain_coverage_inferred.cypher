// name: chain_coverage_inferred
// description: Platforms linked to a chain or industrial cluster only by the field classifier: the
// description: SERVES {inferred: true, score, terms} links materialised after ingest
// description: (app.services.chains.materialise_inferred; score = matched field tokens / field tokens,
// description: terms = the chain terms matched). Platforms that declare serving it are never inferred.
// description: Grouped by type and level.
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
WITH p.type AS type, p.level AS level,
  collect({id: p.id, name: p.name, field: p.field, score: r.score, matched: r.terms}) AS platforms
RETURN type, level, size(platforms) AS count, platforms[0..$per_group] AS sample
ORDER BY count DESC, type, level
