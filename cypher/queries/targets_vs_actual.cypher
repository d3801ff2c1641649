// name: targets_vs_actual
// description: Each policy target (count, kind, type, level, region, year, source span) against the
// description: platforms of that type (and level, when the target names one) in that region (province
// description: or city) as of the target year. Stock kinds (total, baseline_total, stat_total) count every
// description: platform approved by then; added kinds (increment, new, stat_increment, stat_accepted) only
// description: those approved after the document's year (a statistic about a year before the document:
// description: those approved in that year). Umbrella types (科技创新平台, 科技创新基地, 创新平台)
// description: count platforms of any type; 实验室群 counts lab clusters of the region. removal and
// description: conversion targets are not platform counts: actual and gap are null.
// description: gap = target − actual (> 0: still short).
// params: region, type, year
MATCH (d:Document)-[:SETS_TARGET]->(t:Target)
WHERE ($region IS NULL OR t.region = $region) AND ($type IS NULL OR t.type = $type)
  AND ($year IS NULL OR t.year = $year)
OPTIONAL MATCH (t)-[:EVIDENCED_BY]->(e:Evidence)
WITH d, t, collect(e) AS evs,
  t.kind IN ['increment', 'new', 'stat_increment', 'stat_accepted'] AS added,
  t.kind IN ['total', 'baseline_total', 'stat_total', 'increment', 'new', 'stat_increment', 'stat_accepted']
    AS counted,
  t.type IN ['科技创新平台', '科技创新基地', '创新平台'] AS any_type,
  CASE WHEN d.year IS NOT NULL AND (t.year IS NULL OR d.year < t.year) THEN d.year ELSE t.year - 1 END AS since
OPTIONAL MATCH (p:Platform)
WHERE counted AND (any_type OR p.type = t.type) AND (p.region = t.region OR p.city = t.region)
  AND (t.level IS NULL OR p.level = t.level)
  AND (t.year IS NULL OR p.year <= t.year)
  AND (NOT added OR since IS NULL OR p.year > since)
WITH d, t, evs, added, counted, since, count(p) AS platforms
OPTIONAL MATCH (c:LabCluster)
WHERE counted AND t.type = '实验室群' AND c.region = t.region
  AND (t.year IS NULL OR c.year IS NULL OR c.year <= t.year)
  AND (NOT added OR since IS NULL OR c.year IS NULL OR c.year > since)
// FalkorDB 4.16: a grouping key inside an aggregating expression (platforms + count(c)) fails.
WITH d, t, evs, counted, platforms, count(c) AS clusters
WITH d, t, evs, CASE WHEN counted THEN platforms + clusters ELSE null END AS actual
RETURN t.id AS id, t.count AS target, t.count_max AS target_max, t.kind AS kind, t.type AS type,
  t.level AS level, t.region AS region, t.year AS year, d.id AS document, d.title AS title,
  d.year AS baseline_year, actual, t.count - actual AS gap,
  [e IN evs | {id: e.id, start: e.start, end: e.end, quote: e.quote}] AS evidence
ORDER BY region, year, type
