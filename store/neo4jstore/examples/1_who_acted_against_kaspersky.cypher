// Who did what to Kaspersky, best supported first: every fact touching the
// company, with how many documents and independent stories support it.
MATCH (c:Company {name: 'Kaspersky'})-[r]-(other:Node)
WHERE NOT type(r) IN ['MENTIONS', 'PUBLISHED_ON']
RETURN type(r) AS fact, other.name AS other, labels(other) AS labels,
       r.sources AS documents, r.independentSources AS stories
ORDER BY stories DESC, documents DESC
