// name: purge_document_evidence
// description: Delete a document's evidence nodes (after its facts were withdrawn).
// params: doc_id
MATCH (e:Evidence {doc_id: $doc_id})
DETACH DELETE e
