// name: store_fingerprint
// description: What changes whenever a load changes the graph: how many documents, the last load time,
// description: and the state of the newest load. Services cache aggregate answers under this key.
// params:
MATCH (d:Document)
RETURN count(d) AS documents, max(d.loaded_at) AS last_loaded, collect(DISTINCT d.load_state) AS states
