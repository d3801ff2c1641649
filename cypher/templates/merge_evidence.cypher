// name: merge_evidence
// description: Upsert evidence (document span or inventory row) and link it to its document.
// params: rows
UNWIND $rows AS row
MERGE (e:Evidence {id: row.id})
SET e += row.props
WITH e, row
MATCH (d:Document {id: row.document})
MERGE (e)-[:FROM_DOCUMENT]->(d)
