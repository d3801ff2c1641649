// name: dedup_pending
// description: Active platforms (status not 转建/撤销/整合) typed as one of the given legacy types,
// description: optionally in one province: candidates for GET /transitions/pending.
// params: types, region
MATCH (p:Platform)-[:TYPED_AS]->(t:PlatformType)
WHERE t.name IN $types AND ($region IS NULL OR p.region = $region)
  AND NOT coalesce(p.status, '') IN ['转建', '撤销', '整合']
RETURN p.id AS id, p.name AS name, t.name AS type, p.host AS host, p.region AS region, p.city AS city,
  p.level AS level, p.status AS status, p.year AS year, p.source_file AS source_file, p.source_row AS source_row, p.seq AS seq
ORDER BY id
