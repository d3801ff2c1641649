// name: ping
// description: Trivial statement. On FalkorDB a read on a graph that was never written fails
// description: ("empty key"); running this as a write creates the empty graph first.
RETURN 1 AS ok
