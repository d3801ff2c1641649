// name: platforms_id_span
// description: How many platforms there are and the span of their internal ids: the derive step cuts it into
// description: ranges of about equal size for platforms_fields.
// params:
MATCH (p:Platform)
RETURN count(p) AS n, min(id(p)) AS lo, max(id(p)) AS hi
