// Package model holds the Go objects the GraphQL schema is bound to. Most
// of them are thin, read-only views over the domain records of package kg:
// they choose how a record is presented (null for unknown values, labels and
// weights for drawing) and hold no storage logic. models_gen.go is written by
// gqlgen.
package model
