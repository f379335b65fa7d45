package embedded

import (
	"slices"
	"sync"
)

// ranked is a node with its best score so far and its mention count, the
// first tie-break, kept so that comparisons do not chase the node.
type ranked struct {
	n        int32
	mentions int
	score    float64
}

// ranker keeps the best k distinct nodes offered, by score descending,
// then mention count descending, then ID ascending. It is a heap whose
// root is the worst of the k kept, so once full a candidate scoring below
// the root is turned away before its node is read. A node offered twice
// keeps its better score: a node with several matching keys must count
// once, or the k kept would hide a node that belongs in the top k.
type ranker struct {
	st    *state
	kinds kindMask
	k     int
	h     []ranked
	in    map[int32]struct{} // nodes in h, when k is too large to scan h
}

// allKinds is the mask of a search without a kind filter, which need not
// read a node to admit it.
const allKinds = ^kindMask(0)

// linearMax is the largest k for which finding a node in the heap by
// scanning beats keeping a set.
const linearMax = 32

func (r *ranker) reset(st *state, kinds kindMask, k int) {
	r.st, r.kinds, r.k, r.h = st, kinds, k, r.h[:0]
	if k > linearMax {
		if r.in == nil {
			r.in = map[int32]struct{}{}
		}
		clear(r.in)
	}
}

// full reports whether k nodes are kept: a later tier, scoring below all
// of them, cannot change the result.
func (r *ranker) full() bool { return len(r.h) >= r.k }

// admits reports whether a node scoring score could enter the top k.
// Equal to the worst kept, it might, on mentions or ID.
func (r *ranker) admits(score float64) bool { return !r.full() || score >= r.h[0].score }

// offerAll offers every node of ns at score.
func (r *ranker) offerAll(ns []int32, score float64) {
	if !r.admits(score) {
		return
	}
	for _, n := range ns {
		r.offer(n, score)
	}
}

func (r *ranker) offer(n int32, score float64) {
	if !r.admits(score) {
		return
	}
	rec := r.st.nodes[n]
	if r.kinds != allKinds && !r.kinds.has(rec.kind) {
		return
	}
	if i := r.find(n); i >= 0 {
		if score > r.h[i].score {
			r.h[i].score = score
			r.down(i) // better means further from the worst-first root
		}
		return
	}
	c := ranked{n: n, mentions: rec.mentionCount(), score: score}
	if !r.full() {
		r.h = append(r.h, c)
		r.up(len(r.h) - 1)
		if r.k > linearMax {
			r.in[n] = struct{}{}
		}
		return
	}
	if !r.better(c, r.h[0]) {
		return
	}
	if r.k > linearMax {
		delete(r.in, r.h[0].n)
		r.in[n] = struct{}{}
	}
	r.h[0] = c
	r.down(0)
}

// find is n's index in the heap, or -1.
func (r *ranker) find(n int32) int {
	if r.k > linearMax {
		if _, ok := r.in[n]; !ok {
			return -1
		}
	}
	for i := range r.h {
		if r.h[i].n == n {
			return i
		}
	}
	return -1
}

// better reports whether a ranks before b.
func (r *ranker) better(a, b ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.mentions != b.mentions {
		return a.mentions > b.mentions
	}
	return r.st.nodes[a.n].n.ID < r.st.nodes[b.n].n.ID
}

// worse orders the heap: the root is the worst kept.
func (r *ranker) worse(i, j int) bool { return r.better(r.h[j], r.h[i]) }

func (r *ranker) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !r.worse(i, p) {
			return
		}
		r.h[i], r.h[p] = r.h[p], r.h[i]
		i = p
	}
}

func (r *ranker) down(i int) {
	for {
		l, w := 2*i+1, i
		if l < len(r.h) && r.worse(l, w) {
			w = l
		}
		if c := l + 1; c < len(r.h) && r.worse(c, w) {
			w = c
		}
		if w == i {
			return
		}
		r.h[i], r.h[w] = r.h[w], r.h[i]
		i = w
	}
}

// ranked returns the nodes kept, best first, in the ranker's buffer.
func (r *ranker) ranked() []ranked { return topK(r.h, len(r.h), r.better) }

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

// scratch is the reusable memory of one search, so that a call allocates
// little more than its result: at full scale the process holds a heap of
// gigabytes, and garbage made per query brings on collections whose
// assists land on the queries' own latency.
type scratch struct {
	rank     ranker
	grams    []gram
	lists    [][]posting
	postings []posting
	terms    []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns sc to the pool, dropping what would pin a store or
// hold an outsized buffer.
func putScratch(sc *scratch) {
	sc.rank.st = nil
	if cap(sc.rank.h) > 1024 {
		sc.rank.h = nil
		sc.rank.in = nil
	}
	clear(sc.lists[:cap(sc.lists)])
	scratchPool.Put(sc)
}
