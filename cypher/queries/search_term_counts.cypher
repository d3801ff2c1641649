// name: search_term_counts
// description: How often each search term occurs in a uniform random sample of the largest searchable
// description: labels (each platform kept with probability $platform_share, each institution with
// description: $institution_share; 1.0 = all): the small term-frequency table /search uses to choose its
// description: index anchor (the rarest query term), cached until a load changes the store. Terms seen
// description: once are left out.
// params: platform_share, institution_share
CALL {
  MATCH (n:Platform) WHERE n.search_terms IS NOT NULL AND rand() < $platform_share
  RETURN n.search_terms AS terms
  UNION ALL
  MATCH (n:Institution) WHERE n.search_terms IS NOT NULL AND rand() < $institution_share
  RETURN n.search_terms AS terms
}
UNWIND terms AS term
WITH term, count(term) AS n
WHERE n > 1
RETURN term, n
