//go:build unix

package embedded

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/newsgraph/newsgraph/kg"
)

// longEvidence is a list of n pieces of evidence whose strings live in a.
func longEvidence(a *arena, i, n int) []kg.Evidence {
	ev := make([]kg.Evidence, n)
	for j := range ev {
		ev[j] = kg.Evidence{DocumentID: a.clone(fmt.Sprintf("doc:%d", j)), Sentence: i, Start: j, End: j + 3, Quote: a.clone(fmt.Sprintf("quote %d of list %d", j, i))}
	}
	return ev
}

// heapScanned is how many heap bytes the collector scanned in a full
// collection with keep alive.
func heapScanned(keep any) uint64 {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	runtime.KeepAlive(keep)
	return s[0].Value.Uint64()
}

// The collector marks a noscanCopy list but does not read it: holding
// 14 MB of long evidence lists as copies must cost a collection far fewer
// scanned bytes than holding the same lists as ordinary slices. A copy
// allocated with the element type (and so scanned) fails this.
func TestNoscanCopyIsNotScanned(t *testing.T) {
	var a arena
	const lists, perList = 4000, 64
	var plain, copies [][]kg.Evidence
	for i := range lists {
		plain = append(plain, longEvidence(&a, i, perList))
	}
	scannedPlain := heapScanned(plain)
	for _, ev := range plain {
		copies = append(copies, noscanCopy(ev))
	}
	plain = nil
	scannedCopies := heapScanned(copies)
	size := uint64(lists*perList) * uint64(unsafe.Sizeof(kg.Evidence{}))
	if scannedPlain < scannedCopies+size/2 {
		t.Fatalf("scanned %d bytes with %d bytes of ordinary lists, %d with their copies: the copies were scanned", scannedPlain, size, scannedCopies)
	}
	for i, ev := range copies {
		if len(ev) != perList || cap(ev) != perList || ev[perList-1].Quote != fmt.Sprintf("quote %d of list %d", perList-1, i) {
			t.Fatalf("copy %d reads %+v", i, ev[perList-1])
		}
	}
}

// A copy keeps its values through collections that reuse the heap around
// it, and the collector frees it once nothing points to it, which
// off-heap memory never is: a list replaced by every merge of a hub would
// otherwise stay for good.
func TestNoscanCopySurvivesAndIsFreed(t *testing.T) {
	var a arena
	want := longEvidence(&a, 7, 100)
	got := noscanCopy(slices.Clone(want))
	churnHeap()
	if !slices.Equal(got, want) {
		t.Fatal("the copy changed after collections")
	}
	freed := make(chan struct{})
	runtime.AddCleanup(&got[0], func(ch chan struct{}) { close(ch) }, freed)
	got = nil
	for range 20 {
		runtime.GC()
		select {
		case <-freed:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("a copy nothing points to was never freed")
}

// Long lists go to a copy only when every string in them is off the heap:
// the copy hides its pointers from the collector, so one into the heap
// would leave its string unprotected. Short lists still go to the slabs.
func TestLongListsSkipTheScanOnlyWithOffHeapStrings(t *testing.T) {
	s := newState()
	long := longEvidence(s.bytes, 1, slabMax+3)
	got := s.evidence.keep(long)
	if !slices.Equal(got, long) || &got[0] == &long[0] || onOffHeap(got) {
		t.Error("a long list of arena strings was not copied to the heap")
	}
	withHeapQuote := slices.Clone(long)
	withHeapQuote[2].Quote = strings.Clone("a quote the arena never saw")
	if got := s.evidence.keep(withHeapQuote); &got[0] != &withHeapQuote[0] {
		t.Error("a long list holding a heap string was copied where the collector does not look")
	}

	docs := make([]string, slabMax+2)
	for i := range docs {
		docs[i] = s.bytes.clone(fmt.Sprintf("doc:%d", i))
	}
	old := kg.Node{Documents: slices.Clone(docs[:2]), Mentions: slices.Clone(long[:2])}
	n := kg.Node{Documents: docs, Mentions: long}
	s.shareNodeLists(&n, &old)
	if &n.Documents[0] == &docs[0] || &n.Mentions[0] == &long[0] || !slices.Equal(n.Documents, docs) || !slices.Equal(n.Mentions, long) {
		t.Error("a node's long lists of arena strings were not copied")
	}
}

// At ingestion, every node's long mention list whose strings are all off
// the heap is a copy the collector does not scan: swapping those lists for
// ordinary slices of the same values must add about their size to what a
// collection scans. Had ingestion kept ordinary slices, the swap would
// change nothing and this fails.
func TestIngestedMentionListsSkipTheScan(t *testing.T) {
	s := synth{pool: 40, perDoc: 6, edgesPerDoc: 5}.store(3000)
	defer s.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	var long []*nodeRec
	size := 0
	for _, r := range s.st.nodes {
		if len(r.n.Mentions) > slabMax && offHeapEvidence(r.n.Mentions) {
			long = append(long, r)
			size += len(r.n.Mentions) * int(unsafe.Sizeof(kg.Evidence{}))
		}
	}
	if size < 512<<10 {
		t.Fatalf("the long mention lists of arena strings hold %d bytes; the corpus no longer tests this", size)
	}
	before := heapScanned(s)
	for _, r := range long {
		r.n.Mentions = slices.Clone(r.n.Mentions)
	}
	after := heapScanned(s)
	if after < before+uint64(size)/2 {
		t.Fatalf("a collection scanned %d bytes with the store's lists and %d with ordinary copies of their %d bytes: the store's were scanned too", before, after, size)
	}
}
