// Schema for the embedded FalkorDB (applied by `innokg init`). Labels and keys are owned by
// app/graph/schema.py; tests/test_schema_files.py checks that every label there is covered here.
// FalkorDB: index creation fails when the index exists (the store ignores that error);
// uniqueness is a server command (GRAPH.CONSTRAINT), which needs the index first.
CREATE INDEX FOR (n:Document) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Document PROPERTIES 1 id;
CREATE INDEX FOR (n:Document) ON (n.sha256);
CREATE INDEX FOR (n:Document) ON (n.kind);
CREATE INDEX FOR (n:Agency) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Agency PROPERTIES 1 id;
CREATE INDEX FOR (n:Agency) ON (n.name);
CREATE INDEX FOR (n:Region) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Region PROPERTIES 1 id;
CREATE INDEX FOR (n:Region) ON (n.name);
CREATE INDEX FOR (n:Region) ON (n.code);
CREATE INDEX FOR (n:Category) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Category PROPERTIES 1 id;
CREATE INDEX FOR (n:Category) ON (n.name);
CREATE INDEX FOR (n:PlatformType) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE PlatformType PROPERTIES 1 id;
CREATE INDEX FOR (n:PlatformType) ON (n.name);
CREATE INDEX FOR (n:Platform) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Platform PROPERTIES 1 id;
CREATE INDEX FOR (n:Platform) ON (n.name);
CREATE INDEX FOR (n:Platform) ON (n.type);
CREATE INDEX FOR (n:Platform) ON (n.region);
// No index on Platform.host / .status: no query looks a platform up by them (hosts are HOSTED_BY edges, status
// is only filtered out), and every indexed field is filled per platform at each first load (100k rows: the five
// range fields besides id took 0.9 of the schema's 3.3 s and 30 MB). Stores created before keep theirs.
CREATE INDEX FOR (n:Institution) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Institution PROPERTIES 1 id;
CREATE INDEX FOR (n:Institution) ON (n.name);
CREATE INDEX FOR (n:Institution) ON (n.kind);
CREATE INDEX FOR (n:Person) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Person PROPERTIES 1 id;
CREATE INDEX FOR (n:Person) ON (n.name);
CREATE INDEX FOR (n:LabCluster) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE LabCluster PROPERTIES 1 id;
CREATE INDEX FOR (n:LabCluster) ON (n.name);
CREATE INDEX FOR (n:IndustrialCluster) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE IndustrialCluster PROPERTIES 1 id;
CREATE INDEX FOR (n:IndustrialCluster) ON (n.name);
CREATE INDEX FOR (n:IndustrialChain) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE IndustrialChain PROPERTIES 1 id;
CREATE INDEX FOR (n:IndustrialChain) ON (n.name);
CREATE INDEX FOR (n:Industry) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Industry PROPERTIES 1 id;
CREATE INDEX FOR (n:Industry) ON (n.name);
CREATE INDEX FOR (n:Zone) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Zone PROPERTIES 1 id;
CREATE INDEX FOR (n:Zone) ON (n.name);
CREATE INDEX FOR (n:Programme) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Programme PROPERTIES 1 id;
CREATE INDEX FOR (n:Programme) ON (n.name);
CREATE INDEX FOR (n:Target) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Target PROPERTIES 1 id;
CREATE INDEX FOR (n:Target) ON (n.year);
CREATE INDEX FOR (n:Target) ON (n.kind);
CREATE INDEX FOR (n:Evidence) ON (n.id);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Evidence PROPERTIES 1 id;
CREATE INDEX FOR (n:Evidence) ON (n.doc_id);

// Chinese search: a full-text index per searchable label over search_text (the node's character bigrams,
// trigrams and jieba tokens, sorted and joined by spaces at ingest by app.services.search_terms). No stop
// words, no stemming: every term is one index token and a query of terms is their intersection.
CALL db.idx.fulltext.createNodeIndex({label: 'Document', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Agency', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Platform', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Institution', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Person', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'LabCluster', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'IndustrialCluster', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'IndustrialChain', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Industry', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Zone', stopwords: []}, {field: 'search_text', nostem: true});
CALL db.idx.fulltext.createNodeIndex({label: 'Programme', stopwords: []}, {field: 'search_text', nostem: true});

// Stores written before search_text (≤ 2026-11-21) kept the terms as a list with a range index: the list
// becomes the text (it is sorted already), then the old indexes go ("no such index" once done: ignored).
MATCH (n:Document) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Agency) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Platform) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Institution) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Person) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:LabCluster) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:IndustrialCluster) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:IndustrialChain) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Industry) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Zone) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
MATCH (n:Programme) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
DROP INDEX FOR (n:Document) ON (n.search_terms);
DROP INDEX FOR (n:Agency) ON (n.search_terms);
DROP INDEX FOR (n:Platform) ON (n.search_terms);
DROP INDEX FOR (n:Institution) ON (n.search_terms);
DROP INDEX FOR (n:Person) ON (n.search_terms);
DROP INDEX FOR (n:LabCluster) ON (n.search_terms);
DROP INDEX FOR (n:IndustrialCluster) ON (n.search_terms);
DROP INDEX FOR (n:IndustrialChain) ON (n.search_terms);
DROP INDEX FOR (n:Industry) ON (n.search_terms);
DROP INDEX FOR (n:Zone) ON (n.search_terms);
DROP INDEX FOR (n:Programme) ON (n.search_terms);
