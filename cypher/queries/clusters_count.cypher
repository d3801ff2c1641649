// name: clusters_count
// description: How many lab clusters the graph holds.
// params:
MATCH (c:LabCluster)
RETURN count(c) AS total
