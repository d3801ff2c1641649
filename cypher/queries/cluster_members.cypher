// name: cluster_members
// description: Members of one lab cluster with their role and kind (Platform, Institution by kind:
// description: university/enterprise/institute/service/finance…, Person); filter by role and by kind
// description: (a label or an institution kind); paginated, with the total.
// params: id, role, kind, skip, limit
MATCH (c:LabCluster {id: $id})<-[r:MEMBER_OF]-(m)
WITH m, r, labels(m)[0] AS label
WITH m, r, label, CASE WHEN label = 'Institution' THEN coalesce(m.kind, 'institution') ELSE toLower(label) END AS kind
WHERE ($role IS NULL OR r.role = $role) AND ($kind IS NULL OR kind = $kind OR label = $kind)
WITH m, r, label, kind ORDER BY label, m.name
WITH collect({id: m.id, label: label, kind: kind, name: m.name, role: r.role, type: m.type, level: m.level}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS items
