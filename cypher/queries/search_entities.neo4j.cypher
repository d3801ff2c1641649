// name: search_entities
// description: Entities whose search_text holds every query bigram and trigram, ranked: exact name,
// description: short form or alias, then prefix, then substring, then field/alias matches; shorter
// description: names first (Neo4j variant:
// description: the full-text index innokg_search_text, whitespace analyser over search_text, is asked
// description: for documents holding ALL the terms; at most $cap candidates). Terms come from
// description: app.services.search.query_terms(q).
// params: terms, q, kinds, cap, skip, limit
WITH reduce(s = '', t IN $terms | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + t + '"') AS lucene
CALL db.index.fulltext.queryNodes('innokg_search_text', lucene, {limit: $cap}) YIELD node
WITH node AS n, labels(node)[0] AS kind
WHERE ($kinds IS NULL OR kind IN $kinds) AND all(t IN $terms WHERE (' ' + n.search_text + ' ') CONTAINS (' ' + t + ' '))
WITH n, kind, coalesce(n.name, n.title, n.id) AS name
WITH n, kind, name,
  CASE
    WHEN name = $q OR n.short = $q OR $q IN coalesce(n.aliases, []) THEN 100.0
    WHEN name STARTS WITH $q THEN 60.0
    WHEN name CONTAINS $q THEN 40.0
    ELSE 10.0
  END - size(name) / 100.0 AS score
ORDER BY score DESC, name
WITH collect({id: n.id, kind: kind, name: name, score: score, snippet: n.field}) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS items
