// Runs last: waits (up to 60 s) until the indexes created above are online,
// so the first search after a fresh start does not hit a populating index.
CALL db.awaitIndexes(60)
