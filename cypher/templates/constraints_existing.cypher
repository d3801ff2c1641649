// name: constraints_existing
// description: FalkorDB: every constraint. Re-issuing an existing one fails, and the failed command still
// description: reached the append-only file: each start replayed it ("Constraint already exists").
CALL db.constraints() YIELD type, label, properties
RETURN type, label, properties
