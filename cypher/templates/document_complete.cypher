// name: document_complete
// description: Mark a source document as completely loaded.
// params: id, loaded_at
MATCH (d:Document {id: $id})
SET d.load_state = 'complete', d.loaded_at = $loaded_at
