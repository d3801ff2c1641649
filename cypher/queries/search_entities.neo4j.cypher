// name: search_entities
// description: Entities whose search_text holds every query bigram and trigram, ranked: exact name,
// description: short form or alias, then prefix, then substring, then field/alias matches; shorter names
// description: first (Neo4j variant: the full-text index search_<label> of each label asked, whitespace
// description: analyser over search_text, answers the nodes holding ALL the terms, at most $cap
// description: candidates per label, as FalkorDB's per-label indexes do; exact names are always
// description: candidates, from the keyword full-text index search_name over the names of every
// description: searchable label). One UNWIND over the labels instead of a UNION branch per label: the
// description: plan has no label-dependent operator, so it is cheap to compile and is not replanned when
// description: the label counts change (docs/benchmarks/api.md, Neo4j). $terms come from
// description: app.services.search.query_terms(q). Lucene is asked only the terms that are not implied:
// description: a two-character term inside a longer one is left out, because every term a node's
// description: search_text holds is a piece of one of its names, and all that piece's bigrams are there
// description: too (app.text.search_terms) — the same nodes match, with fewer posting lists to intersect.
// description: The top $cap are the same as well: each term occurs once in search_text, so every match
// description: scores (sum of the terms' idf) x (a function of the text's length), and the order is the
// description: length's (then Lucene's doc id) whichever terms are asked (docs/benchmarks/api.md session 12).
// description: The ranking reads the five properties it needs of each candidate through one map projection:
// description: one walk of the node's property chain (500 db hits for 500 candidates) instead of one walk per
// description: property (name, title, id cached, then short and aliases: 2,500), where a missing property (a
// description: platform's title) walks the whole chain; the page's own field is read for its rows only
// description: (docs/benchmarks/api.md session 14).
// params: terms, q, kinds, cap, skip, limit
CALL {
  UNWIND [k IN ['Document', 'Agency', 'Platform', 'Institution', 'Person', 'LabCluster', 'IndustrialCluster', 'IndustrialChain', 'Industry', 'Zone', 'Programme'] WHERE $kinds IS NULL OR k IN $kinds] AS kind
  CALL db.index.fulltext.queryNodes('search_' + toLower(kind), reduce(s = '', t IN [x IN $terms WHERE NOT (size(x) = 2 AND any(u IN $terms WHERE size(u) > 2 AND u CONTAINS x))] | s + CASE WHEN s = '' THEN '' ELSE ' AND ' END + '"' + replace(replace(t, '\\', '\\\\'), '"', '\\"') + '"'), {limit: $cap}) YIELD node AS n
  RETURN n, kind
  UNION ALL
  CALL db.index.fulltext.queryNodes('search_name', '"' + replace(replace($q, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
  UNWIND [k IN labels(n) WHERE k IN ['Document', 'Agency', 'Platform', 'Institution', 'Person', 'LabCluster', 'IndustrialCluster', 'IndustrialChain', 'Industry', 'Zone', 'Programme'] AND ($kinds IS NULL OR k IN $kinds)] AS kind
  RETURN n, kind
}
WITH DISTINCT n, kind
WITH n, kind, n {.name, .title, .id, .short, .aliases} AS m
WITH n, kind, m, coalesce(m.name, m.title, m.id) AS name
WITH n, kind, name,
  CASE
    WHEN name = $q OR m.short = $q OR $q IN coalesce(m.aliases, []) THEN 100.0
    WHEN name STARTS WITH $q THEN 60.0
    WHEN name CONTAINS $q THEN 40.0
    ELSE 10.0
  END - size(name) / 100.0 AS score
ORDER BY score DESC, name
WITH collect([n, kind, name, score]) AS hits
RETURN size(hits) AS total,
  [h IN hits[$skip..$skip + $limit] | {id: h[0].id, kind: h[1], name: h[2], score: h[3], snippet: h[0].field}] AS items
