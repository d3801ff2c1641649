// name: purge_document_nodes
// description: Delete up to $limit nodes that only this document evidenced (gazetteer and taxonomy nodes,
// description: and loaded documents, stay); run until it returns fewer than $limit.
// params: doc_id, limit
MATCH (e:Evidence {doc_id: $doc_id})<-[:EVIDENCED_BY]-(n)
WITH DISTINCT n
OPTIONAL MATCH (n)-[:EVIDENCED_BY]->(other:Evidence)
WHERE other.doc_id <> $doc_id
WITH n, count(other) AS others
WHERE others = 0 AND NOT n:Region AND NOT n:Category AND NOT n:PlatformType
  AND (NOT n:Document OR n.kind = 'cited')
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS done
