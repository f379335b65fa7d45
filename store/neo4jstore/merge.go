package neo4jstore

import "github.com/newsgraph/newsgraph/kg"

// The merge rules are the store contract's (kg.MergeNode, kg.MergeEdge).
// They run in Go inside the write transaction, on nodes and relationships
// read under a write lock, because Cypher has no sorted set union without
// plugins. These adapters take the stored value as a pointer, nil when new.

// mergeNode folds in into old (which may be nil) and returns the result.
func mergeNode(old *kg.Node, in kg.Node) kg.Node {
	if old == nil {
		return kg.MergeNode(kg.Node{}, in)
	}
	return kg.MergeNode(*old, in)
}

// mergeEdge folds in into old (which may be nil) and returns the result.
func mergeEdge(old *kg.Edge, in kg.Edge) kg.Edge {
	if old == nil {
		return kg.MergeEdge(kg.Edge{}, in)
	}
	return kg.MergeEdge(*old, in)
}
