// name: dedup_platforms
// description: Platforms with what duplicate detection compares (name, field, host, co-hosts, co-builders, city,
// description: type, level, status, year) and their source row, one page at a time in id order. Only
// description: what records.py reads: each returned value costs ~1 µs of client parsing a row at 1M rows.
// description: after = last id of the previous page ('' for the first); region = province name or null.
// params: after, limit, region
MATCH (p:Platform)
WHERE p.id > $after AND ($region IS NULL OR p.region = $region)
RETURN p.id AS id, p.name AS name, p.field AS field, p.field_tokens AS field_tokens, p.type AS type,
  p.level AS level,
  p.region AS region, p.city AS city, p.host AS host, p.hosts AS hosts, p.co_builders AS co_builders,
  p.year AS year,
  p.status AS status, p.source_file AS source_file, p.source_row AS source_row, p.seq AS seq
ORDER BY p.id
LIMIT $limit
