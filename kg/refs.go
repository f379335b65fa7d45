package kg

// Refs points at each element of xs. Subgraphs, paths and edge windows
// hold pointers, so that a store can share its immutable values; code
// holding values of its own (decoded rows, a page) passes them this way.
func Refs[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}
