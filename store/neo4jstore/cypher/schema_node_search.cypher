// Typo-tolerant search over names and aliases.
CREATE FULLTEXT INDEX node_search IF NOT EXISTS
FOR (n:Node) ON EACH [n.name, n.aliasText]
