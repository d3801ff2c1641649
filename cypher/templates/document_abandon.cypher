// name: document_abandon
// description: Delete a document that was new to the store when its load failed (after its facts were
// description: purged): a failed file leaves nothing behind. A document that was there before stays
// description: 'loading', so the next run reloads it.
// params: id
MATCH (d:Document {id: $id})
WHERE d.load_state = 'loading'
DETACH DELETE d
