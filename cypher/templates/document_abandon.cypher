// name: document_abandon
// description: Delete a document whose load failed (after its facts were purged) if no load of it ever
// description: completed (no loaded_at): a failed new file leaves nothing behind. A document loaded before
// description: stays 'loading', so the next run reloads it.
// params: id
MATCH (d:Document {id: $id})
WHERE d.load_state = 'loading' AND d.loaded_at IS NULL
DETACH DELETE d
