// name: document_get
// description: One document's metadata (raw_text is returned separately by the API) and the
// description: documents it cites and that cite it.
// params: id
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:CITES]->(c:Document)
WITH d, collect(DISTINCT {id: c.id, title: c.title}) AS cites
OPTIONAL MATCH (b:Document)-[:CITES]->(d)
WITH d, cites, collect(DISTINCT {id: b.id, title: b.title}) AS cited_by
RETURN properties(d) AS props, [x IN cites WHERE x.id IS NOT NULL] AS cites,
  [x IN cited_by WHERE x.id IS NOT NULL] AS cited_by
