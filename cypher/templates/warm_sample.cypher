// name: warm_sample
// description: Warm start on an in-memory engine: one node of a label (an id and its name or title) for the
// description: serving statements app.services.warm runs once, without reading the rest.
MATCH (n:{label})
WITH n LIMIT 1
RETURN 0 AS n, n.id AS id, coalesce(n.name, n.title) AS name
