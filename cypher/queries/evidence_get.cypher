// name: evidence_get
// description: One piece of evidence: its document (with the raw text, to cut the context around the
// description: span), the span or row, the quote, and the facts it supports.
// params: id
MATCH (e:Evidence {id: $id})
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d:Document)
OPTIONAL MATCH (n)-[:EVIDENCED_BY]->(e)
WITH e, d, collect({id: n.id, label: labels(n)[0], name: coalesce(n.name, n.title)}) AS facts
RETURN properties(e) AS props, d.id AS document, d.title AS title, d.kind AS doc_kind,
  d.raw_text AS raw_text, [f IN facts WHERE f.id IS NOT NULL] AS facts
