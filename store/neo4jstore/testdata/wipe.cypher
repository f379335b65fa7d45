// Test only: empties the database between contract subtests.
MATCH (n)
DETACH DELETE n
