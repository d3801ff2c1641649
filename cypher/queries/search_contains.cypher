// name: search_contains
// description: Entities whose name contains $q, for queries too short to have a bigram (a single
// description: character such as 沈): a bounded scan of the searchable labels, at most $cap candidates,
// description: ranked as search_entities ranks (exact, prefix, substring; shorter names first).
// params: q, labels, cap, skip, limit
MATCH (n)
WHERE any(l IN labels(n) WHERE l IN $labels) AND coalesce(n.name, n.title, '') CONTAINS $q
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
