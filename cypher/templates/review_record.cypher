// name: review_record
// description: Record one reviewer decision on a duplicate pair (GET /duplicates review, issue 20) as a
// description: DuplicateReview node. Each decision is a node of its own (a later decision on the same
// description: pair does not overwrite the earlier one: the history is what recalibrates the scorer).
// description: No relationship to the platforms: a re-ingest that replaces a platform keeps the decision.
// params: row
CREATE (r:DuplicateReview {id: $row.id})
SET r.pair_key = $row.pair_key, r.a = $row.a, r.b = $row.b, r.a_name = $row.a_name, r.b_name = $row.b_name,
    r.kind = $row.kind, r.score = $row.score, r.method_version = $row.method_version,
    r.decision = $row.decision, r.note = $row.note, r.reviewer = $row.reviewer, r.ts = $row.ts,
    r.client = $row.client
RETURN r.id AS id
