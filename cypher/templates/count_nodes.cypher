// name: count_nodes
// description: How many nodes the graph holds (a bulk load only fills an empty one).
MATCH (n)
RETURN count(n) AS n
