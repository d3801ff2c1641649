// name: coverage_summary_get
// description: A chain's coverage summary (app.derive.coverage): the fingerprint it was computed from and the
// description: rows of its coverage reads as JSON. No index: one node per chain (≤ ~1,100), a label scan.
// params: id
MATCH (s:CoverageSummary {id: $id})
RETURN s.basis AS basis, s.rows AS rows
