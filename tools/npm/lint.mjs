// Reads [{"name", "query", "params": [..]}] on stdin; prints [{"name", "diagnostics": [...]}].
// Parameters are declared to the linter so that "parameter not defined" does not drown real errors.
import * as ls from '@neo4j-cypher/language-support';

let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const items = JSON.parse(input);
  const out = items.map(({ name, query, params }) => {
    const parameters = Object.fromEntries((params || []).map((p) => [p, null]));
    const res = ls.lintCypherQuery(query, { parameters });
    const diagnostics = (res.diagnostics || []).map((d) => ({
      severity: d.severity, message: d.message, offsets: d.offsets,
    }));
    return { name, diagnostics };
  });
  process.stdout.write(JSON.stringify(out));
});
