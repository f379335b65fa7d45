// Near-duplicate candidates: same cluster, or any shared LSH band.
MATCH (d:Document)
WHERE d.cluster = $cluster OR any(b IN d.bands WHERE b IN $bands)
RETURN d
ORDER BY d.id
LIMIT $limit
