// name: platforms_by_region
// description: Platforms per province/city, type and level (a quick overview for analysts).
// params: region
MATCH (p:Platform)
WHERE $region IS NULL OR p.region = $region OR p.city = $region
RETURN p.region AS region, p.city AS city, p.type AS type, p.level AS level, count(p) AS platforms
ORDER BY region, city, type, level
