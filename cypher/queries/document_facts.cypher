// name: document_facts
// description: The facts (nodes) a document's evidence supports, by label, with a sample of each.
// params: id, per_label
MATCH (d:Document {id: $id})<-[:FROM_DOCUMENT]-(e:Evidence)<-[:EVIDENCED_BY]-(n)
WITH DISTINCT n
ORDER BY n.id
WITH labels(n)[0] AS label, collect({id: n.id, name: coalesce(n.name, n.title, n.id)}) AS facts
RETURN label, size(facts) AS count, facts[0..$per_label] AS sample
ORDER BY label
