// name: count_label
// description: How many nodes carry one label ({label} from app.graph.schema.Label).
MATCH (n:{label})
RETURN count(n) AS n
