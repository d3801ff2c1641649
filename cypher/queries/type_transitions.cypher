// name: type_transitions
// description: What legacy types became (merged into / converted to / restructured as / promoted to),
// description: per region and document, and the types a document stops approving or revokes.
// params: region
CALL {
  MATCH (a:PlatformType)-[r:MERGED_INTO|CONVERTED_TO|SUCCEEDS|PROMOTED_TO]->(b:PlatformType)
  WHERE $region IS NULL OR r.region = $region OR r.region IS NULL
  RETURN a.name AS from_type, type(r) AS rel, b.name AS to_type, r.region AS region, r.year AS year,
    r.docs AS documents, r.quote AS quote
  UNION ALL
  MATCH (d:Document)-[r:STOPS_NEW|REVOKES]->(a:PlatformType)
  WHERE $region IS NULL OR d.region = $region OR d.region IS NULL
  RETURN a.name AS from_type, type(r) AS rel, null AS to_type, d.region AS region, d.year AS year,
    [d.doc_id] AS documents, null AS quote
}
RETURN from_type, rel, to_type, region, year, documents, quote
ORDER BY from_type, rel, region
