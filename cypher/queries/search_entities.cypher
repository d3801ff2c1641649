// name: search_entities
// description: Entities whose search_terms hold every query bigram and trigram, ranked: exact name/short
// description: form/alias, then prefix, then substring, then field/alias matches; shorter names first.
// description: $anchors = the query's three rarest terms (repeated when it has fewer): the index
// description: intersects their three posting lists, so only nodes holding all three are read and tested
// description: against the other terms. Terms and anchors come from app.services.search.query_terms(q).
// description: At most $cap candidates per label are ranked (a query made only of common bigrams can
// description: match a third of a million platforms); exact names are always candidates (name index).
// params: anchors, terms, q, kinds, cap, skip, limit
CALL {
  MATCH (n:Document)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Document' IN $kinds)
  RETURN n, 'Document' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Document {name: $q}) WHERE $kinds IS NULL OR 'Document' IN $kinds
  RETURN n, 'Document' AS kind
  UNION ALL
  MATCH (n:Agency)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Agency' IN $kinds)
  RETURN n, 'Agency' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Agency {name: $q}) WHERE $kinds IS NULL OR 'Agency' IN $kinds
  RETURN n, 'Agency' AS kind
  UNION ALL
  MATCH (n:Platform)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Platform' IN $kinds)
  RETURN n, 'Platform' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Platform {name: $q}) WHERE $kinds IS NULL OR 'Platform' IN $kinds
  RETURN n, 'Platform' AS kind
  UNION ALL
  MATCH (n:Institution)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Institution' IN $kinds)
  RETURN n, 'Institution' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Institution {name: $q}) WHERE $kinds IS NULL OR 'Institution' IN $kinds
  RETURN n, 'Institution' AS kind
  UNION ALL
  MATCH (n:Person)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Person' IN $kinds)
  RETURN n, 'Person' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Person {name: $q}) WHERE $kinds IS NULL OR 'Person' IN $kinds
  RETURN n, 'Person' AS kind
  UNION ALL
  MATCH (n:LabCluster)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'LabCluster' IN $kinds)
  RETURN n, 'LabCluster' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:LabCluster {name: $q}) WHERE $kinds IS NULL OR 'LabCluster' IN $kinds
  RETURN n, 'LabCluster' AS kind
  UNION ALL
  MATCH (n:IndustrialCluster)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'IndustrialCluster' IN $kinds)
  RETURN n, 'IndustrialCluster' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:IndustrialCluster {name: $q}) WHERE $kinds IS NULL OR 'IndustrialCluster' IN $kinds
  RETURN n, 'IndustrialCluster' AS kind
  UNION ALL
  MATCH (n:IndustrialChain)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'IndustrialChain' IN $kinds)
  RETURN n, 'IndustrialChain' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:IndustrialChain {name: $q}) WHERE $kinds IS NULL OR 'IndustrialChain' IN $kinds
  RETURN n, 'IndustrialChain' AS kind
  UNION ALL
  MATCH (n:Industry)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Industry' IN $kinds)
  RETURN n, 'Industry' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Industry {name: $q}) WHERE $kinds IS NULL OR 'Industry' IN $kinds
  RETURN n, 'Industry' AS kind
  UNION ALL
  MATCH (n:Zone)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Zone' IN $kinds)
  RETURN n, 'Zone' AS kind LIMIT $cap
  UNION ALL
  MATCH (n:Zone {name: $q}) WHERE $kinds IS NULL OR 'Zone' IN $kinds
  RETURN n, 'Zone' AS kind
  UNION ALL
  MATCH (n:Programme)
  WHERE $anchors[0] IN n.search_terms AND $anchors[1] IN n.search_terms AND $anchors[2] IN n.search_terms
    AND all(t IN $terms WHERE t IN n.search_terms)
    AND ($kinds IS NULL OR 'Programme' IN $kinds)
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
