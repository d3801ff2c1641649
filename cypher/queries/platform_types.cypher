// name: platform_types
// description: The taxonomy: category → platform type → level, with how many platforms each level has.
// params:
MATCH (t:PlatformType)
OPTIONAL MATCH (t)-[:IN_CATEGORY]->(c:Category)
OPTIONAL MATCH (p:Platform)-[:TYPED_AS]->(t)
WITH c, t, p.level AS level, count(p) AS platforms
RETURN c.name AS category, t.id AS id, t.name AS type, t.family AS family, t.legacy AS legacy,
  level, platforms
ORDER BY category, type, level
