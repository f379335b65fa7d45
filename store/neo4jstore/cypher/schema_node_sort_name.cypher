CREATE INDEX node_sort_name IF NOT EXISTS
FOR (n:Node) ON (n.sortName)
