// name: coverage_summary_write
// description: Write coverage summaries: {id, rows} items, all computed from the store fingerprint $basis.
// params: basis, items
UNWIND $items AS it
MERGE (s:CoverageSummary {id: it.id})
SET s.basis = $basis, s.rows = it.rows
