// How Gina Raimondo is connected to Kaspersky, ignoring direction and the
// document bookkeeping relationships.
MATCH (a:Person {name: 'Gina Raimondo'})
MATCH (b:Company {name: 'Kaspersky'})
MATCH p = shortestPath((a)-[*..4]-(b))
WHERE none(r IN relationships(p) WHERE type(r) IN ['MENTIONS', 'PUBLISHED_ON'])
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS facts
