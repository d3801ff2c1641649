// name: search_term_counts
// description: How often each search term occurs in a sample of the largest searchable labels (up to
// description: $per_label platforms and institutions): the small term-frequency table /search uses to
// description: choose its index anchor (the rarest query term), cached until a load changes the store.
// params: per_label
CALL {
  MATCH (n:Platform) WHERE n.search_terms IS NOT NULL RETURN n.search_terms AS terms LIMIT $per_label
  UNION ALL
  MATCH (n:Institution) WHERE n.search_terms IS NOT NULL RETURN n.search_terms AS terms LIMIT $per_label
}
UNWIND terms AS term
WITH term, count(term) AS n
WHERE n > 1
RETURN term, n
