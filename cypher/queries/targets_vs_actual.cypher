// name: targets_vs_actual
// description: Each policy target (count, kind, type, level, region, year, source span) against the
// description: platforms of that type (and level, when the target names one) in that region as of the
// description: target year; kind 'new' counts only platforms approved after the document's year.
// description: gap = target − actual (> 0: still short).
// params: region, type, year
MATCH (d:Document)-[:SETS_TARGET]->(t:Target)
WHERE ($region IS NULL OR t.region = $region) AND ($type IS NULL OR t.type = $type)
  AND ($year IS NULL OR t.year = $year)
OPTIONAL MATCH (t)-[:EVIDENCED_BY]->(e:Evidence)
WITH d, t, collect(e) AS evs
OPTIONAL MATCH (p:Platform)
WHERE p.type = t.type AND (p.region = t.region OR p.city = t.region)
  AND (t.level IS NULL OR p.level = t.level)
  AND (t.year IS NULL OR p.year <= t.year)
  AND (t.kind <> 'new' OR d.year IS NULL OR p.year > d.year)
WITH d, t, evs, count(p) AS actual
RETURN t.id AS id, t.count AS target, t.count_max AS target_max, t.kind AS kind, t.type AS type,
  t.level AS level, t.region AS region, t.year AS year, d.id AS document, d.title AS title,
  d.year AS baseline_year, actual, t.count - actual AS gap,
  [e IN evs | {id: e.id, start: e.start, end: e.end, quote: e.quote}] AS evidence
ORDER BY region, year, type
