// name: platform_names
// description: Every platform's id and name in id order (bench_load.py --search draws its queries from them:
// description: the same draw on any store holding the same platforms).
MATCH (p:Platform)
RETURN p.id AS id, p.name AS name
ORDER BY id
