// name: dedup_review_platforms
// description: The platforms of a pair under review, by id (a decision may only name platforms the
// description: graph holds).
// params: ids
MATCH (p:Platform)
WHERE p.id IN $ids
RETURN p.id AS id, p.name AS name
