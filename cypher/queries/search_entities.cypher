// name: search_entities
// description: Entities whose search_text holds every query bigram and trigram (the full-text index of
// description: each label answers the AND of the terms), ranked: exact name/short form/alias, then prefix,
// description: then substring, then field/alias matches; shorter names first. $terms come from
// description: app.services.search.query_terms(q). At most $cap candidates per label are ranked (a query
// description: made only of common bigrams can match a third of a million platforms); exact names are
// description: always candidates (name index). A label left out by $kinds is not asked at all.
// params: terms, q, kinds, cap, skip, limit
CALL {
  UNWIND CASE WHEN $kinds IS NULL OR 'Document' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Document', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Document' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Document {name: $q}) WHERE $kinds IS NULL OR 'Document' IN $kinds
  RETURN n, 'Document' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Agency' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Agency', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Agency' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Agency {name: $q}) WHERE $kinds IS NULL OR 'Agency' IN $kinds
  RETURN n, 'Agency' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Platform' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Platform', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Platform' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Platform {name: $q}) WHERE $kinds IS NULL OR 'Platform' IN $kinds
  RETURN n, 'Platform' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Institution' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Institution', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Institution' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Institution {name: $q}) WHERE $kinds IS NULL OR 'Institution' IN $kinds
  RETURN n, 'Institution' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Person' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Person', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Person' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Person {name: $q}) WHERE $kinds IS NULL OR 'Person' IN $kinds
  RETURN n, 'Person' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'LabCluster' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('LabCluster', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'LabCluster' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:LabCluster {name: $q}) WHERE $kinds IS NULL OR 'LabCluster' IN $kinds
  RETURN n, 'LabCluster' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'IndustrialCluster' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('IndustrialCluster', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'IndustrialCluster' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:IndustrialCluster {name: $q}) WHERE $kinds IS NULL OR 'IndustrialCluster' IN $kinds
  RETURN n, 'IndustrialCluster' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'IndustrialChain' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('IndustrialChain', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'IndustrialChain' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:IndustrialChain {name: $q}) WHERE $kinds IS NULL OR 'IndustrialChain' IN $kinds
  RETURN n, 'IndustrialChain' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Industry' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Industry', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Industry' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Industry {name: $q}) WHERE $kinds IS NULL OR 'Industry' IN $kinds
  RETURN n, 'Industry' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Zone' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Zone', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Zone' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Zone {name: $q}) WHERE $kinds IS NULL OR 'Zone' IN $kinds
  RETURN n, 'Zone' AS kind
  UNION ALL
  UNWIND CASE WHEN $kinds IS NULL OR 'Programme' IN $kinds THEN [1] ELSE [] END AS asked
  CALL db.idx.fulltext.queryNodes('Programme', reduce(s = '', t IN $terms | s + ' ' + t)) YIELD node AS n
  RETURN n, 'Programme' AS kind LIMIT $cap
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
