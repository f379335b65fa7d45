// Dated facts whose date's period overlaps [$from, $to] (day bounds),
// optionally about one node or what is directly linked to it.
MATCH (s:Node)-[r]->(d:Date)
WHERE type(r) IN $types
  AND ($from = '' OR d.rangeEnd >= $from)
  AND ($to = '' OR d.rangeStart <= $to)
  AND ($about = '' OR s.id = $about
       OR EXISTS { MATCH (s)-[x]-(:Node {id: $about}) WHERE type(x) <> 'MENTIONS' })
RETURN r, s, d
ORDER BY d.rangeStart, r.id
