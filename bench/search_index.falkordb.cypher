// Range indexes on search_terms (FalkorDB indexes list elements: `$t IN n.search_terms` becomes an
// index scan). Proposed for cypher/schema/falkordb.cypher; the benchmark applies them itself meanwhile.
CREATE INDEX FOR (n:Platform) ON (n.search_terms);
CREATE INDEX FOR (n:Institution) ON (n.search_terms);
CREATE INDEX FOR (n:LabCluster) ON (n.search_terms);
CREATE INDEX FOR (n:IndustrialCluster) ON (n.search_terms);
CREATE INDEX FOR (n:IndustrialChain) ON (n.search_terms);
CREATE INDEX FOR (n:Person) ON (n.search_terms);
CREATE INDEX FOR (n:Document) ON (n.search_terms);
CREATE INDEX FOR (n:Agency) ON (n.search_terms);
CREATE INDEX FOR (n:Industry) ON (n.search_terms);
CREATE INDEX FOR (n:Zone) ON (n.search_terms);
CREATE INDEX FOR (n:Programme) ON (n.search_terms);
