MATCH (d:Node {id: $id})
SET d:Document, d += $props
RETURN d.id AS id
