// The dated facts of the ban: what takes effect or happens when, with the
// quote that says so (evidence is kept as JSON on the relationship).
MATCH (o:Order)-[r:EFFECTIVE_ON|OCCURRED_ON]->(d:Date)
WHERE d.startDate >= date('2024-06-01')
RETURN o.name AS order, type(r) AS fact, r.role AS role, d.date AS date, r.evidence AS evidence
ORDER BY d.startDate
