package embedded

import (
	"unsafe"

	"github.com/newsgraph/newsgraph/kg"
)

// edgeSlab places edge records. A record whose every pointer leads outside
// the heap (see offHeapEdge) is copied into a block of records outside the
// heap, which the collector neither marks nor scans; any other record is
// an object of its own on the heap. At full scale all but 2,235 of the
// 1.36 million edges qualify (those left have more than four pieces of
// evidence or sources, lists kept on the heap), and the records had been
// the largest group of objects on the heap (see bench/RESULTS.md for what
// a collection cost before and after).
//
// Records are copy-on-write (see nodeRec): a merge places a new record and
// the old one stays in its block for good, since a reader may still hold
// it. That is one record (about 200 bytes) per merge of an edge that
// lives off the heap, bounded by the extractions ingested, like the log.
// Only the store's one writer uses it.
type edgeSlab struct {
	off []edgeRec
}

// edgeBlock is how many records one block holds.
const edgeBlock = 4096

// place returns where r is kept: in off-heap memory when offHeapEdge
// allows it and there is such memory, else on the heap.
func (s *edgeSlab) place(r edgeRec) *edgeRec {
	if !offHeapEdge(&r.e) {
		return &r
	}
	if len(s.off) == cap(s.off) {
		s.off = offHeapSlice[edgeRec](edgeBlock)
		if s.off == nil {
			return &r
		}
		s.off = s.off[:0]
	}
	s.off = append(s.off, r)
	return &s.off[len(s.off)-1]
}

// offHeapEdge reports whether every pointer of e leads outside the heap,
// so that the collector need not see e: its strings are the interner's
// off-heap copies or kg's constants, its lists off-heap or nil, and its
// attribute map, if any, one of the shared maps the process keeps alive.
func offHeapEdge(e *kg.Edge) bool {
	if (e.Attrs != nil && !isSharedAttrs(e.Attrs)) || !canonicalConstant(e.Type) {
		return false
	}
	if !offHeapString(e.ID) || !offHeapString(e.Source) || !offHeapString(e.Target) ||
		!offHeapOrEmpty(e.FirstSeen) || !offHeapOrEmpty(e.LastSeen) {
		return false
	}
	if !offHeapList(e.Evidence) || !offHeapEvidence(e.Evidence) {
		return false
	}
	return offHeapStrings(e.Documents) && offHeapStrings(e.Clusters)
}

// offHeapStrings reports whether xs and all its strings lie outside the
// heap (or xs is nil).
func offHeapStrings(xs []string) bool {
	return offHeapList(xs) && offHeapElems(xs)
}

// offHeapElems reports whether every string of xs lies outside the heap.
func offHeapElems(xs []string) bool {
	for _, x := range xs {
		if !offHeapString(x) {
			return false
		}
	}
	return true
}

// canonicalConstant reports whether t is kg's constant for its type, not
// merely equal to it: the constant's bytes are in the binary, where the
// collector never frees anything, while an equal string decoded from the
// log is a heap object.
func canonicalConstant(t kg.RelType) bool {
	i, ok := typeIndex[t]
	return ok && unsafe.StringData(string(t)) == unsafe.StringData(string(kg.RelTypes[i]))
}
