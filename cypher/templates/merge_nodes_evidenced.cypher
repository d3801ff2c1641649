// name: merge_nodes_evidenced
// description: Upsert nodes of one label by id and link each to its evidence. {label} is filled by
// description: the loader from app.graph.schema.Label only (labels cannot be query parameters).
// description: `new_evidence` rows ({id, props}) are the evidence this row is the first to cite: they are
// description: upserted here and linked to $document (one statement instead of a separate evidence pass);
// description: `evidence` lists ids of evidence written before. Returns how many nodes were new.
// params: rows, document
OPTIONAL MATCH (d:Document {id: $document})
UNWIND $rows AS row
OPTIONAL MATCH (old:{label} {id: row.id})
WITH d, row, old IS NULL AS created
MERGE (n:{label} {id: row.id})
SET n += row.props
FOREACH (ev IN row.new_evidence |
  MERGE (e:Evidence {id: ev.id})
  SET e += ev.props
  MERGE (n)-[:EVIDENCED_BY]->(e)
  FOREACH (doc IN CASE WHEN d IS NULL THEN [] ELSE [d] END | MERGE (e)-[:FROM_DOCUMENT]->(doc)))
FOREACH (ev IN row.evidence |
  MERGE (e:Evidence {id: ev})
  MERGE (n)-[:EVIDENCED_BY]->(e))
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(n) AS merged
