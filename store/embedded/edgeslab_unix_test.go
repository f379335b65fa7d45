//go:build unix

package embedded

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/kg"
)

// onOffHeapRec reports whether the record itself lies outside the heap.
func onOffHeapRec(r *edgeRec) bool {
	return offHeapRange(uintptr(unsafe.Pointer(r)), unsafe.Sizeof(*r))
}

// A record goes off the heap only when none of its pointers leads into
// the heap: the collector would not see such a pointer and could free
// what it points to.
func TestOnlyEdgesWithoutHeapPointersGoOffTheHeap(t *testing.T) {
	st := newState()
	a := st.bytes
	doc := a.clone("doc:1")
	offEdge := func() kg.Edge {
		return kg.Edge{
			ID: a.clone("e:1"), Type: kg.RelIssued, Source: a.clone("n:1"), Target: a.clone("n:2"),
			Evidence:  st.evidence.keep([]kg.Evidence{{DocumentID: doc, Quote: a.clone("issued it")}}),
			Documents: st.shared([]string{doc}), Clusters: st.shared([]string{a.clone("c:1")}),
			FirstSeen: a.clone("2024-06-20"), LastSeen: a.clone("2024-06-20"),
		}
	}
	emptyFromHeap := strings.Clone("2024-06-20")[:0]
	cases := []struct {
		name   string
		change func(e *kg.Edge)
		off    bool
	}{
		{"every pointer off the heap", func(*kg.Edge) {}, true},
		{"no lists and no dates", func(e *kg.Edge) { e.Evidence, e.Documents, e.Clusters, e.FirstSeen, e.LastSeen = nil, nil, nil, "", "" }, true},
		{"an attribute map of its own", func(e *kg.Edge) { e.Attrs = map[string]string{kg.AttrRole: "x"} }, false},
		{"a shared attribute map", func(e *kg.Edge) { e.Attrs = shareAttrs(map[string]string{kg.AttrRole: "x"}) }, true},
		{"a heap source", func(e *kg.Edge) { e.Source = strings.Clone("n:1") }, false},
		{"a type equal to kg's but decoded", func(e *kg.Edge) { e.Type = kg.RelType(strings.Clone(string(kg.RelIssued))) }, false},
		{"an unknown type", func(e *kg.Edge) { e.Type = "NOT_A_TYPE" }, false},
		{"a document list on the heap", func(e *kg.Edge) { e.Documents = []string{doc, doc} }, false},
		{"a heap quote", func(e *kg.Edge) { e.Evidence = []kg.Evidence{{DocumentID: doc, Quote: strings.Clone("q")}} }, false},
		{"an empty list cut from a heap array", func(e *kg.Edge) { e.Clusters = make([]string, 1)[:0] }, false},
		{"an empty date cut from a heap string", func(e *kg.Edge) { e.LastSeen = emptyFromHeap }, false},
	}
	var slab edgeSlab
	for _, c := range cases {
		e := offEdge()
		c.change(&e)
		rec := edgeRec{e: e, src: 1, dst: 2, typ: 3}
		got := slab.place(rec)
		if !reflect.DeepEqual(*got, rec) {
			t.Fatalf("%s: placed %+v, want %+v", c.name, *got, rec)
		}
		if onOffHeapRec(got) != c.off {
			t.Errorf("%s: off the heap = %v, want %v", c.name, !c.off, c.off)
		}
	}
}

// Records read the same after collections that free and reuse the heap
// around them, whatever their strings: a record put off the heap while
// one of its strings lived only on the heap would read freed memory once
// the caller dropped its copy.
func TestEdgeRecordsSurviveCollections(t *testing.T) {
	st := newState()
	source := func(i int) string { return fmt.Sprintf("node:%d:%s", i, strings.Repeat("s", 40)) }
	kept := make([]*edgeRec, 0, 4000)
	for i := range 4000 {
		src := source(i)
		if i%2 == 0 {
			src = st.bytes.clone(src) // every other source lives off the heap
		}
		e := kg.Edge{ID: st.bytes.clone(fmt.Sprintf("e:%d", i)), Type: kg.RelTypes[i%len(kg.RelTypes)], Source: src, Target: st.bytes.clone("node:t")}
		kept = append(kept, st.edgeRecs.place(edgeRec{e: e, src: int32(i)}))
	}
	churnHeap()
	for i, r := range kept {
		if r.e.Source != source(i) || r.e.ID != fmt.Sprintf("e:%d", i) || r.e.Target != "node:t" || r.src != int32(i) {
			t.Fatalf("record %d reads %+v after collections", i, *r)
		}
		if onOffHeapRec(r) != (i%2 == 0) {
			t.Fatalf("record %d: off the heap = %v, want %v", i, !(i%2 == 0), i%2 == 0)
		}
	}
}

// Through ingestion, an edge is off the heap exactly when offHeapEdge
// allows it: those with a few sources are, and those whose lists grew past
// the slabs' limit, which stay on the heap, keep their records there too.
// A small pool of entities makes edges recur across documents.
func TestIngestedEdgesGoOffTheHeap(t *testing.T) {
	s := synth{pool: 6, perDoc: 6, edgesPerDoc: 5}.store(600)
	defer s.Close()
	s.mu.RLock()
	defer s.mu.RUnlock()
	off, many := 0, 0
	for _, r := range s.st.edges {
		if onOffHeapRec(r) != offHeapEdge(&r.e) {
			t.Fatalf("edge %s: off the heap = %v, allowed = %v", r.e.ID, onOffHeapRec(r), offHeapEdge(&r.e))
		}
		if onOffHeapRec(r) {
			off++
		}
		if len(r.e.Documents) > slabMax {
			many++
			if onOffHeapRec(r) {
				t.Errorf("edge %s has %d documents, a list on the heap, and its record is off it", r.e.ID, len(r.e.Documents))
			}
		} else if len(r.e.Evidence) <= slabMax && !onOffHeapRec(r) {
			t.Errorf("edge %s has short lists and stayed on the heap", r.e.ID)
		}
	}
	if off == 0 || many == 0 {
		t.Fatalf("%d of %d edges off the heap, %d with many documents: the corpus does not test both placements", off, len(s.st.edges), many)
	}
}
