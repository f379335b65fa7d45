package kg

// EdgeWindow is the part of each node's matching edges EdgePages returns:
// the First edges in edge ID order whose ID is greater than After. It
// lets a page of relationships be read without the store handing over
// (and the caller sorting) every edge of a hub to keep ten of them.
type EdgeWindow struct {
	First int    // edges per node; 0 asks for the counts alone, < 0 counts as 0
	After string // an edge ID, exclusive; "" starts at the node's first edge
}

// EdgeWindowPage is one node's window of matching edges.
type EdgeWindowPage struct {
	// Edges are at most First edges with ID > After, ordered by ID. Like
	// every value a Store returns, they are the caller's.
	Edges []*Edge
	// TotalCount counts every matching edge of the node, wherever the
	// window lies, so a connection's totalCount stays exact.
	TotalCount int
	// HasNextPage reports matching edges after the last one of Edges
	// (after After when Edges is empty).
	HasNextPage bool
}
