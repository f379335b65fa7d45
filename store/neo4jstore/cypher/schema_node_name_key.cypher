// Exact name lookup by normalised key (kg.AliasKey of the name).
CREATE INDEX node_name_key IF NOT EXISTS
FOR (n:Node) ON (n.nameKey)
