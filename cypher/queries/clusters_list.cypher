// name: clusters_list
// description: Lab clusters (实验室群) with member counts, lead platform/organisation, director and the
// description: industrial clusters/chains they serve; paginated, with the total.
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
WITH all_clusters, c, members, leads, collect(DISTINCT {id: d.id, name: d.name, org: d.org}) AS directors
OPTIONAL MATCH (c)-[:SERVES]->(s)
WITH all_clusters, c, members, leads, directors,
  collect(DISTINCT {id: s.id, label: labels(s)[0], name: s.name}) AS serves
RETURN size(all_clusters) AS total, c.id AS id, c.name AS name, c.region AS region, members,
  [x IN leads WHERE x.id IS NOT NULL] AS leads, [x IN directors WHERE x.id IS NOT NULL] AS directors,
  [x IN serves WHERE x.id IS NOT NULL] AS serves
ORDER BY name
