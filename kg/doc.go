// Package kg is the domain of the knowledge graph: the ontology (node kinds
// and relationship types), the records a document is turned into, the
// errors clients see, and the Store interface that every storage backend
// implements.
//
// It depends on nothing but the standard library so that the loader, the
// stores and the GraphQL layer can all share it without import cycles. The
// layout follows the "domain package at the root" pattern: implementations
// live in their own packages (store/embedded, store/neo4jstore) and prove at
// compile time that they satisfy Store.
package kg
