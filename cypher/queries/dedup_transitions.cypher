// name: dedup_transitions
// description: Type transitions the ingested policies state (legacy type merged into / converted to
// description: / restructured as / promoted to a successor), one row per transition and evidence span.
// params:
MATCH (a:PlatformType)-[r:MERGED_INTO|CONVERTED_TO|SUCCEEDS|PROMOTED_TO]->(b:PlatformType)
UNWIND coalesce(r.evidence, []) + [null] AS eid
OPTIONAL MATCH (e:Evidence {id: eid})
RETURN a.name AS from_type, b.name AS to_type, type(r) AS rel, r.kind AS kind, r.region AS region,
  r.year AS year, r.deadline AS deadline, r.doc_id AS doc_id, r.quote AS quote,
  e.doc_id AS ev_doc, e.start AS ev_start, e.end AS ev_end, e.quote AS ev_quote
ORDER BY from_type, to_type, rel, region, year, deadline, doc_id, ev_doc, ev_start
