// Package graph is the GraphQL layer: the schema (graph/*.graphqls), the code
// gqlgen generates from it, and the HTTP handler that serves it with its
// limits. Resolvers live in graph/resolvers, the objects they return in
// graph/model.
package graph

//go:generate go tool gqlgen generate
