// name: clusters_list
// description: Lab clusters (实验室群) with member counts, lead platform/organisation, director and the
// description: industrial clusters/chains they serve; paginated, with the total. A director's org is the
// description: institution the person is AFFILIATED_WITH (the list's 群主任单位, or the bracket in
// description: "姓名（单位）"), else the person's own organisation property.
// params: skip, limit
MATCH (c:LabCluster)
WITH c ORDER BY c.name
WITH collect(c) AS all_clusters
UNWIND all_clusters[$skip..$skip + $limit] AS c
OPTIONAL MATCH (m)-[mo:MEMBER_OF]->(c)
WITH all_clusters, c, count(mo) AS members
OPTIONAL MATCH (lead)-[:LEADS]->(c)
WITH all_clusters, c, members, collect(DISTINCT {id: lead.id, label: labels(lead)[0], name: lead.name}) AS leads
OPTIONAL MATCH (d:Person)-[:DIRECTS]->(c)
OPTIONAL MATCH (d)-[:AFFILIATED_WITH]->(o:Institution)
WITH all_clusters, c, members, leads,
  collect(DISTINCT {id: d.id, name: d.name, org: coalesce(o.name, d.organisation), org_id: o.id}) AS directors
OPTIONAL MATCH (c)-[:SERVES]->(s)
WITH all_clusters, c, members, leads, directors,
  collect(DISTINCT {id: s.id, label: labels(s)[0], name: s.name}) AS serves
RETURN size(all_clusters) AS total, c.id AS id, c.name AS name, c.region AS region, members,
  [x IN leads WHERE x.id IS NOT NULL] AS leads, [x IN directors WHERE x.id IS NOT NULL] AS directors,
  [x IN serves WHERE x.id IS NOT NULL] AS serves
ORDER BY name
