// name: indexes_building
// description: FalkorDB: the indexes still being populated. An index created over existing nodes (the
// description: schema after GRAPH.BULK) is filled in the background and answers nothing until then.
CALL db.indexes() YIELD label, properties, status
WHERE status <> 'OPERATIONAL'
RETURN label, properties, status
