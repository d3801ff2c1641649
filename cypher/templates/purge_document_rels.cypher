// name: purge_document_rels
// description: Withdraw one document from up to $limit relationships it stated (its id from `docs`, its
// description: evidence ids from `evidence`); run until it returns fewer than $limit. Relationships left
// description: with no source are deleted by delete_unsourced_rels, in a statement of its own: FalkorDB
// description: 4.16 silently dropped the SET when SET and DELETE were in one query.
// params: doc_id, evidence_prefix, limit
MATCH ()-[r]->()
WHERE $doc_id IN r.docs
WITH r LIMIT $limit
SET r.docs = [x IN r.docs WHERE x <> $doc_id],
    r.evidence = [x IN r.evidence WHERE NOT x STARTS WITH $evidence_prefix]
RETURN count(r) AS done
