// name: document_derived_at
// description: Stamp a derived pseudo-document with the time its derive step last finished (whether or
// description: not its facts changed), so a later run can tell whether any document was loaded since.
// params: id, at
MATCH (d:Document {id: $id})
SET d.derived_at = $at
