// name: document_begin
// description: Create or update a source document and mark it as being loaded. A document left in
// description: state 'loading' (a load that died) is purged and loaded again on the next run.
// params: id, props
MERGE (d:Document {id: $id})
SET d += $props
SET d.load_state = 'loading'
