package embedded

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// searchIndex finds alias keys by prefix, substring and edit distance
// without scanning every name. Terms are whole alias keys and the words
// inside them; a padded trigram index over terms yields candidates that
// are then verified exactly.
type searchIndex struct {
	terms     []string
	runes     []int32                 // runes[t] is the length of terms[t] in runes
	isKey     []bool                  // the term is a whole alias key (else only a word of one)
	termIdx   map[string]int32        // term -> index in terms
	wordNodes [][]int32               // term -> nodes with a key containing it as a word (may repeat)
	grams     map[gram][]posting      // padded trigram -> postings, ascending by term
	pending   []keyEntry              // keys added since the sorted list was last rebuilt
	dirty     atomic.Bool             // pending is not empty
	keys      atomic.Pointer[keyList] // whole alias keys, sorted, for prefix scans
	mu        sync.Mutex              // serialises readers rebuilding keys
	typoBufs  typoBufs
}

// keyEntry is an alias key and its length in runes, which is all the
// prefix and substring tiers need to score it.
type keyEntry struct {
	k     string
	runes int32
}

// keyList is every whole alias key, sorted.
type keyList []keyEntry

// lowerBound is the index of the first key not less than s.
func (l keyList) lowerBound(s string) int {
	return sort.Search(len(l), func(i int) bool { return l[i].k >= s })
}

func newSearchIndex() *searchIndex {
	x := &searchIndex{termIdx: map[string]int32{}, grams: map[gram][]posting{}}
	x.keys.Store(&keyList{})
	return x
}

// add indexes alias key k of node n. The caller holds the write lock.
func (x *searchIndex) add(k string, n int32) {
	t := x.term(k)
	if !x.isKey[t] {
		x.isKey[t] = true
		x.pending = append(x.pending, keyEntry{k, x.runes[t]})
		x.dirty.Store(true)
	}
	words := strings.Fields(k)
	for i, w := range words {
		if slices.Contains(words[:i], w) {
			continue
		}
		t := x.term(w)
		x.wordNodes[t] = append(x.wordNodes[t], n)
	}
}

func (x *searchIndex) term(s string) int32 {
	if t, ok := x.termIdx[s]; ok {
		return t
	}
	t := int32(len(x.terms))
	x.terms = append(x.terms, s)
	x.runes = append(x.runes, int32(utf8.RuneCountInString(s)))
	x.isKey = append(x.isKey, false)
	x.wordNodes = append(x.wordNodes, nil)
	x.termIdx[s] = t
	if p, ok := pack(t, x.runes[t]); ok {
		for _, g := range uniqGrams(appendTrigrams(nil, s, true)) {
			x.grams[g] = append(x.grams[g], p)
		}
	}
	return t
}

// sortedKeys returns every whole key, sorted. The caller holds the read
// lock. Keys added since the last call are merged in by the first reader
// to ask; the others wait for it rather than merge again.
func (x *searchIndex) sortedKeys() keyList {
	if x.dirty.Load() {
		x.mu.Lock()
		if x.dirty.Load() {
			add := slices.Clone(x.pending)
			slices.SortFunc(add, func(a, b keyEntry) int { return strings.Compare(a.k, b.k) })
			merged := keyList(mergeInto(*x.keys.Load(), add, func(a, b keyEntry) int { return strings.Compare(a.k, b.k) }))
			x.keys.Store(&merged)
			x.pending = nil
			x.dirty.Store(false)
		}
		x.mu.Unlock()
	}
	return *x.keys.Load()
}

// posting is a term index with the term's length in runes (saturated) in
// its low bits: the typo pass drops terms of the wrong length while
// reading a posting list in order, without touching anything else, and
// postings of one term compare equal in every list, so lists still
// intersect and merge as plain sorted integers.
type posting uint32

const (
	lenBits  = 7
	lenMax   = 1<<lenBits - 1 // lengths of lenMax runes or more are stored as lenMax
	maxTerms = 1 << (32 - lenBits)
)

// pack makes the posting of term t of n runes; ok is false for terms past
// the 2^25th, which stay findable by exact match and prefix only.
func pack(t, n int32) (posting, bool) {
	if t >= maxTerms {
		return 0, false
	}
	return posting(t)<<lenBits | posting(min(n, lenMax)), true
}

func (p posting) term() int32 { return int32(p >> lenBits) }

// lenWithin reports whether the posting's term has between lo and hi
// runes; a saturated length counts as within when hi reaches it.
func (p posting) lenWithin(lo, hi int) bool {
	n := int(p & lenMax)
	if n == lenMax {
		return hi >= lenMax
	}
	return n >= lo && n <= hi
}

// gram is a trigram packed into an integer (21 bits per rune), so that
// indexing a term allocates no strings.
type gram uint64

// appendTrigrams appends the trigrams of s's runes to dst; padded adds a
// start and an end marker so that short terms and word edges count.
func appendTrigrams(dst []gram, s string, padded bool) []gram {
	var r0, r1 rune
	n := 0
	push := func(r rune) {
		if n >= 2 {
			dst = append(dst, gram(r0)<<42|gram(r1)<<21|gram(r))
		}
		r0, r1 = r1, r
		n++
	}
	if padded {
		push('^')
	}
	for _, r := range s {
		push(r)
	}
	if padded {
		push('$')
	}
	return dst
}

func uniqGrams(gs []gram) []gram {
	slices.Sort(gs)
	return slices.Compact(gs)
}

// intersect returns the terms of at least minRunes runes containing every
// trigram in gs (as candidates: the order of trigrams is not checked), in
// sc's buffers. The rarest list seeds the candidates, filtered by length
// on the postings themselves, and each other list is galloped through.
func (x *searchIndex) intersect(sc *scratch, gs []gram, minRunes int) []int32 {
	if len(gs) == 0 {
		return nil
	}
	lists := sc.lists[:0]
	for _, g := range gs {
		l, ok := x.grams[g]
		if !ok {
			return nil
		}
		lists = append(lists, l)
	}
	sc.lists = lists
	sortBySize(lists)
	out := sc.postings[:0]
	for _, p := range lists[0] {
		if p.lenWithin(minRunes, math.MaxInt) {
			out = append(out, p)
		}
	}
	for _, l := range lists[1:] {
		if len(out) == 0 {
			break
		}
		j, k := 0, 0
		for _, p := range out {
			if j = gallop(l, j, p); j < len(l) && l[j] == p {
				out[k] = p
				k++
			}
		}
		out = out[:k]
	}
	sc.postings = out
	terms := sc.terms[:0]
	for _, p := range out {
		terms = append(terms, p.term())
	}
	sc.terms = terms
	return terms
}

// sortBySize orders posting lists shortest first.
func sortBySize(lists [][]posting) {
	slices.SortFunc(lists, func(a, b []posting) int { return len(a) - len(b) })
}
