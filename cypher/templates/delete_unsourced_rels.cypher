// name: delete_unsourced_rels
// description: Delete up to $limit relationships that no loaded document states any more (empty `docs`);
// description: run until it returns fewer than $limit.
// params: limit
MATCH ()-[r]->()
WHERE size(r.docs) = 0
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS done
