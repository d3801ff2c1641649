// name: dedup_review_list
// description: Reviewer decisions on duplicate pairs (DuplicateReview nodes), newest first; `pairs`
// description: (list of "a|b" keys, a < b) restricts to those pairs, `latest` keeps only the newest
// description: decision of each pair; paginated, with total.
// params: pairs, latest, skip, limit
MATCH (r:DuplicateReview)
WHERE $pairs IS NULL OR r.pair_key IN $pairs
WITH r ORDER BY r.ts DESC, r.id DESC
WITH r.pair_key AS pair_key, collect(r) AS rs
UNWIND (CASE WHEN coalesce($latest, false) THEN rs[0..1] ELSE rs END) AS r
WITH r ORDER BY r.ts DESC, r.id DESC
WITH collect({id: r.id, pair_key: r.pair_key, a: r.a, b: r.b, a_name: r.a_name, b_name: r.b_name,
  kind: r.kind, score: r.score, method_version: r.method_version, decision: r.decision, note: r.note,
  reviewer: r.reviewer, ts: r.ts}) AS items
RETURN size(items) AS total, items[$skip..$skip + $limit] AS items
