// name: dedup_fingerprint
// description: What decides whether a cached duplicate index is stale: platform count and the latest
// description: document load time.
// params:
MATCH (d:Document)
WITH max(d.loaded_at) AS loaded, count(d) AS documents
OPTIONAL MATCH (p:Platform)
RETURN count(p) AS platforms, documents, loaded
