// name: document_state
// description: What the store holds of a source document: its content hash, load state and times.
// params: id
MATCH (d:Document {id: $id})
RETURN d.sha256 AS sha256, d.load_state AS load_state, d.loaded_at AS loaded_at, d.derived_at AS derived_at
