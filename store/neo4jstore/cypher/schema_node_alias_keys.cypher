// Alias lookup: aliasKeyText is "|key1|key2|" over the name and every alias,
// so `aliasKeyText CONTAINS '|key|'` is an exact alias match that a text
// index answers.
CREATE TEXT INDEX node_alias_keys IF NOT EXISTS
FOR (n:Node) ON (n.aliasKeyText)
