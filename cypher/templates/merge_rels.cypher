// name: merge_rels
// description: Upsert relationships of one type between existing nodes. `key` tells apart several
// description: relationships of one type between the same nodes (e.g. a transition stated by two
// description: provinces); `docs` and `evidence` accumulate the sources that state the fact.
// params: rows
UNWIND $rows AS row
MATCH (a:{src} {id: row.src})
MATCH (b:{dst} {id: row.dst})
MERGE (a)-[r:{rel} {key: row.key}]->(b)
SET r += row.props
SET r.docs = [x IN coalesce(r.docs, []) WHERE x <> row.doc] + [row.doc],
    r.evidence = [x IN coalesce(r.evidence, []) WHERE NOT x IN row.evidence] + row.evidence
RETURN count(r) AS merged
