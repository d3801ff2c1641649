// name: nodes_existing
// description: Which of the given node ids of one label the store holds ({label} from
// description: app.graph.schema.Label): lab-cluster members are linked to platforms and institutions
// description: loaded from inventories before any new node is created for them.
// params: ids
UNWIND $ids AS id
MATCH (n:{label} {id: id})
RETURN n.id AS id
