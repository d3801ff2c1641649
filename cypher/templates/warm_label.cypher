// name: warm_label
// description: Warm start on a paged engine (Neo4j): read every node of one label with all its properties,
// description: so that the page cache holds them before the first request (app.services.warm); how many,
// description: and one of them (the smallest id, with its name or title) for the statements run next.
MATCH (n:{label})
WITH count(properties(n)) AS n, min(n.id) AS id
OPTIONAL MATCH (s:{label} {id: id})
RETURN n, id, coalesce(s.name, s.title) AS name
