// name: purge_document_rels
// description: Withdraw one document from every relationship it stated; delete relationships no
// description: other source states any more.
// params: doc_id, evidence_prefix
MATCH ()-[r]->()
WHERE $doc_id IN r.docs
SET r.docs = [x IN r.docs WHERE x <> $doc_id],
    r.evidence = [x IN r.evidence WHERE NOT x STARTS WITH $evidence_prefix]
WITH r
WHERE size(r.docs) = 0
DELETE r
