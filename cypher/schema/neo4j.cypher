// Schema for Neo4j 5 (applied by `innokg init`). Labels and keys are owned by app/graph/schema.py;
// tests/test_schema_files.py checks that every label there has its constraint and indexes here.
// Neo4j 5: one uniqueness constraint per label on `id`, range indexes on lookups.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX document_sha256 IF NOT EXISTS FOR (n:Document) ON (n.sha256);
CREATE INDEX document_kind IF NOT EXISTS FOR (n:Document) ON (n.kind);
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX region_code IF NOT EXISTS FOR (n:Region) ON (n.code);
CREATE CONSTRAINT category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE;
CREATE INDEX category_name IF NOT EXISTS FOR (n:Category) ON (n.name);
CREATE CONSTRAINT platformtype_id IF NOT EXISTS FOR (n:PlatformType) REQUIRE n.id IS UNIQUE;
CREATE INDEX platformtype_name IF NOT EXISTS FOR (n:PlatformType) ON (n.name);
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE INDEX platform_name IF NOT EXISTS FOR (n:Platform) ON (n.name);
CREATE INDEX platform_type IF NOT EXISTS FOR (n:Platform) ON (n.type);
CREATE INDEX platform_region IF NOT EXISTS FOR (n:Platform) ON (n.region);
// No index on Platform.host / .status: no query looks a platform up by them (see falkordb.cypher).
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE INDEX institution_name IF NOT EXISTS FOR (n:Institution) ON (n.name);
CREATE INDEX institution_kind IF NOT EXISTS FOR (n:Institution) ON (n.kind);
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE CONSTRAINT labcluster_id IF NOT EXISTS FOR (n:LabCluster) REQUIRE n.id IS UNIQUE;
CREATE INDEX labcluster_name IF NOT EXISTS FOR (n:LabCluster) ON (n.name);
CREATE CONSTRAINT industrialcluster_id IF NOT EXISTS FOR (n:IndustrialCluster) REQUIRE n.id IS UNIQUE;
CREATE INDEX industrialcluster_name IF NOT EXISTS FOR (n:IndustrialCluster) ON (n.name);
CREATE CONSTRAINT industrialchain_id IF NOT EXISTS FOR (n:IndustrialChain) REQUIRE n.id IS UNIQUE;
CREATE INDEX industrialchain_name IF NOT EXISTS FOR (n:IndustrialChain) ON (n.name);
CREATE CONSTRAINT industry_id IF NOT EXISTS FOR (n:Industry) REQUIRE n.id IS UNIQUE;
CREATE INDEX industry_name IF NOT EXISTS FOR (n:Industry) ON (n.name);
CREATE CONSTRAINT zone_id IF NOT EXISTS FOR (n:Zone) REQUIRE n.id IS UNIQUE;
CREATE INDEX zone_name IF NOT EXISTS FOR (n:Zone) ON (n.name);
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE;
CREATE INDEX programme_name IF NOT EXISTS FOR (n:Programme) ON (n.name);
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE INDEX target_year IF NOT EXISTS FOR (n:Target) ON (n.year);
CREATE INDEX target_kind IF NOT EXISTS FOR (n:Target) ON (n.kind);
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;
CREATE INDEX evidence_doc_id IF NOT EXISTS FOR (n:Evidence) ON (n.doc_id);

// Chinese search: a full-text index per searchable label over search_text (the node's character bigrams,
// trigrams and jieba tokens, sorted and joined by spaces at ingest; whitespace analyser so every term stays one
// Lucene term), as FalkorDB has (falkordb.cypher): search_entities.neo4j.cypher caps candidates per label the
// same way. The one index over all labels that came before (innokg_search_text) is dropped.
CREATE FULLTEXT INDEX search_document IF NOT EXISTS FOR (n:Document) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_agency IF NOT EXISTS FOR (n:Agency) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_platform IF NOT EXISTS FOR (n:Platform) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_institution IF NOT EXISTS FOR (n:Institution) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_person IF NOT EXISTS FOR (n:Person) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_labcluster IF NOT EXISTS FOR (n:LabCluster) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_industrialcluster IF NOT EXISTS FOR (n:IndustrialCluster) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_industrialchain IF NOT EXISTS FOR (n:IndustrialChain) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_industry IF NOT EXISTS FOR (n:Industry) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_zone IF NOT EXISTS FOR (n:Zone) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_programme IF NOT EXISTS FOR (n:Programme) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
// Exact names, the candidates search_entities.neo4j.cypher adds to the full-text hits (a broad name such as
// 重点实验室 may rank past the cap in search_<label>): one keyword full-text index over the names of every
// searchable label, so the statement asks one index instead of one range index per label (a UNION branch each,
// slow to plan). The keyword analyser keeps the whole name as one term: a quoted query is an exact match.
CREATE FULLTEXT INDEX search_name IF NOT EXISTS
FOR (n:Document|Agency|Platform|Institution|Person|LabCluster|IndustrialCluster|IndustrialChain|Industry|Zone|Programme)
ON EACH [n.name]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// A single character has no bigram: search_contains.neo4j.cypher answers it from a TEXT index (CONTAINS) per
// searchable label on the name (a document's title), instead of scanning every node.
CREATE TEXT INDEX document_title_text IF NOT EXISTS FOR (n:Document) ON (n.title);
CREATE TEXT INDEX agency_name_text IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE TEXT INDEX platform_name_text IF NOT EXISTS FOR (n:Platform) ON (n.name);
CREATE TEXT INDEX institution_name_text IF NOT EXISTS FOR (n:Institution) ON (n.name);
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE TEXT INDEX labcluster_name_text IF NOT EXISTS FOR (n:LabCluster) ON (n.name);
CREATE TEXT INDEX industrialcluster_name_text IF NOT EXISTS FOR (n:IndustrialCluster) ON (n.name);
CREATE TEXT INDEX industrialchain_name_text IF NOT EXISTS FOR (n:IndustrialChain) ON (n.name);
CREATE TEXT INDEX industry_name_text IF NOT EXISTS FOR (n:Industry) ON (n.name);
CREATE TEXT INDEX zone_name_text IF NOT EXISTS FOR (n:Zone) ON (n.name);
CREATE TEXT INDEX programme_name_text IF NOT EXISTS FOR (n:Programme) ON (n.name);
DROP INDEX innokg_search_text IF EXISTS;

// Stores written before search_text (≤ 2026-11-21) kept the terms as a list under innokg_search: the list
// becomes the text (it is sorted already), then the old index goes.
MATCH (n) WHERE n.search_terms IS NOT NULL
SET n.search_text = reduce(s = head(n.search_terms), t IN tail(n.search_terms) | s + ' ' + t)
REMOVE n.search_terms;
DROP INDEX innokg_search IF EXISTS;

// Indexes created over existing nodes are populated in the background: return once they are online
// (a full-text search answers nothing before).
CALL db.awaitIndexes(1800);
