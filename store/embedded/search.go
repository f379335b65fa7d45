package embedded

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// Search ranks nodes: an exact alias-key match scores 1, a prefix match
// 0.7–0.9, a substring match 0.4–0.6 and a match within a small edit
// distance (of a whole key or one of its words) 0.1–0.2; longer shared
// parts score higher within a tier. Ties go to the node with more
// mentions, then to the smaller ID.
//
// The tiers' score ranges do not overlap and within the prefix and
// substring tiers a score depends only on the key's length, so a bounded
// top-First ranking can turn candidates away by length alone, before
// their nodes are looked at, and a tier is skipped once First nodes rank
// above anything it could offer.
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
	x := st.search
	sc := getScratch()
	defer putScratch(sc)
	rk := &sc.rank
	rk.reset(st, kindsOf(q.Kinds), first)
	lq := utf8.RuneCountInString(qk)

	rk.offerAll(st.alias[qk], 1)
	keys := x.sortedKeys()
	if !rk.full() {
		prefixTier(rk, keys, qk, lq)
	}
	if err := ctx.Err(); err != nil {
		return nil, cancelled(err)
	}
	if !rk.full() {
		x.substringTier(rk, sc, keys, qk, lq)
	}
	if d := maxTypos(lq); d > 0 && !rk.full() {
		score := func(dist int) float64 { return 0.3 * (1 - float64(dist)/float64(d+1)) }
		x.typosWhile(qk, d, func(t int32, dist int) {
			if x.isKey[t] {
				rk.offerAll(st.alias[x.terms[t]], score(dist))
			}
			rk.offerAll(x.wordNodes[t], score(dist))
		}, func(k int) bool { return rk.admits(score(k)) })
	}

	top := rk.ranked()
	hits := make([]kg.SearchHit, len(top))
	for i, h := range top {
		hits[i] = kg.SearchHit{Node: nodeOut(&st.nodes[h.n].n), Score: h.score}
	}
	return hits, nil
}

// prefixScore and substringScore are the tiers' scores for a query of lq
// runes inside a key of kr runes.
func prefixScore(lq, kr int) float64    { return 0.7 + 0.2*float64(lq)/float64(kr) }
func substringScore(lq, kr int) float64 { return 0.4 + 0.2*float64(lq)/float64(kr) }

// prefixTier offers the nodes of every key that starts with qk (and is
// not qk). Keys too long to beat the current First are passed over
// without a map lookup, which is what keeps a common first word (a given
// name, "Executive") cheap.
func prefixTier(rk *ranker, keys keyList, qk string, lq int) {
	for i := keys.lowerBound(qk); i < len(keys) && strings.HasPrefix(keys[i].k, qk); i++ {
		e := keys[i]
		if e.k == qk {
			continue
		}
		score := prefixScore(lq, int(e.runes))
		if rk.admits(score) {
			rk.offerAll(rk.st.alias[e.k], score)
		}
	}
}

// substringTier offers the nodes of every key containing qk that neither
// equals it nor starts with it. Queries of three runes or more take their
// candidates from the trigram index; shorter ones scan the keys.
func (x *searchIndex) substringTier(rk *ranker, sc *scratch, keys keyList, qk string, lq int) {
	offer := func(k string, kr int) {
		score := substringScore(lq, kr)
		if rk.admits(score) && k != qk && !strings.HasPrefix(k, qk) && strings.Contains(k, qk) {
			rk.offerAll(rk.st.alias[k], score)
		}
	}
	if lq < 3 {
		for _, e := range keys {
			offer(e.k, int(e.runes))
		}
		return
	}
	for _, t := range x.intersect(sc, appendTrigrams(sc.grams[:0], qk, false), lq) {
		if x.isKey[t] {
			offer(x.terms[t], int(x.runes[t]))
		}
	}
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
