// name: bulk_empty_evidence
// description: After neo4j-admin import (app.store.neo4j.importer): the importer cannot write an empty list, so a
// description: relationship no evidence states carries the marker bulk_empty_evidence; it gets evidence = [],
// description: as the MERGE path (merge_rels) leaves it.
MATCH ()-[r:{rel}]->()
WHERE r.bulk_empty_evidence IS NOT NULL
SET r.evidence = []
REMOVE r.bulk_empty_evidence
RETURN count(r) AS n
