// name: chain_coverage_inferred
// description: Platforms linked to a chain only by the field classifier: the jieba tokens of their field
// description: phrase (field_tokens) that are chain terms. score = matched tokens / field tokens; platforms
// description: that declare serving the chain (or one of its clusters) are left out. Grouped by type, level.
// params: id, terms, min_score, per_group
UNWIND $terms AS t
MATCH (p:Platform)
WHERE t IN p.search_terms AND t IN p.field_tokens
WITH p, collect(DISTINCT t) AS matched
WITH p, matched, toFloat(size(matched)) / size(p.field_tokens) AS score
WHERE score >= $min_score
OPTIONAL MATCH (p)-[:SERVES]->(s)
OPTIONAL MATCH (s)-[:PART_OF]->(sc:IndustrialChain)
WITH p, matched, score, collect(s.id) + collect(sc.id) AS declared
WHERE NOT $id IN declared
WITH p.type AS type, p.level AS level,
  collect({id: p.id, name: p.name, field: p.field, score: score, matched: matched}) AS platforms
RETURN type, level, size(platforms) AS count, platforms[0..$per_group] AS sample
ORDER BY count DESC, type, level
