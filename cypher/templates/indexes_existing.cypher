// name: indexes_existing
// description: FalkorDB: every index, its label and its fields with their kinds (RANGE, FULLTEXT), so that
// description: the schema is applied without re-issuing what exists (see FalkorStore.apply_schema).
CALL db.indexes() YIELD label, types, entitytype
RETURN label, types, entitytype
