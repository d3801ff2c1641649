// name: bench_sample_ids
// description: Ids and names to draw benchmark requests from (bench/profile_neo4j.py): up to $n platforms,
// description: institutions, lab clusters, platforms that are cluster members, and platform names.
// params: n
MATCH (p:Platform) WITH p LIMIT $n
WITH collect(p.id) AS plats, collect(p.name) AS names
MATCH (i:Institution) WITH plats, names, i LIMIT $n
WITH plats, names, collect(i.id) AS insts
MATCH (c:LabCluster)
WITH plats, names, insts, collect(c.id) AS clusters
MATCH (m:Platform)-[:MEMBER_OF]->(:LabCluster)
WITH plats, names, insts, clusters, m LIMIT $n
WITH plats, names, insts, clusters, collect(m.id) AS members
UNWIND [['Platform', plats], ['Institution', insts], ['LabCluster', clusters], ['member', members], ['name', names]] AS pair
RETURN pair[0] AS label, pair[1] AS ids
