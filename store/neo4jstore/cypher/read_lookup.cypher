// Nodes (of one kind, or any when $kind is empty) with a name or alias whose key is exactly $key
// ($needle is "|" + key + "|").
MATCH (n:Node)
WHERE n.aliasKeyText CONTAINS $needle AND ($kind = '' OR n.kind = $kind)
RETURN n
ORDER BY n.id
