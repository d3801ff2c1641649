// name: purge_document_rels
// description: Withdraw one document from every relationship it stated (its id from `docs`, its
// description: evidence ids from `evidence`). Relationships left with no source are deleted by
// description: delete_unsourced_rels, in a statement of its own: FalkorDB 4.16 silently dropped
// description: the SET when SET and DELETE were in one query.
// params: doc_id, evidence_prefix
MATCH ()-[r]->()
WHERE $doc_id IN r.docs
SET r.docs = [x IN r.docs WHERE x <> $doc_id],
    r.evidence = [x IN r.evidence WHERE NOT x STARTS WITH $evidence_prefix]
