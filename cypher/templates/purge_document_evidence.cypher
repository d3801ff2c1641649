// name: purge_document_evidence
// description: Delete up to $limit of a document's evidence nodes (after its facts were withdrawn); run
// description: until it returns fewer than $limit.
// params: doc_id, limit
MATCH (e:Evidence {doc_id: $doc_id})
WITH e LIMIT $limit
DETACH DELETE e
RETURN count(*) AS done
