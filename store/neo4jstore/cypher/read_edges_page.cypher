// One page of relationships by ID after a cursor.
MATCH (a:Node)-[r]->(b:Node)
WHERE type(r) IN $types
  AND ($source = '' OR a.id = $source)
  AND ($target = '' OR b.id = $target)
  AND ($document = '' OR $document IN r.documents)
  AND r.sources >= $minSources
  AND r.independentSources >= $minIndependent
  AND r.id > $after
RETURN r, a.id AS source, b.id AS target
ORDER BY r.id
LIMIT $limit
