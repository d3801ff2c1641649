// name: dedup_policy_texts
// description: Policy documents with their region and raw text, where duplicate detection looks for
// description: the clause against duplication (撤、并、转 / 避免重复建设) that grounds a reported pair.
// params:
MATCH (d:Document)
WHERE d.kind = 'policy' AND d.raw_text IS NOT NULL
OPTIONAL MATCH (d)-[:LOCATED_IN]->(r:Region)
RETURN d.doc_id AS doc_id, coalesce(d.region, r.name) AS region, d.year AS year, d.raw_text AS raw_text
ORDER BY doc_id
