// name: delete_unsourced_rels
// description: Delete relationships that no loaded document states any more (empty `docs`).
MATCH ()-[r]->()
WHERE size(r.docs) = 0
DELETE r
