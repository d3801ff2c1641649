// name: platform_types
// description: The taxonomy: category → platform type → level, with how many platforms each level has —
// description: in one region when $region names a province or a city (official name), else nationwide.
// params: region
MATCH (t:PlatformType)
OPTIONAL MATCH (t)-[:IN_CATEGORY]->(c:Category)
OPTIONAL MATCH (p:Platform)-[:TYPED_AS]->(t)
WHERE $region IS NULL OR p.region = $region OR p.city = $region
WITH c, t, p.level AS level, count(p) AS platforms
RETURN c.name AS category, t.id AS id, t.name AS type, t.family AS family, t.legacy AS legacy,
  level, platforms
ORDER BY category, type, level
