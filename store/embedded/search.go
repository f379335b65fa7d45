package embedded

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// searchIndex finds alias keys by prefix, substring and edit distance
// without scanning every name. Terms are whole alias keys and the words
// inside them; a padded trigram index over terms yields candidates that
// are then verified exactly.
type searchIndex struct {
	terms     []string
	runes     []int32          // runes[t] is the length of terms[t] in runes
	isKey     []bool           // the term is a whole alias key (else only a word of one)
	termIdx   map[string]int32 // term -> index in terms
	wordNodes [][]int32        // term -> nodes with a key containing it as a word (may repeat)
	grams     map[gram][]int32 // padded trigram -> term indexes, ascending
	keys      []string         // whole alias keys, sorted, for prefix scans
	pending   []string         // keys added since keys was last sorted
	mu        sync.Mutex       // guards keys and pending against concurrent readers
}

func newSearchIndex() *searchIndex {
	return &searchIndex{termIdx: map[string]int32{}, grams: map[gram][]int32{}}
}

// add indexes alias key k of node n. The caller holds the write lock.
func (x *searchIndex) add(k string, n int32) {
	t := x.term(k)
	if !x.isKey[t] {
		x.isKey[t] = true
		x.pending = append(x.pending, k)
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
	for _, g := range uniqGrams(trigrams(s, true)) {
		x.grams[g] = append(x.grams[g], t)
	}
	return t
}

// sortedKeys returns every whole key, sorted. The caller holds the read lock.
func (x *searchIndex) sortedKeys() []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.pending) > 0 {
		add := slices.Clone(x.pending)
		slices.Sort(add)
		x.keys, x.pending = mergeInto(x.keys, add, strings.Compare), nil
	}
	return x.keys
}

// gram is a trigram packed into an integer (21 bits per rune), so that
// indexing a term allocates no strings.
type gram uint64

// trigrams lists the trigrams of s's runes; padded adds a start and an end
// marker so that short terms and word edges count.
func trigrams(s string, padded bool) []gram {
	var r0, r1 rune
	n := 0
	var out []gram
	push := func(r rune) {
		if n >= 2 {
			out = append(out, gram(r0)<<42|gram(r1)<<21|gram(r))
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
	return out
}

func uniqGrams(gs []gram) []gram {
	slices.Sort(gs)
	return slices.Compact(gs)
}

// maxTypos is the edit distance tolerated for a query of n runes.
func maxTypos(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// Search ranks nodes: an exact alias-key match scores 1, a prefix match
// 0.7–0.9, a substring match 0.4–0.6 and a match within a small edit
// distance (of a whole key or one of its words) 0.1–0.2; longer shared
// parts score higher within a tier.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	qk := kg.AliasKey(q.Text)
	if qk == "" {
		return []kg.SearchHit{}, nil
	}
	first := q.First
	if first <= 0 {
		first = 10
	}
	st := s.st
	kinds := kindsOf(q.Kinds)
	best := map[int32]float64{}
	note := func(nodes []int32, score float64) {
		for _, n := range nodes {
			if kinds.has(st.nodes[n].kind) && score > best[n] {
				best[n] = score
			}
		}
	}
	x := st.search
	lq := utf8.RuneCountInString(qk)
	// The tiers' score ranges do not overlap, so once a tier leaves at
	// least First hits, no later tier can reach the top First.
	enough := func() bool { return len(best) >= first }
	note(st.alias[qk], 1)

	keys := x.sortedKeys()
	if !enough() {
		for i := sort.SearchStrings(keys, qk); i < len(keys) && strings.HasPrefix(keys[i], qk); i++ {
			if keys[i] != qk {
				note(st.alias[keys[i]], 0.7+0.2*float64(lq)/float64(utf8.RuneCountInString(keys[i])))
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, cancelled(err)
	}
	substring := func(k string) {
		if k != qk && !strings.HasPrefix(k, qk) && strings.Contains(k, qk) {
			note(st.alias[k], 0.4+0.2*float64(lq)/float64(utf8.RuneCountInString(k)))
		}
	}
	switch {
	case enough():
	case lq < 3:
		for _, k := range keys {
			substring(k)
		}
	default:
		for _, t := range x.intersect(trigrams(qk, false)) {
			if x.isKey[t] {
				substring(x.terms[t])
			}
		}
	}
	if d := maxTypos(lq); d > 0 && !enough() {
		x.typos(qk, d, func(t int32, dist int) {
			score := 0.3 * (1 - float64(dist)/float64(d+1))
			if x.isKey[t] {
				note(st.alias[x.terms[t]], score)
			}
			note(x.wordNodes[t], score)
		})
	}

	type scored struct {
		n     int32
		score float64
	}
	all := make([]scored, 0, len(best))
	for n, score := range best {
		all = append(all, scored{n, score})
	}
	top := topK(all, first, func(a, b scored) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		ma, mb := st.nodes[a.n].mentionCount(), st.nodes[b.n].mentionCount()
		if ma != mb {
			return ma > mb
		}
		return st.nodes[a.n].n.ID < st.nodes[b.n].n.ID
	})
	hits := make([]kg.SearchHit, len(top))
	for i, h := range top {
		hits[i] = kg.SearchHit{Node: st.nodes[h.n].n, Score: h.score}
	}
	return hits, nil
}

// topK returns the k best items of xs (better(a, b) means a ranks before
// b), best first, in O(n log k); xs is reordered.
func topK[T any](xs []T, k int, better func(a, b T) bool) []T {
	cmpf := func(a, b T) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	}
	if len(xs) <= k || len(xs) <= 64 {
		slices.SortFunc(xs, cmpf)
		return xs[:min(k, len(xs))]
	}
	if k <= 0 {
		return nil
	}
	// h is a heap whose root is the worst of the k best seen so far.
	h := xs[:0:0]
	h = append(h, xs[:k]...)
	worse := func(i, j int) bool { return better(h[j], h[i]) }
	down := func(i int) {
		for {
			l, w := 2*i+1, i
			if l < len(h) && worse(l, w) {
				w = l
			}
			if r := l + 1; r < len(h) && worse(r, w) {
				w = r
			}
			if w == i {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, x := range xs[k:] {
		if better(x, h[0]) {
			h[0] = x
			down(0)
		}
	}
	slices.SortFunc(h, cmpf)
	return h
}

// intersect returns the terms containing every trigram in gs (as
// candidates: the order of trigrams is not checked).
func (x *searchIndex) intersect(gs []gram) []int32 {
	if len(gs) == 0 {
		return nil
	}
	lists := make([][]int32, 0, len(gs))
	for _, g := range gs {
		l, ok := x.grams[g]
		if !ok {
			return nil
		}
		lists = append(lists, l)
	}
	slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		k := 0
		for _, t := range out {
			if _, ok := slices.BinarySearch(l, t); ok {
				out[k] = t
				k++
			}
		}
		out = out[:k]
		if k == 0 {
			break
		}
	}
	return out
}

// typoBuf is the reusable scratch of one typo pass: a shared-trigram
// count per term (zero between uses) and the terms touched.
type typoBuf struct {
	counts  []uint16
	touched []int32
	cands   []int32
}

var typoPool = sync.Pool{New: func() any { return new(typoBuf) }}

// typos calls f for every term within edit distance maxd of q (but not
// equal to it). A term within distance d keeps all but at most 3d of q's
// padded trigrams (need of them), so it must appear in at least one of any
// len(gs)-need+1 of their posting lists: candidates come from the rarest
// lists only, and the long lists of common trigrams are merged against
// just the candidates that pass the length bound.
func (x *searchIndex) typos(q string, maxd int, f func(t int32, dist int)) {
	gs := uniqGrams(trigrams(q, true))
	need := max(len(gs)-3*maxd, 1)
	lists := make([][]int32, 0, len(gs))
	for _, g := range gs {
		if l := x.grams[g]; len(l) > 0 {
			lists = append(lists, l)
		}
	}
	if len(lists) < need {
		return
	}
	slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	// A trigram no term has cannot be shared, so need of the lists found
	// must match: any len(lists)-need+1 of them hold every candidate.
	rare, common := lists[:len(lists)-need+1], lists[len(lists)-need+1:]
	if postings(rare) > postings(common) {
		// Short queries: the rare lists are most of the work anyway, and
		// counting them all is cheaper than binary searches.
		rare, common = lists, nil
	}
	buf := typoPool.Get().(*typoBuf)
	defer typoPool.Put(buf)
	if len(buf.counts) < len(x.terms) {
		buf.counts = make([]uint16, len(x.terms)+len(x.terms)/4+64)
	}
	counts, touched := buf.counts, buf.touched[:0]
	for _, l := range rare {
		for _, t := range l {
			if counts[t] == 0 {
				touched = append(touched, t)
			}
			counts[t]++
		}
	}
	buf.touched = touched
	qr := []rune(q)
	// Keep the candidates within the length bound, sorted, so the common
	// lists can be merged against them in one linear pass each.
	cands := buf.cands[:0]
	for _, t := range touched {
		if abs(int(x.runes[t])-len(qr)) <= maxd && int(counts[t])+len(common) >= need {
			cands = append(cands, t)
		}
	}
	slices.Sort(cands)
	buf.cands = cands
	for _, l := range common {
		i, j := 0, 0
		for i < len(cands) && j < len(l) {
			switch {
			case cands[i] < l[j]:
				i++
			case cands[i] > l[j]:
				j++
			default:
				counts[cands[i]]++
				i, j = i+1, j+1
			}
		}
	}
	my, fast := newMyers(qr)
	var lev levBuf
	for _, t := range cands {
		if int(counts[t]) < need {
			continue
		}
		var d int
		if fast {
			d = my.distance(x.terms[t])
		} else {
			d = lev.distance(qr, x.terms[t], maxd)
		}
		if d > 0 && d <= maxd {
			f(t, d)
		}
	}
	for _, t := range touched {
		counts[t] = 0
	}
}

func postings(lists [][]int32) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// levBuf holds the buffers of bounded edit-distance computations so that
// verifying many candidates does not allocate for each.
type levBuf struct {
	b         []rune
	prev, cur []int
}

// distance is the edit distance of a and b, or max+1 once it is known to
// exceed max.
func (l *levBuf) distance(a []rune, bs string, max int) int {
	l.b = l.b[:0]
	for _, r := range bs {
		l.b = append(l.b, r)
	}
	b := l.b
	if cap(l.prev) < len(b)+1 {
		l.prev, l.cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := l.prev[:len(b)+1], l.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
