// name: documents_list
// description: Source documents (policy texts, inventories, seed) with metadata; paginated, with total.
// params: kind, skip, limit
MATCH (d:Document)
WHERE $kind IS NULL OR d.kind = $kind
WITH d ORDER BY d.id
WITH collect({id: d.id, doc_id: d.doc_id, kind: d.kind, title: d.title, path: d.path, year: d.year,
  load_state: d.load_state, loaded_at: d.loaded_at, sha256: d.sha256}) AS docs
RETURN size(docs) AS total, docs[$skip..$skip + $limit] AS items
