// name: merge_nodes
// description: Upsert nodes of one label by id and link each to its evidence. {label} is filled by
// description: the loader from app.graph.schema.Label only (labels cannot be query parameters).
// params: rows
UNWIND $rows AS row
MERGE (n:{label} {id: row.id})
SET n += row.props
WITH n, row
UNWIND row.evidence AS ev
MATCH (e:Evidence {id: ev})
MERGE (n)-[:EVIDENCED_BY]->(e)
