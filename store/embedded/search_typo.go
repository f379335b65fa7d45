package embedded

import (
	"slices"
	"sync"
)

// typoBuf is the reusable scratch of one typo pass: a shared-trigram
// count per term (zero between uses), the terms touched and the pattern.
type typoBuf struct {
	counts  []uint16
	touched []posting
	cands   []cand
	grams   []gram
	lists   [][]posting
	qr      []rune
	my      myers
	lev     levBuf
}

// typoBufs keeps typo buffers across garbage collections, unlike a
// sync.Pool: a buffer holds a count per term (half a megabyte at full
// scale), and refilling a pool after every collection would allocate and
// clear one per concurrent search, feeding the next collection.
type typoBufs struct {
	mu   sync.Mutex
	free []*typoBuf
}

// maxFreeTypoBufs bounds the buffers kept idle: about one per concurrent
// search of a busy server.
const maxFreeTypoBufs = 64

func (b *typoBufs) get() *typoBuf {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.free); n > 0 {
		buf := b.free[n-1]
		b.free[n-1] = nil
		b.free = b.free[:n-1]
		return buf
	}
	return new(typoBuf)
}

func (b *typoBufs) put(buf *typoBuf) {
	clear(buf.lists[:cap(buf.lists)])
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.free) < maxFreeTypoBufs {
		b.free = append(b.free, buf)
	}
}

// typos calls f for every term within edit distance maxd of q (but not
// equal to it). A term within distance d keeps all but at most 3d of q's
// padded trigrams (need of them), so it must appear in at least one of any
// len(gs)-need+1 of their posting lists: candidates come from the rarest
// lists only, and the long lists of common trigrams are merged against
// just the candidates that pass the length bound. The bound is checked on
// the posting itself, so terms of the wrong length cost a sequential read
// and nothing more.
func (x *searchIndex) typos(q string, maxd int, f func(t int32, dist int)) {
	x.typosWhile(q, maxd, f, nil)
}

// typosWhile is typos for a caller that may stop caring about distances:
// before verifying the candidates that cannot be nearer than k, it asks
// useful(k) (nil means always) and stops on false. A candidate sharing
// fewer than len(gs)-3(k-1) trigrams is at distance k or more, so the
// ranking, once full of nearer matches, is spared their verification.
func (x *searchIndex) typosWhile(q string, maxd int, f func(t int32, dist int), useful func(k int) bool) {
	buf := x.typoBufs.get()
	defer x.typoBufs.put(buf)
	gs := uniqGrams(appendTrigrams(buf.grams[:0], q, true))
	buf.grams = gs
	need := max(len(gs)-3*maxd, 1)
	lists := buf.lists[:0]
	for _, g := range gs {
		if l := x.grams[g]; len(l) > 0 {
			lists = append(lists, l)
		}
	}
	buf.lists = lists
	if len(lists) < need {
		return
	}
	sortBySize(lists)
	// A trigram no term has cannot be shared, so need of the lists found
	// must match: any len(lists)-need+1 of them hold every candidate.
	rare, common := lists[:len(lists)-need+1], lists[len(lists)-need+1:]
	if postings(rare) > postings(common) {
		// Short queries: the rare lists are most of the work anyway, and
		// counting them all is cheaper than binary searches.
		rare, common = lists, nil
	}
	if len(buf.counts) < len(x.terms) {
		buf.counts = make([]uint16, len(x.terms)+len(x.terms)/4+64)
	}
	qr := buf.qr[:0]
	for _, r := range q {
		qr = append(qr, r)
	}
	buf.qr = qr
	lo, hi := len(qr)-maxd, len(qr)+maxd
	counts, touched := buf.counts, buf.touched[:0]
	for _, l := range rare {
		for _, p := range l {
			if !p.lenWithin(lo, hi) {
				continue
			}
			t := p.term()
			if counts[t] == 0 {
				touched = append(touched, p)
			}
			counts[t]++
		}
	}
	buf.touched = touched
	defer func() {
		for _, p := range touched {
			counts[p.term()] = 0
		}
	}()
	// Keep the candidates that can still reach need, sorted, each with its
	// count alongside, so the common lists are merged against them and the
	// counts updated without touching the per-term array again.
	cands := buf.cands[:0]
	for _, p := range touched {
		t := p.term()
		if abs(int(x.runes[t])-len(qr)) <= maxd && int(counts[t])+len(common) >= need {
			cands = append(cands, newCand(p, counts[t]))
		}
	}
	slices.Sort(cands)
	buf.cands = cands
	// A candidate is dropped as soon as the lists left cannot lift it to
	// need. When the candidates are few next to a list, each gallops ahead
	// in it instead of the list being walked.
	for ci, l := range common {
		left := len(common) - ci - 1
		walk := len(l) <= 4*len(cands)
		j, k := 0, 0
		for _, c := range cands {
			p := c.posting()
			if walk {
				for j < len(l) && l[j] < p {
					j++
				}
			} else {
				j = gallop(l, j, p)
			}
			if j < len(l) && l[j] == p {
				c++
				j++
			}
			if c.count()+left >= need {
				cands[k] = c
				k++
			}
		}
		cands = cands[:k]
	}
	fast := buf.my.reset(qr)
	for k := 1; k <= maxd; k++ {
		if k > 1 && useful != nil && !useful(k) {
			return
		}
		lo, hi := max(len(gs)-3*k, need), len(gs)-3*(k-1) // shared trigrams of the candidates of sweep k
		if k == 1 {
			hi = len(gs) + 1
		}
		for _, c := range cands {
			if n := c.count(); n < lo || n >= hi {
				continue
			}
			t := c.posting().term()
			var d int
			if fast {
				d = buf.my.distance(x.terms[t])
			} else {
				d = buf.lev.distance(qr, x.terms[t], maxd)
			}
			if d > 0 && d <= maxd {
				f(t, d)
			}
		}
	}
}

// cand is a candidate term's posting with its count of shared trigrams in
// the low bits: candidates sort by posting, and a count goes up by adding
// one.
type cand uint64

func newCand(p posting, n uint16) cand { return cand(p)<<16 | cand(n) }
func (c cand) posting() posting        { return posting(c >> 16) }
func (c cand) count() int              { return int(c & 0xffff) }

// gallop is the index of the first posting of l at or after from that is
// not less than p: it probes from, from+1, from+3, ... and then searches
// the last gap, so a run of lookups in ascending order costs about the log
// of the distance skipped rather than the distance.
func gallop(l []posting, from int, p posting) int {
	if from >= len(l) || l[from] >= p {
		return from
	}
	lo, step := from, 1 // l[lo] < p
	for lo+step < len(l) && l[lo+step] < p {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(l)) // l[hi] >= p, or hi is the end
	lo++
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l[m] < p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func postings(lists [][]posting) int {
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
