// name: coverage_summary_bases
// description: The fingerprints the coverage summaries were computed from (one when they are current).
// params:
MATCH (s:CoverageSummary)
RETURN DISTINCT s.basis AS basis
