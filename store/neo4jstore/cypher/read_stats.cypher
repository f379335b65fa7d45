MATCH (n:Node)
RETURN 'node' AS what, n.kind AS key, count(*) AS total
UNION ALL
MATCH (:Node)-[r]->(:Node)
RETURN 'edge' AS what, type(r) AS key, count(*) AS total
