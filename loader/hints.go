package loader

// Every relation and order trigger, and several fixed patterns, run only
// when one of their hint substrings occurs in the lower-cased sentence.
// Testing each hint with strings.Contains cost one pass over the sentence
// per hint (well over a hundred per sentence); an Aho-Corasick automaton
// over all hints finds every one of them in a single pass instead.

// maxHints bounds the number of distinct hints (the width of hintMask).
const maxHints = 256

// hintMask is a set of hints, one bit per distinct hint string.
type hintMask [maxHints / 64]uint64

func (m *hintMask) set(i int) { m[i/64] |= 1 << (i % 64) }
func (m *hintMask) or(o *hintMask) {
	for i := range m {
		m[i] |= o[i]
	}
}
func (m *hintMask) meets(o *hintMask) bool {
	return m[0]&o[0] != 0 || m[1]&o[1] != 0 || m[2]&o[2] != 0 || m[3]&o[3] != 0
}
func (m *hintMask) isEmpty() bool { return *m == hintMask{} }

// hintGroup is the hints of one test: it passes when any of them occurs,
// or always when it has none (as hinted does).
type hintGroup struct {
	mask   hintMask
	always bool
}

// hintIndex is an Aho-Corasick automaton over a fixed set of hints with a
// dense transition table over byte classes.
type hintIndex struct {
	ids     map[string]int
	class   [256]uint8
	nclass  int
	next    []int32 // state*nclass + class -> state
	out     []hintMask
	emits   []bool // emits[st]: out[st] is not empty; a byte per state keeps the scan's reads small
	pending []string
}

// group registers hints (before build) and returns their group.
func (h *hintIndex) group(hints ...string) hintGroup {
	var g hintGroup
	if len(hints) == 0 {
		g.always = true
		return g
	}
	if h.ids == nil {
		h.ids = map[string]int{}
	}
	for _, s := range hints {
		if s == "" {
			g.always = true // Contains(x, "") holds for every x
			continue
		}
		id, ok := h.ids[s]
		if !ok {
			id = len(h.ids)
			if id >= maxHints {
				panic("loader: too many hints")
			}
			h.ids[s] = id
			h.pending = append(h.pending, s)
		}
		g.mask.set(id)
	}
	return g
}

// build makes the automaton; groups registered later are not found.
func (h *hintIndex) build() {
	h.nclass = 1 // class 0: bytes that occur in no hint
	for _, s := range h.pending {
		for i := 0; i < len(s); i++ {
			if h.class[s[i]] == 0 {
				h.class[s[i]] = uint8(h.nclass)
				h.nclass++
			}
		}
	}
	// Trie, with -1 for a missing edge.
	h.next = make([]int32, h.nclass)
	for i := range h.next {
		h.next[i] = -1
	}
	h.out = []hintMask{{}}
	for _, s := range h.pending {
		st := int32(0)
		for i := 0; i < len(s); i++ {
			c := int32(h.class[s[i]])
			nx := h.next[st*int32(h.nclass)+c]
			if nx < 0 {
				nx = int32(len(h.out))
				h.out = append(h.out, hintMask{})
				for k := 0; k < h.nclass; k++ {
					h.next = append(h.next, -1)
				}
				h.next[st*int32(h.nclass)+c] = nx
			}
			st = nx
		}
		h.out[st].set(h.ids[s])
	}
	// Breadth-first: failure links folded into a complete transition table.
	fail := make([]int32, len(h.out))
	var queue []int32
	for c := 0; c < h.nclass; c++ {
		if nx := h.next[c]; nx < 0 {
			h.next[c] = 0
		} else {
			fail[nx] = 0
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		h.out[st].or(&h.out[fail[st]])
		for c := 0; c < h.nclass; c++ {
			i := st*int32(h.nclass) + int32(c)
			f := h.next[fail[st]*int32(h.nclass)+int32(c)]
			if nx := h.next[i]; nx < 0 {
				h.next[i] = f
			} else {
				fail[nx] = f
				queue = append(queue, nx)
			}
		}
	}
	h.emits = make([]bool, len(h.out))
	for st := range h.out {
		h.emits[st] = st != 0 && !h.out[st].isEmpty() // the root is never reported
	}
	h.pending = nil
}

// scan returns the set of hints that occur in s.
func (h *hintIndex) scan(s string) hintMask {
	var found hintMask
	st := int32(0)
	n := int32(h.nclass)
	for i := 0; i < len(s); i++ {
		st = h.next[st*n+int32(h.class[s[i]])]
		if h.emits[st] {
			found.or(&h.out[st])
		}
	}
	return found
}

// has reports whether the hints found in a sentence pass group g.
func (g *hintGroup) in(found *hintMask) bool {
	return g.always || g.mask.meets(found)
}

// hints holds every hint group the extraction tests per sentence.
var hints = buildHints()

type hintGroups struct {
	idx        hintIndex
	orders     []hintGroup // parallel to lex.orders
	relations  []hintGroup // parallel to lex.relations
	groupWords hintGroup
	list       hintGroup
	counts     hintGroup
	anaCo      hintGroup
	anaAg      hintGroup
	anaPer     hintGroup
	announce   hintGroup
	judge      hintGroup
	covers     hintGroup
}

func buildHints() *hintGroups {
	h := &hintGroups{}
	for _, o := range lex.orders {
		h.orders = append(h.orders, h.idx.group(o.hints...))
	}
	for _, r := range lex.relations {
		h.relations = append(h.relations, h.idx.group(r.hints...))
	}
	h.groupWords = h.idx.group("entit", " unit", "subsidiar", "affiliate")
	h.list = h.idx.group("list")
	h.counts = h.idx.group("countries", "users", "clients", "customers", "employees", "offices", "staff", "subscribers", "workers", "people", "companies", "downloads", "devices")
	h.anaCo = h.idx.group("company", "firm")
	h.anaAg = h.idx.group("agency", "department", "ministry", "bureau", "commission", "regulator", "watchdog", "office")
	h.anaPer = h.idx.group(" he ", "she ", " he,", "she,", "he said", "he added")
	h.announce = h.idx.group("announc", "unveil")
	h.judge = h.idx.group("the judge", "the justice", "the magistrate")
	h.covers = h.idx.group("cover", "apply to", "applies to", "applied to", "extend")
	h.idx.build()
	return h
}

// hintsIn is the set of hints sentence si contains, computed once.
func (x *extraction) hintsIn(si int) *hintMask {
	if x.hintDone == nil {
		x.hintSets = make([]hintMask, len(x.sents))
		x.hintDone = make([]bool, len(x.sents))
	}
	if !x.hintDone[si] {
		x.hintSets[si] = hints.idx.scan(x.lower(si))
		x.hintDone[si] = true
	}
	return &x.hintSets[si]
}
