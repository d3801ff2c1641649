// name: coverage_summary_clear
// description: Delete the coverage summaries of chains no longer in the graph (before the others are rewritten).
// params: keep
MATCH (s:CoverageSummary)
WHERE NOT s.id IN $keep
DELETE s
