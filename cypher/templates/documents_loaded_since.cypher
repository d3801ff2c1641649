// name: documents_loaded_since
// description: How many other documents completed a load after a time (ISO-8601 UTC strings compare
// description: in time order); used to tell whether derived facts predate a load.
// params: id, since
MATCH (d:Document)
WHERE d.id <> $id AND d.loaded_at > $since
RETURN count(d) AS n
