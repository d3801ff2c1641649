// name: neo4j_home
// description: Neo4j only: the DBMS's home directory (the bulk path finds the local server's directory by it:
// description: app.store.neo4j.importer).
SHOW SETTINGS YIELD name, value
WHERE name = 'server.directories.neo4j_home'
RETURN value AS home
