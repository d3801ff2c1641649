// name: search_entities
// description: Entities whose search_text holds every query bigram and trigram, ranked: exact name,
// description: short form or alias, then prefix, then substring, then field/alias matches; shorter names
// description: first (Neo4j variant: the full-text index search_<label> of each label, whitespace
// description: analyser over search_text, is asked for the nodes holding ALL the terms, at most $cap
// description: candidates per label, as FalkorDB's per-label indexes are; exact names are always
// description: candidates (name index). $terms come from app.services.search.query_terms(q).
// params: terms, q, kinds, cap, skip, limit
CALL {
  UNWIND CASE WHEN $kinds IS NULL OR 'Document' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_document', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Document' AS kind
  UNION ALL
  MATCH (n:Document {name: $q}) WHERE $kinds IS NULL OR 'Document' IN $kinds
  RETURN n, 'Document' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Agency' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_agency', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Agency' AS kind
  UNION ALL
  MATCH (n:Agency {name: $q}) WHERE $kinds IS NULL OR 'Agency' IN $kinds
  RETURN n, 'Agency' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Platform' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_platform', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Platform' AS kind
  UNION ALL
  MATCH (n:Platform {name: $q}) WHERE $kinds IS NULL OR 'Platform' IN $kinds
  RETURN n, 'Platform' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Institution' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_institution', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Institution' AS kind
  UNION ALL
  MATCH (n:Institution {name: $q}) WHERE $kinds IS NULL OR 'Institution' IN $kinds
  RETURN n, 'Institution' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Person' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_person', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Person' AS kind
  UNION ALL
  MATCH (n:Person {name: $q}) WHERE $kinds IS NULL OR 'Person' IN $kinds
  RETURN n, 'Person' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'LabCluster' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_labcluster', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'LabCluster' AS kind
  UNION ALL
  MATCH (n:LabCluster {name: $q}) WHERE $kinds IS NULL OR 'LabCluster' IN $kinds
  RETURN n, 'LabCluster' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'IndustrialCluster' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_industrialcluster', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'IndustrialCluster' AS kind
  UNION ALL
  MATCH (n:IndustrialCluster {name: $q}) WHERE $kinds IS NULL OR 'IndustrialCluster' IN $kinds
  RETURN n, 'IndustrialCluster' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'IndustrialChain' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_industrialchain', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'IndustrialChain' AS kind
  UNION ALL
  MATCH (n:IndustrialChain {name: $q}) WHERE $kinds IS NULL OR 'IndustrialChain' IN $kinds
  RETURN n, 'IndustrialChain' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Industry' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_industry', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Industry' AS kind
  UNION ALL
  MATCH (n:Industry {name: $q}) WHERE $kinds IS NULL OR 'Industry' IN $kinds
  RETURN n, 'Industry' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Zone' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_zone', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Zone' AS kind
  UNION ALL
  MATCH (n:Zone {name: $q}) WHERE $kinds IS NULL OR 'Zone' IN $kinds
  RETURN n, 'Zone' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Programme' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.index.fulltext.queryNodes('search_programme', reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, 'Programme' AS kind
  UNION ALL
  MATCH (n:Programme {name: $q}) WHERE $kinds IS NULL OR 'Programme' IN $kinds
  RETURN n, 'Programme' AS kind
}
WITH DISTINCT n, kind
WITH n, kind, coalesce(n.name, n.title, n.id) AS name
WITH n, kind, name,
  CASE
    WHEN name = $q OR n.short = $q OR $q IN coalesce(n.aliases, []) THEN 100.0
    WHEN name STARTS WITH $q THEN 60.0
    WHEN name CONTAINS $q THEN 40.0
    ELSE 10.0
  END - size(name) / 100.0 AS score
ORDER BY score DESC, name
WITH collect([n, kind, name, score]) AS hits
RETURN size(hits) AS total,
  [h IN hits[$skip..$skip + $limit] | {id: h[0].id, kind: h[1], name: h[2], score: h[3], snippet: h[0].field}] AS items
