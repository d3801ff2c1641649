// name: search_contains
// description: Entities whose name contains $q, for queries too short to have a bigram (a single
// description: character such as 沈): at most $cap candidates, ranked as search_entities ranks (exact,
// description: prefix, substring; shorter names first). Neo4j variant: one branch per searchable label,
// description: each answered by the label's TEXT index on its name (a Document's on its title: documents
// description: carry a title, no name), where the shared statement scans every node of the graph.
// params: q, labels, cap, skip, limit
CALL {
  MATCH (n:Document) WHERE 'Document' IN $labels AND n.title CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Agency) WHERE 'Agency' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Platform) WHERE 'Platform' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Institution) WHERE 'Institution' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Person) WHERE 'Person' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:LabCluster) WHERE 'LabCluster' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:IndustrialCluster) WHERE 'IndustrialCluster' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:IndustrialChain) WHERE 'IndustrialChain' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Industry) WHERE 'Industry' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Zone) WHERE 'Zone' IN $labels AND n.name CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Programme) WHERE 'Programme' IN $labels AND n.name CONTAINS $q
  RETURN n
}
WITH n, labels(n)[0] AS kind LIMIT $cap
WITH n, kind, coalesce(n.name, n.title, n.id) AS name
WITH n, kind, name,
  CASE
    WHEN name = $q OR n.short = $q THEN 100.0
    WHEN name STARTS WITH $q THEN 60.0
    ELSE 40.0
  END - size(name) / 100.0 AS score
ORDER BY score DESC, name
WITH collect([n, kind, name, score]) AS hits
RETURN size(hits) AS total,
  [h IN hits[$skip..$skip + $limit] | {id: h[0].id, kind: h[1], name: h[2], score: h[3], snippet: h[0].field}] AS items
