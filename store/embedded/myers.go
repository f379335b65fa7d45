package embedded

// myers computes edit distances to one pattern of at most 64 runes with
// Hyyrö's bit-parallel form of Myers' algorithm: one text rune costs a
// handful of word operations instead of a row of the dynamic programme,
// which matters when a typo pass verifies thousands of candidates.
type myers struct {
	m     int
	ascii [128]uint64     // per-rune match masks for ASCII runes
	other map[rune]uint64 // the rest (nil or empty when the pattern is ASCII)
}

// newMyers prepares pattern p; ok is false when p is too long for one word.
func newMyers(p []rune) (*myers, bool) {
	my := &myers{}
	return my, my.reset(p)
}

// reset prepares my for pattern p, reusing its tables so that a pooled
// matcher costs no allocation per search; it reports false when p is
// empty or too long for one word.
func (my *myers) reset(p []rune) bool {
	if len(p) == 0 || len(p) > 64 {
		return false
	}
	my.m = len(p)
	my.ascii = [128]uint64{}
	clear(my.other)
	for i, r := range p {
		if r < 128 {
			my.ascii[r] |= 1 << i
			continue
		}
		if my.other == nil {
			my.other = map[rune]uint64{}
		}
		my.other[r] |= 1 << i
	}
	return true
}

// distance is the edit distance (insertions, deletions, substitutions)
// between the pattern and s.
func (my *myers) distance(s string) int {
	pv, mv := ^uint64(0), uint64(0)
	last := uint64(1) << (my.m - 1)
	score := my.m
	for _, r := range s {
		var eq uint64
		if r < 128 {
			eq = my.ascii[r]
		} else if len(my.other) > 0 {
			eq = my.other[r]
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1 // the top row counts up: D[0][j] = j
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score
}
