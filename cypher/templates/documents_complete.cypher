// name: documents_complete
// description: Mark many source documents as completely loaded at once (the end of a bulk first
// description: load: until then they stay 'loading', so a bulk that died is purged and redone).
// params: ids, loaded_at
UNWIND $ids AS id
MATCH (d:Document {id: id})
SET d.load_state = 'complete', d.loaded_at = $loaded_at
